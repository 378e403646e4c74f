import { formatDuration } from "../rateLimits/duration";

/** OpenAI's error envelope: every non-2xx body, and mid-stream `data: {"error": …}` events. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An error that becomes an OpenAI-shaped HTTP response. Handlers throw it; the app's error hook
 * renders it, so no input can leak a stack trace to the client.
 */
export class ApiError extends Error {
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
    readonly param: string | null = null,
    readonly code: string | null = null,
    headers: Record<string, string> = {},
  ) {
    // No stack: an ApiError is an answer, not a fault, and capturing one cost as much as building
    // the answer (a 400 cost about what a generated success did).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = "ApiError";
    this.headers = headers;
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidJson = () =>
  new ApiError(
    400,
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  );

export const invalidParam = (param: string, message: string, code: string) =>
  new ApiError(400, message, "invalid_request_error", param, code);

export const notFoundRoute = (method: string, path: string) => new ApiError(404, `Invalid URL (${method} ${path})`);

export const methodNotAllowed = (method: string, path: string, allowed: string[]) =>
  new ApiError(
    405,
    `Method ${method} is not allowed for ${path}. Allowed: ${allowed.join(", ")}.`,
    "invalid_request_error",
    null,
    "method_not_allowed",
    {
      allow: allowed.join(", "),
    },
  );

export const bodyTooLarge = (limit: number) =>
  new ApiError(
    413,
    `Request body too large: the limit is ${limit} bytes (server.max_body_bytes).`,
    "invalid_request_error",
    null,
    "request_too_large",
  );

export const unknownModel = (model: string, param: string | null = "model") =>
  new ApiError(
    400,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    "invalid_request_error",
    param,
    "model_not_found",
  );

export const internalError = () =>
  new ApiError(
    500,
    "The server had an error while processing your request. Sorry about that!",
    "server_error",
    null,
    null,
  );

/** A client's budgets, as its x-ratelimit-limit-* headers report them. */
export interface RateStanding {
  limitRequests: number;
  limitTokens: number;
}

/** Without rate limits to read: OpenAI's first usage tier for gpt-4o-mini. */
const TIER_ONE: RateStanding = { limitRequests: 500, limitTokens: 200_000 };
const RATE_LIMITS_URL = "https://platform.openai.com/account/rate-limits";

/**
 * An injected 429 `rate_limit_exceeded` worded from the client's real budgets, so its message
 * ("Limit 30000, Used 30000") agrees with the x-ratelimit-* headers it is sent with. The wait is
 * the fault's own (1 s for requests, 260 ms for tokens), stated in the message and retry headers.
 */
export function rateLimitReached(
  model: string,
  limit: "requests" | "tokens",
  standing: RateStanding | null | undefined,
  retryHeaders: Record<string, string> = {},
): ApiError {
  const s = standing ?? TIER_ONE;
  if (limit === "requests") {
    const l = s.limitRequests;
    return new ApiError(
      429,
      `Rate limit reached for ${model} in organization org-mockgpt on requests per min (RPM): Limit ${l}, Used ${l}, Requested 1. Please try again in 1s. Visit ${RATE_LIMITS_URL} to learn more.`,
      "requests",
      null,
      "rate_limit_exceeded",
      {
        "retry-after": "1",
        "retry-after-ms": "1000",
        ...retryHeaders,
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "1m0s",
      },
    );
  }
  const l = s.limitTokens;
  const requested = Math.min(1024, l);
  const used = l - Math.floor(requested / 2);
  return new ApiError(
    429,
    `Rate limit reached for ${model} in organization org-mockgpt on tokens per min (TPM): Limit ${l}, Used ${used}, Requested ${requested}. Please try again in 260ms. Visit ${RATE_LIMITS_URL} to learn more.`,
    "tokens",
    null,
    "rate_limit_exceeded",
    {
      "retry-after": "1",
      "retry-after-ms": "260",
      ...retryHeaders,
      "x-ratelimit-remaining-tokens": String(l - used),
      "x-ratelimit-reset-tokens": formatDuration((used * 60_000) / l),
    },
  );
}

/**
 * OpenAI's 503 for an overloaded model, word for word (`code` null, as on the wire). One answer
 * whether a scenario's error rate or the `503` fault asked for it.
 */
export const overloadedError = () =>
  new ApiError(
    503,
    "That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.",
    "server_error",
    null,
    null,
    { "retry-after": "1", "retry-after-ms": "1000", "x-should-retry": "true" },
  );

/** An error's short name in log labels: its code, else "overloaded" for that 503 (code null on the wire), else its type. */
export const errorName = (e: ApiError): string =>
  e.code && !/^\d+$/.test(e.code) ? e.code : e.status === 503 && e.type === "server_error" ? "overloaded" : e.type;
