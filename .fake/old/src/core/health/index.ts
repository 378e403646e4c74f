export { healthSnapshot, expiryWarning } from "./healthSnapshot";
export type { HealthSnapshot } from "../../shared/health";
