import type { MockGptConfig } from "../config/types";
import type { Logger } from "../log/logger";
import type { RequestLog } from "../log/requestLog";
import type { RateLimits } from "../rateLimits/service";
import type { ControlSurface } from "./control/surface";
import type { Behavior, ServerStatus } from "./types";
import type { ControlState } from "../control/plan";

/** What request handlers may read from the running server. Read per request, so changes apply live. */
export interface ServerRuntime {
  readonly log: RequestLog;
  readonly logger: Logger;
  config(): MockGptConfig;
  behavior(): Behavior;
  scenario(): string;
  /** Aborts when the listener stops: pending delays and streams end at once. */
  signal(): AbortSignal;
  status(): ServerStatus;
  /** Per-client budgets; every API response reports them in x-ratelimit-* headers. */
  readonly rateLimits: RateLimits;
  /** What the /__mock/ control API steers. */
  readonly controlApi: ControlSurface;
  /** Scenario, rules and queued faults, for planning one request (src/core/control/plan.ts). */
  control(): ControlState;
}
