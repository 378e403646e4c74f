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
  private readonly entries = new Map<string, Kept<RespondOutput>>();
  private readonly pools = new Map<string, Kept<RespondOutput[]>>();
  constructor(
    private readonly capacity = 256,
    private readonly poolCapacity = 64,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether answers to this input may be served again (so their serialized JSON is worth keeping). */
  reuses(input: Pick<RespondInput, "seed" | "temperature" | "tools">): boolean {
    return deterministic(input) || pooled(input);
  }

  respond(input: RespondInput, bodyText: string): RespondOutput {
    if (!deterministic(input) && !pooled(input)) return respond(input);
    // Large bodies are keyed by digest, so 256 cached megabyte prompts cost 256 short strings, not 256 MB.
    const key = bodyText.length > 2048 ? createHash("sha256").update(bodyText).digest("base64") : bodyText;
    if (deterministic(input)) {
      const hit = lookup(this.entries, key, input);
      if (hit) return hit.value;
      const out = respond(input);
      store(this.entries, key, input, out, this.capacity);
      return out;
    }
    const pool = lookup(this.pools, key, input);
    if (pool && pool.value.length >= POOL_VARIANTS)
      return pool.value[Math.floor(this.random() * pool.value.length)] ?? respond(input);
    const out = respond(input);
    if (pool) pool.value.push(out);
    else store(this.pools, key, input, [out], this.poolCapacity);
    return out;
  }
}

const deterministic = (input: Pick<RespondInput, "seed" | "temperature">) =>
  input.seed != null || input.temperature === 0;

const pooled = (input: Pick<RespondInput, "seed" | "temperature" | "tools">) =>
  !deterministic(input) && !input.tools?.length;

/** The entry for key if its config-derived inputs match, moved to the recent end. */
function lookup<T>(map: Map<string, Kept<T>>, key: string, input: RespondInput): Kept<T> | undefined {
  const hit = map.get(key);
  if (!hit || hit.maxTokens !== input.maxTokens || hit.temperature !== input.temperature) return undefined;
  if (hit.topP !== (input.top_p ?? null)) return undefined;
  map.delete(key);
  map.set(key, hit);
  return hit;
}

function store<T>(map: Map<string, Kept<T>>, key: string, input: RespondInput, value: T, capacity: number): void {
  map.delete(key);
  map.set(key, { maxTokens: input.maxTokens, temperature: input.temperature, topP: input.top_p ?? null, value });
  if (map.size > capacity) map.delete(map.keys().next().value!);
}
