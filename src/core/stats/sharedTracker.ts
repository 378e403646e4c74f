import type { MockServer } from "../server/mockServer";
import { StatsTracker } from "./statsTracker";

const shared = new WeakMap<MockServer, StatsTracker>();

/**
 * One tracker per server, shared by every dashboard (panel and /ui page) and attached on first use,
 * seeded from what the log still holds. Call it at activation to count from the very first request.
 */
export function sharedStatsTracker(server: MockServer): StatsTracker {
  let t = shared.get(server);
  if (!t) {
    t = new StatsTracker();
    t.attach(server.log);
    shared.set(server, t);
  }
  return t;
}
