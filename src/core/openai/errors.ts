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

/** The injected failures a scenario can ask for, as OpenAI sends them. */
export function injectedError(status: 429 | 500 | 503, model: string): ApiError {
  switch (status) {
    case 429:
      return new ApiError(
        429,
        `Rate limit reached for ${model} in organization org-mockgpt on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        "requests",
        null,
        "rate_limit_exceeded",
        { "retry-after": "1", "retry-after-ms": "1000", "x-ratelimit-remaining-requests": "0" },
      );
    case 503:
      return new ApiError(503, "The server is overloaded or not ready yet.", "server_error", null, null, {
        "retry-after": "1",
      });
    default:
      return internalError();
  }
}
