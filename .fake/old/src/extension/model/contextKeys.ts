import type { ServerState } from "../../core";

/** Context keys used by `enablement` and `when` clauses in package.json. */
export const CONTEXT_KEYS = {
  running: "mockGpt.serverRunning",
  starting: "mockGpt.serverStarting",
} as const;

export type ContextKeyValues = Record<(typeof CONTEXT_KEYS)[keyof typeof CONTEXT_KEYS], boolean>;

/** "starting" covers stopping too: both are transitions during which Start must stay disabled. */
export function contextKeysFor(state: ServerState): ContextKeyValues {
  return {
    [CONTEXT_KEYS.running]: state === "running",
    [CONTEXT_KEYS.starting]: state === "starting" || state === "stopping",
  };
}
