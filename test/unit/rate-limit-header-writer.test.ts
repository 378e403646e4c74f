import { test } from "node:test";
import assert from "node:assert/strict";
import { rateLimitHeaders } from "../../src/core/rateLimits/errors";
import { writeRateLimitHeaders } from "../../src/core/rateLimits/headerWriter";
import type { BucketState } from "../../src/core/rateLimits/limiter";

// Edges of formatDuration's rounding (sub-ns, whole ms, seconds, minutes, hours) and non-finite values.
const EDGES = [0, -0, -5, 1e-12, 1e-9, 2e-9, 0.4, 0.999999, 1, 1.0000001, 12, 999.2, 999.9999999, 1000, 1000.5];
EDGES.push(8640, 59_999.1, 60_000, 3_600_000.3, 3_723_500, NaN, Infinity, -Infinity);

function lcg(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

test("writeRateLimitHeaders writes what rateLimitHeaders builds, in the same order, memo or not", () => {
  const rnd = lcg(8);
  const pick = () => (rnd() < 0.5 ? EDGES[Math.floor(rnd() * EDGES.length)]! : rnd() * 10 ** Math.floor(rnd() * 8));
  for (let i = 0; i < 20_000; i++) {
    const s: BucketState = {
      limitRequests: Math.floor(rnd() * 3) * 1000,
      remainingRequests: Math.floor(rnd() * 4),
      resetRequestsMs: pick(),
      limitTokens: 150_000_000,
      remainingTokens: Math.floor(rnd() * 3),
      resetTokensMs: pick(),
    };
    const h: Record<string, string> = { "x-request-id": "req_1" };
    writeRateLimitHeaders(h, s);
    assert.deepEqual(
      Object.entries(h),
      [["x-request-id", "req_1"], ...Object.entries(rateLimitHeaders(s))],
      JSON.stringify(s),
    );
  }
});
