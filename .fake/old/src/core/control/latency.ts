import { Rng, hash128 } from "../responder/rng";

/** How long an answer takes: the knobs of [responses], a scenario, a rule or the x-mock-* headers. */
export interface LatencySettings {
  /** Added to every response; streams spread it over their chunks (its meaning before the latency model). */
  delayMs: number;
  /** Time to the first byte (non-streamed) or the first content chunk (streamed). */
  ttftMs: number;
  /** Pacing of stream chunks and the body time of non-streamed answers; 0 = unpaced. */
  tokensPerSecond: number;
  /** Each duration is drawn uniformly within ± this share of its nominal value. */
  jitterPercent: number;
}

export const NO_LATENCY: LatencySettings = Object.freeze({
  delayMs: 0,
  ttftMs: 0,
  tokensPerSecond: 0,
  jitterPercent: 0,
});

/** The concrete waits of one request, drawn once at arrival. */
export interface LatencyPlan {
  /** Before the headers (non-streamed: before the whole answer, body time included). */
  firstMs: number;
  /** Streams: the wait before each event after the first (length = events - 1). */
  gapsMs: number[];
}

/** A source of [0, 1) numbers: seeded for reproducible timings, Math.random otherwise. */
export type Random = () => number;

/**
 * Timings are reproducible when a seed is known (the request's `seed`, else `[responses] seed`):
 * the same seed and request body give the same draws, whatever else runs concurrently.
 */
export function latencyRandom(seed: number | string | null | undefined, body: string): Random {
  if (seed === null || seed === undefined) return Math.random;
  const rng = new Rng(`latency:${seed}:${hash128(body).join(".")}`);
  return () => rng.next();
}

/** `value` spread uniformly over ± jitter percent, never below zero. */
export function jittered(value: number, jitterPercent: number, random: Random): number {
  if (value <= 0) return 0;
  if (jitterPercent <= 0) return value;
  return Math.max(0, value * (1 + ((random() * 2 - 1) * Math.min(jitterPercent, 100)) / 100));
}

/**
 * Plans a response's timing. `events` is the number of SSE events of a stream (0 for a JSON
 * answer); `tokens` the completion tokens, whose body time a JSON answer pays in one wait.
 * Streams: each event after the first waits one token's time, plus an even share of delayMs.
 */
export function planLatency(s: LatencySettings, events: number, tokens: number, random: Random): LatencyPlan {
  const ttft = jittered(s.ttftMs, s.jitterPercent, random);
  const perToken = s.tokensPerSecond > 0 ? 1000 / s.tokensPerSecond : 0;
  if (events <= 0) {
    const body = jittered(perToken * tokens, s.jitterPercent, random);
    return { firstMs: ttft + body + s.delayMs, gapsMs: [] };
  }
  const share = s.delayMs / events;
  const gapsMs: number[] = [];
  for (let i = 1; i < events; i++) gapsMs.push(jittered(perToken, s.jitterPercent, random) + share);
  return { firstMs: ttft + share, gapsMs };
}

/** Nominal total time of an answer, for the picker's descriptions and tests. */
export function nominalMs(s: LatencySettings, tokens: number): number {
  return s.delayMs + s.ttftMs + (s.tokensPerSecond > 0 ? (1000 * tokens) / s.tokensPerSecond : 0);
}
