// The dashboard page: live numbers and charts from the host's stats messages. Paused, it keeps
// the latest snapshot without drawing it; resuming draws that one, so nothing is replayed.
import "./dashboard.css";
import { applyBrowserTheme, loadPageStyles } from "../components";
import { connectHost } from "../transport";
import type { RateLimitSnapshot } from "../../src/shared/rateLimits";
import type { StatsSnapshot } from "../../src/shared/stats";
import { createCharts } from "./charts";
import type { DashboardToHost, DashboardToPage, DashboardViewState } from "../../src/shared/pages/dashboard/protocol";
import { createDashboardView } from "./view";

loadPageStyles("dashboard");
applyBrowserTheme();
const host = connectHost<DashboardToPage, DashboardToHost>("dashboard");
const saved = host.getState<DashboardViewState>();
let paused = saved?.paused === true;
let latest: StatsSnapshot | null = null;
let drawn: StatsSnapshot | null = null;
/** Rate limits travel with the stats and obey the same pause. */
let latestLimits: RateLimitSnapshot | null = null;
let drawnLimits: RateLimitSnapshot | null = null;
let waiting = 0;
let forceNext = false;
/** When the totals last dropped: the log was cleared (or the control API reset), and the stats with it. */
let resetAt: number | null = null;

const view = createDashboardView({
  onRefresh: () => {
    forceNext = true; // an explicit refresh draws even while paused
    host.post({ type: "stats/refresh" });
  },
  onTogglePause: () => {
    paused = !paused;
    host.setState<DashboardViewState>({ paused });
    if (!paused) draw();
    view.setPaused(paused, waiting);
  },
});
document.getElementById("app")!.replaceChildren(view.root);
const charts = createCharts(view.canvases);

function draw(): void {
  waiting = 0;
  if (latestLimits && latestLimits !== drawnLimits) {
    drawnLimits = latestLimits;
    view.renderRateLimits(latestLimits);
  }
  if (!latest || latest === drawn) return;
  if (drawn && latest.total < drawn.total) resetAt = latest.at;
  drawn = latest;
  view.renderNumbers(latest);
  charts.update(latest);
  view.setUpdatedAt(latest.at, resetAt);
}

function receive(stats: StatsSnapshot, limits: RateLimitSnapshot | undefined): void {
  latest = stats;
  if (limits) latestLimits = limits;
  if (paused && !forceNext) {
    waiting++;
    view.setPaused(true, waiting);
    return;
  }
  forceNext = false;
  draw();
  if (paused) view.setPaused(true, 0);
}

host.onMessage((msg) => {
  switch (msg.type) {
    case "dashboard/snapshot":
      view.renderServer(msg.server);
      // The first snapshot always draws, so a paused, reloaded view is not blank.
      forceNext = forceNext || drawn === null;
      receive(msg.stats, msg.rateLimits);
      break;
    case "stats/update":
      receive(msg.stats, msg.rateLimits);
      break;
    case "server/status":
      view.renderServer(msg.server);
      break;
  }
});

// VS Code swaps the body's vscode-light/dark/high-contrast class and rewrites the --vscode-* variables
// on <html> when the theme changes; recolour the charts once per frame after either.
let themeFrame = 0;
const onTheme = new MutationObserver(() => {
  themeFrame ||= requestAnimationFrame(() => {
    themeFrame = 0;
    charts.applyTheme();
  });
});
onTheme.observe(document.body, { attributes: true, attributeFilter: ["class"] });
onTheme.observe(document.documentElement, { attributes: true, attributeFilter: ["style"] });
view.setPaused(paused, 0);
host.post({ type: "ready" });
