import type { DashboardServerInfo, DashboardToPage } from "../../../shared/pages/dashboard/protocol";
import { isDashboardCommand } from "../../../shared/pages/dashboard/protocol";
import type { MockServer } from "../../server/mockServer";
import type { StatsTracker } from "../../stats/statsTracker";
import { sharedStatsTracker } from "../../stats/sharedTracker";
import type { PageController, PagePost } from "../controller";

export interface DashboardControllerOptions {
  server: MockServer;
  /** Statistics to show, already attached to server.log. @default sharedStatsTracker(server) */
  tracker?: StatsTracker;
  /** Minimum gap between two `stats/update` messages while requests flow. @default 250 */
  throttleMs?: number;
  /** Idle refresh, so requests/s decays and the series scrolls without traffic. 0 disables. @default 1000 */
  tickMs?: number;
}

function serverInfo(server: MockServer): DashboardServerInfo {
  const s = server.status();
  return { state: s.state, url: s.url, scenario: s.scenario };
}

/**
 * The dashboard's host logic, free of vscode: answers `ready` with a snapshot, then coalesces log
 * events into at most one `stats/update` per throttle interval, so a burst of 1,000 requests costs
 * the page a handful of redraws.
 */
export function createDashboardController(
  post: PagePost<DashboardToPage>,
  options: DashboardControllerOptions,
): PageController {
  const { server } = options;
  const tracker = options.tracker ?? sharedStatsTracker(server);
  const throttleMs = options.throttleMs ?? 250;
  const tickMs = options.tickMs ?? 1000;
  let ready = false;
  let visible = true;
  let disposed = false;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;

  const send = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (disposed || !ready || !visible) return;
    lastSent = Date.now();
    post({ type: "stats/update", stats: tracker.snapshot(), rateLimits: server.rateLimits.snapshot() });
  };
  const schedule = () => {
    if (pending || !ready || !visible) return;
    pending = setTimeout(send, Math.max(0, lastSent + throttleMs - Date.now()));
    pending.unref?.();
  };
  const onLog = () => schedule();
  const onStatus = () => {
    if (ready && visible && !disposed) post({ type: "server/status", server: serverInfo(server) });
  };

  const log = server.log;
  log.on("added", onLog);
  log.on("updated", onLog);
  log.on("evicted", onLog);
  log.on("cleared", onLog);
  server.on("status", onStatus);
  const ticker = tickMs > 0 ? setInterval(() => Date.now() - lastSent >= tickMs && send(), tickMs) : null;
  ticker?.unref?.();

  return {
    onMessage(msg) {
      if (disposed || !isDashboardCommand(msg)) return;
      if (msg.type === "ready") {
        ready = true;
        lastSent = Date.now();
        post({
          type: "dashboard/snapshot",
          stats: tracker.snapshot(),
          server: serverInfo(server),
          rateLimits: server.rateLimits.snapshot(),
        });
      } else send();
    },
    setVisible(v) {
      visible = v;
      if (v) send();
    },
    dispose() {
      disposed = true;
      if (pending) clearTimeout(pending);
      if (ticker) clearInterval(ticker);
      log.off("added", onLog);
      log.off("updated", onLog);
      log.off("evicted", onLog);
      log.off("cleared", onLog);
      server.off("status", onStatus);
    },
  };
}
