import { formatDuration } from "./duration";
import type { BucketState } from "./limiter";

/**
 * Formats one number the way its header shows it, reusing the last string while the value stays
 * the same: limits never change between requests, and a busy bucket's levels repeat often.
 */
class Memo {
  private last = NaN;
  private text = "";
  constructor(private readonly format: (n: number) => string) {}
  get(n: number): string {
    if (n !== this.last) {
      this.last = n;
      this.text = this.format(n);
    }
    return this.text;
  }
}

const whole = (n: number) => String(n);
// Durations are shown rounded up to whole ms, so memoize on that, not on the raw float: -1 stands
// for "nothing to wait" ("0s"); 0 for a wait under a nanosecond, which formatDuration shows as "0ms".
const roundUp = (ms: number) => (Number.isFinite(ms) && ms > 0 ? Math.ceil(ms - 1e-9) : -1);
const duration = (total: number) => (total < 0 ? "0s" : total === 0 ? "0ms" : formatDuration(total));

const limitRequests = new Memo(whole);
const limitTokens = new Memo(whole);
const remainingRequests = new Memo(whole);
const remainingTokens = new Memo(whole);
const resetRequests = new Memo(duration);
const resetTokens = new Memo(duration);

/**
 * Adds the six x-ratelimit-* headers to `h`, in the order OpenAI sends them: the same values as
 * `rateLimitHeaders`, without building a second object to copy from on every response.
 */
export function writeRateLimitHeaders(h: Record<string, string>, s: BucketState): void {
  h["x-ratelimit-limit-requests"] = limitRequests.get(s.limitRequests);
  h["x-ratelimit-limit-tokens"] = limitTokens.get(s.limitTokens);
  h["x-ratelimit-remaining-requests"] = remainingRequests.get(s.remainingRequests);
  h["x-ratelimit-remaining-tokens"] = remainingTokens.get(s.remainingTokens);
  h["x-ratelimit-reset-requests"] = resetRequests.get(roundUp(s.resetRequestsMs));
  h["x-ratelimit-reset-tokens"] = resetTokens.get(roundUp(s.resetTokensMs));
}
