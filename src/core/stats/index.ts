export { StatsTracker, type StatsTrackerOptions } from "./statsTracker";
export { percentile } from "./latencySamples";
export {
  createDashboardController,
  sharedStatsTracker,
  type DashboardController,
  type DashboardControllerOptions,
} from "./dashboardController";
export type { StatsSnapshot, SeriesPoint } from "../../shared/stats";
