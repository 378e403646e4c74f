export { StatsTracker } from "./statsTracker";
export { percentile } from "./latencySamples";
export { sharedStatsTracker } from "./sharedTracker";
export type { StatsSnapshot } from "../../shared/stats";
