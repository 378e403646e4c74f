export {
  healthSnapshot,
  certificateHealth,
  configRows,
  expiryWarning,
  type HealthSnapshotOptions,
} from "./healthSnapshot";
export { createHealthController, type HealthController, type HealthControllerOptions } from "./healthController";
export type { HealthSnapshot, CertificateHealth, ConfigRow } from "../../shared/health";
