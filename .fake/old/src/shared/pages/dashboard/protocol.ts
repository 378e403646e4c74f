// Messages between the dashboard page and its host (the VS Code panel or the /ui route), shared by both sides.
import type { RateLimitSnapshot } from "../../rateLimits";
import type { StatsSnapshot } from "../../stats";

/** The few server facts the dashboard header shows. */
export interface DashboardServerInfo {
  state: string;
  url: string | null;
  scenario: string;
}

/**
 * Host → page. The snapshot answers `ready`; `stats/update` follows at most a few times per second.
 * `rateLimits` is the per-client budget standing at the same moment; absent means "unchanged".
 */
export type DashboardToPage =
  | { type: "dashboard/snapshot"; stats: StatsSnapshot; server: DashboardServerInfo; rateLimits?: RateLimitSnapshot }
  | { type: "stats/update"; stats: StatsSnapshot; rateLimits?: RateLimitSnapshot }
  | { type: "server/status"; server: DashboardServerInfo };

/** Page → host. */
export type DashboardToHost = { type: "ready" } | { type: "stats/refresh" };

/** What the page keeps across hide/reload through the transport's getState/setState. */
export interface DashboardViewState {
  paused: boolean;
}

/** Host-side guard: messages from a page are untrusted input. */
export function isDashboardCommand(msg: unknown): msg is DashboardToHost {
  const type = (msg as { type?: unknown } | null)?.type;
  return type === "ready" || type === "stats/refresh";
}
