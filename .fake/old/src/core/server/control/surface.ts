import type { ScenarioDefinition } from "../../config/types";
import type { Behavior } from "../../../shared/health";
import type { RateLimitSnapshot } from "../../../shared/rateLimits";
import type { StatsSnapshot } from "../../../shared/stats";

/** A fault queued for the next matching request(s), as the control API shows it. */
export type QueuedFault = Record<string, unknown>;

/** What the /__mock/ control API may read and change on the running server. */
export interface ControlSurface {
  scenarios(): readonly ScenarioDefinition[];
  scenario(): string;
  behavior(): Behavior;
  /** Throws on an unknown name, with the known ones in the message. */
  setScenario(name: string): void;
  stats(): StatsSnapshot;
  rateLimits(): RateLimitSnapshot;
  /** Refills every budget. */
  resetRateLimits(): void;
  /** Scenario, overrides, fault queue, journal, stats and budgets back to the configured state. */
  reset(): void;
  /** The fault queue; the routes answer 501 without one. */
  faults?: {
    /** Validates and queues; throws an Error with a message fit for the client on bad input. */
    queue(spec: unknown): QueuedFault;
    list(): QueuedFault[];
    clear(): number;
  };
}
