import type { HealthToPage } from "../../../shared/pages/health/protocol";
import { isHealthCommand } from "../../../shared/pages/health/protocol";
import type { MockServer } from "../../server/mockServer";
import { healthSnapshot, type HealthSnapshotOptions } from "../../health/healthSnapshot";
import type { PageController, PagePost } from "../controller";

export interface HealthControllerOptions {
  server: MockServer;
  /** Refresh period while the page is visible. @default 3000 */
  intervalMs?: number;
  /** Coalesces bursts of server "status" events (connections opening and closing). @default 250 */
  throttleMs?: number;
  /** Passed to healthSnapshot (warning threshold, clock). */
  snapshot?: Omit<HealthSnapshotOptions, "now">;
}

/**
 * The health page's host logic, free of vscode: a snapshot on `ready`, then `health/update` every
 * intervalMs while visible and shortly after each server status change.
 */
export function createHealthController(post: PagePost<HealthToPage>, options: HealthControllerOptions): PageController {
  const { server } = options;
  const intervalMs = options.intervalMs ?? 3000;
  const throttleMs = options.throttleMs ?? 250;
  let ready = false;
  let visible = true;
  let disposed = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const snap = () => healthSnapshot(server, options.snapshot);
  const send = () => {
    if (pending) clearTimeout(pending);
    pending = null;
    if (!disposed && ready && visible) post({ type: "health/update", health: snap() });
  };
  const startTimer = () => {
    if (timer || !ready || !visible || disposed || intervalMs <= 0) return;
    timer = setInterval(send, intervalMs);
    timer.unref?.();
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const onStatus = () => {
    if (pending || !ready || !visible || disposed) return;
    pending = setTimeout(send, throttleMs);
    pending.unref?.();
  };
  server.on("status", onStatus);

  return {
    onMessage(msg) {
      if (disposed || !isHealthCommand(msg)) return;
      if (msg.type === "ready") {
        ready = true;
        post({ type: "health/snapshot", health: snap() });
        startTimer();
      } else send();
    },
    setVisible(v) {
      visible = v;
      if (v) {
        send();
        startTimer();
      } else stopTimer();
    },
    dispose() {
      disposed = true;
      stopTimer();
      if (pending) clearTimeout(pending);
      server.off("status", onStatus);
    },
  };
}
