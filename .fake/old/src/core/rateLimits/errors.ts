import { ApiError } from "../openai/errors";
import { formatDuration } from "./duration";
import type { BucketState, Verdict } from "./limiter";

const VISIT = "Visit https://platform.openai.com/account/rate-limits to learn more.";

/** The six x-ratelimit-* headers, in the order OpenAI sends them. */
export function rateLimitHeaders(s: BucketState): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(s.limitRequests),
    "x-ratelimit-limit-tokens": String(s.limitTokens),
    "x-ratelimit-remaining-requests": String(s.remainingRequests),
    "x-ratelimit-remaining-tokens": String(s.remainingTokens),
    "x-ratelimit-reset-requests": formatDuration(s.resetRequestsMs),
    "x-ratelimit-reset-tokens": formatDuration(s.resetTokensMs),
  };
}

/**
 * The 429 OpenAI sends over budget: type `requests` or `tokens`, code `rate_limit_exceeded`, its
 * message wording, `retry-after` (whole seconds, rounded up) and `retry-after-ms`, which the SDKs
 * prefer. A request larger than the whole token budget can never pass: `x-should-retry: false`.
 */
export function rateLimitExceeded(verdict: Extract<Verdict, { ok: false }>, model: string): ApiError {
  const headers = rateLimitHeaders(verdict.state);
  const what = verdict.limit === "requests" ? "requests per min (RPM)" : "tokens per min (TPM)";
  const limit = verdict.limit === "requests" ? verdict.state.limitRequests : verdict.state.limitTokens;
  if (!Number.isFinite(verdict.retryAfterMs)) {
    headers["x-should-retry"] = "false";
    return new ApiError(
      429,
      `Request too large for ${model} in organization org-mockgpt on ${what}: Limit ${limit}, Requested ${verdict.requested}. The input or output tokens must be reduced in order to run successfully. ${VISIT}`,
      verdict.limit,
      null,
      "rate_limit_exceeded",
      headers,
    );
  }
  const waitMs = Math.max(1, Math.ceil(verdict.retryAfterMs - 1e-9));
  headers["retry-after"] = String(Math.ceil(waitMs / 1000));
  headers["retry-after-ms"] = String(waitMs);
  return new ApiError(
    429,
    `Rate limit reached for ${model} in organization org-mockgpt on ${what}: Limit ${limit}, Used ${verdict.used}, Requested ${verdict.requested}. Please try again in ${formatDuration(waitMs)}. ${VISIT}`,
    verdict.limit,
    null,
    "rate_limit_exceeded",
    headers,
  );
}
