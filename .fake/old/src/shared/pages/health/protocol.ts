// Messages between the health page and its host (the VS Code panel or the /ui route), shared by both sides.
import type { HealthSnapshot } from "../../health";

export type { HealthSnapshot };

/** Host → page. The snapshot answers `ready`; updates follow every few seconds and on server status changes. */
export type HealthToPage =
  { type: "health/snapshot"; health: HealthSnapshot } | { type: "health/update"; health: HealthSnapshot };

/** Page → host. */
export type HealthToHost = { type: "ready" } | { type: "health/refresh" };

/** Host-side guard: messages from a page are untrusted input. */
export function isHealthCommand(msg: unknown): msg is HealthToHost {
  const type = (msg as { type?: unknown } | null)?.type;
  return type === "ready" || type === "health/refresh";
}
