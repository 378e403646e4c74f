import type { ScenarioDefinition } from "../config/types";
import type { Exchange } from "../server/exchange";
import type { ServerRuntime } from "../server/runtime";
import type { RateStanding } from "../openai/errors";
import { estimateTokens } from "./service";

const int = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : null);

/**
 * Spends a chat or Responses request from its caller's budget before anything else happens to it
 * (as OpenAI checks limits first), or throws the 429. An unknown model is left to the 400 that
 * follows. `scenario` is one chosen for this request alone (x-mock-scenario, a rule).
 */
export function admitRequest(
  x: Exchange,
  rt: ServerRuntime,
  body: unknown,
  scenario: ScenarioDefinition | null = null,
): void {
  if (!x.model || !rt.config().models.available.includes(x.model)) return;
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const max = int(b.max_completion_tokens) ?? int(b.max_tokens) ?? int(b.max_output_tokens);
  // OpenAI reserves max_tokens for each of the n choices.
  const n = int(b.n) ?? 1;
  x.limits = rt.rateLimits.admit(
    x.caller,
    x.model,
    estimateTokens(x.body.length, max === null ? null : max * n),
    scenario,
  );
}

/**
 * The budgets this request's x-ratelimit-* headers report (its admission's, else its caller's
 * standing), so an injected 429 can quote the same limits.
 */
export function standingOf(x: Exchange, rt: ServerRuntime): RateStanding {
  return x.limits?.state() ?? rt.rateLimits.standing(x.caller, x.model);
}
