import type { MockServer } from "../server/mockServer";
import type { StatsTracker } from "./statsTracker";

/**
 * One tracker per server, shared by every dashboard (panel and /ui page) and the control API, attached
 * on first use and seeded from what the log still holds. Call it at activation to count from the first request.
 */
export function sharedStatsTracker(server: MockServer): StatsTracker {
  return server.stats;
}
