import { createHash } from "node:crypto";
import { respond } from "./index";
import type { RespondInput, RespondOutput } from "./types";

/** Answers kept per sampled request: variety that costs no generation once the pool is full. */
export const POOL_VARIANTS = 16;

interface Kept<T> {
  maxTokens: number | null;
  temperature: number;
  topP: number | null;
  value: T;
}

/**
 * Reuses generated answers, the largest per-request cost after TLS:
 * - seeded and temperature-0 requests are deterministic by contract: one answer per request, reused
 *   (CI suites repeat the same prompts);
 * - sampled requests (temperature > 0, no seed) draw from a pool: the first POOL_VARIANTS requests
 *   with the same body each generate a fresh answer, later ones get one of those at random. A client
 *   sees the same spread of answers; the server stops paying for it. Requests with tools are not
 *   pooled, so tool-call ids never repeat across sampled answers.
 * Keyed by the exact request body plus the inputs that come from config; small LRUs via Map order.
 */
export class DeterministicMemo {
  /** Keyed by the body alone (no concatenated key to build and hash per request); the config-derived inputs are checked on the hit. */
  private readonly entries: RecentAnswers<RespondOutput>;
  private readonly pools: RecentAnswers<RespondOutput[]>;
  constructor(
    capacity = 256,
    poolCapacity = 64,
    private readonly random: () => number = Math.random,
  ) {
    this.entries = new RecentAnswers(capacity);
    this.pools = new RecentAnswers(poolCapacity);
  }

  /** Whether answers to this input may be served again (so their serialized JSON is worth keeping). */
  reuses(input: Pick<RespondInput, "seed" | "temperature" | "tools">): boolean {
    return deterministic(input) || pooled(input);
  }

  respond(input: RespondInput, bodyText: string): RespondOutput {
    if (!deterministic(input) && !pooled(input)) return respond(input);
    // Large bodies are keyed by digest, so 256 cached megabyte prompts cost 256 short strings, not 256 MB.
    const key = bodyText.length > 2048 ? createHash("sha256").update(bodyText).digest("base64") : bodyText;
    if (deterministic(input)) {
      const hit = this.entries.lookup(key, input);
      if (hit) return hit.value;
      const out = respond(input);
      this.entries.store(key, input, out);
      return out;
    }
    const pool = this.pools.lookup(key, input);
    if (pool && pool.value.length >= POOL_VARIANTS)
      return pool.value[Math.floor(this.random() * pool.value.length)] ?? respond(input);
    const out = respond(input);
    if (pool) pool.value.push(out);
    else this.pools.store(key, input, [out]);
    return out;
  }
}

const deterministic = (input: Pick<RespondInput, "seed" | "temperature">) =>
  input.seed != null || input.temperature === 0;

const pooled = (input: Pick<RespondInput, "seed" | "temperature" | "tools">) =>
  !deterministic(input) && !input.tools?.length;

/**
 * A small LRU of kept answers (Map order is recency order). The entry used last is remembered, so
 * a run of the same request (a suite repeating one prompt, the usual case) does not delete and
 * re-insert it each time: that leaves holes which make the Map rebuild its table every few requests.
 */
class RecentAnswers<T> {
  private readonly map = new Map<string, Kept<T>>();
  private newest: Kept<T> | undefined;
  constructor(private readonly capacity: number) {}

  /** The entry for key if its config-derived inputs match, moved to the recent end. */
  lookup(key: string, input: RespondInput): Kept<T> | undefined {
    const hit = this.map.get(key);
    if (!hit || hit.maxTokens !== input.maxTokens || hit.temperature !== input.temperature) return undefined;
    if (hit.topP !== (input.top_p ?? null)) return undefined;
    if (hit !== this.newest) {
      this.map.delete(key);
      this.map.set(key, hit);
      this.newest = hit;
    }
    return hit;
  }

  store(key: string, input: RespondInput, value: T): void {
    const kept = { maxTokens: input.maxTokens, temperature: input.temperature, topP: input.top_p ?? null, value };
    this.map.delete(key);
    this.map.set(key, kept);
    this.newest = kept;
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}
