import {
  ApiError,
  errorName,
  internalError,
  overloadedError,
  rateLimitReached,
  type RateStanding,
} from "../openai/errors";

/** HTTP statuses the catalogue can answer with, each in OpenAI's own shape (see openaiError). */
export const FAULT_STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** How a cut stream ends: the connection torn down, `[DONE]` as if complete, or a clean end without it. */
export type CutEnd = "reset" | "done" | "eof";

/** One injectable failure. Stream faults on a non-streamed request act on its body (see describeFault). */
export type Fault =
  | { kind: "http"; status: FaultStatus; variant?: "quota" | "tokens" }
  | { kind: "hang" }
  | { kind: "reset" }
  | { kind: "slow_headers"; ms: number }
  | { kind: "truncate"; after: number; end: CutEnd }
  | { kind: "error_event"; after: number }
  | { kind: "malformed"; after: number };

export class FaultSyntaxError extends Error {}

const SPEC_HELP =
  "a status (400, 401, 403, 404, 409, 422, 429, 429:quota, 429:tokens, 500, 502, 503, 504), hang, reset, " +
  "slow-headers:<ms>, truncate:<chunks>[:done|:eof], error-event:<chunks> or malformed:<chunks>";

/** Longest slow-headers wait, as for x-mock-delay-ms. */
const MAX_SLOW_HEADERS_MS = 600_000;

const count = (raw: string | undefined, what: string, dflt: number): number => {
  if (raw === undefined || raw === "") return dflt;
  if (!/^\d+$/.test(raw)) throw new FaultSyntaxError(`${what} must be a whole number, got "${raw}"`);
  return Number(raw);
};

/**
 * Parses the compact spelling used by x-mock-fault, rules, scenarios and the control API:
 * "429", "429:quota", "reset", "hang", "slow-headers:5000", "truncate:3", "truncate:3:done",
 * "error-event:2", "malformed:1". Throws FaultSyntaxError with the accepted forms.
 */
export function parseFault(spec: string): Fault {
  const [head = "", a, b, ...rest] = spec.trim().toLowerCase().split(":");
  const bad = () => new FaultSyntaxError(`unknown fault "${spec}"; expected ${SPEC_HELP}`);
  if (rest.length) throw bad();
  if (/^\d{3}$/.test(head)) {
    const status = Number(head) as FaultStatus;
    if (!FAULT_STATUSES.includes(status) || b !== undefined) throw bad();
    if (a === undefined) return { kind: "http", status };
    if (status === 429 && (a === "quota" || a === "tokens")) return { kind: "http", status, variant: a };
    throw bad();
  }
  switch (head) {
    case "hang":
    case "reset":
      if (a !== undefined) throw bad();
      return { kind: head };
    case "slow-headers": {
      if (b !== undefined) throw bad();
      const ms = count(a, "slow-headers' delay", 5000);
      // The same ceiling as x-mock-delay-ms, refused the same way rather than cut short in silence.
      if (ms > MAX_SLOW_HEADERS_MS)
        throw new FaultSyntaxError(`slow-headers' delay is at most ${MAX_SLOW_HEADERS_MS} ms (10 minutes), got ${ms}`);
      return { kind: "slow_headers", ms };
    }
    case "truncate": {
      if (b !== undefined && b !== "done" && b !== "eof" && b !== "reset") throw bad();
      return { kind: "truncate", after: count(a, "truncate's chunk count", 3), end: (b as CutEnd) ?? "reset" };
    }
    case "error-event":
    case "malformed":
      if (b !== undefined) throw bad();
      return { kind: head === "malformed" ? "malformed" : "error_event", after: count(a, `${head}'s chunk count`, 2) };
    default:
      throw bad();
  }
}

/** The canonical spelling of a fault (parseFault's inverse). */
export function faultSpec(f: Fault): string {
  switch (f.kind) {
    case "http":
      return f.variant ? `${f.status}:${f.variant}` : String(f.status);
    case "hang":
    case "reset":
      return f.kind;
    case "slow_headers":
      return `slow-headers:${f.ms}`;
    case "truncate":
      return f.end === "reset" ? `truncate:${f.after}` : `truncate:${f.after}:${f.end}`;
    case "error_event":
      return `error-event:${f.after}`;
    case "malformed":
      return `malformed:${f.after}`;
  }
}

const chunks = (n: number) => `${n} chunk${n === 1 ? "" : "s"}`;

/** What the log and inspector show: the fault as it happened, e.g. "reset after 3 chunks". */
export function describeFault(f: Fault, streamed = true): string {
  switch (f.kind) {
    case "http": {
      const e = openaiError(f.status, "gpt-4o-mini", f.variant);
      return `HTTP ${f.status} ${errorName(e)}`;
    }
    case "hang":
      return "hang (no answer)";
    case "reset":
      return "reset before any byte";
    case "slow_headers":
      return `headers after ${f.ms} ms`;
    case "truncate":
      if (!streamed) return "reset mid-body";
      return f.end === "reset"
        ? `reset after ${chunks(f.after)}`
        : f.end === "done"
          ? `[DONE] after ${chunks(f.after)}`
          : `stream ended after ${chunks(f.after)}, no [DONE]`;
    case "error_event":
      return streamed ? `error event after ${chunks(f.after)}` : "HTTP 500 server_error";
    case "malformed":
      return streamed ? `malformed chunk after ${chunks(f.after)}` : "malformed JSON body";
  }
}

/** Whether SDKs see the fault before any response byte (and so may retry it). */
export const isBeforeResponse = (f: Fault) => f.kind === "http" || f.kind === "reset" || f.kind === "hang";

const retry = (seconds: number, shouldRetry = true): Record<string, string> => ({
  "retry-after": String(seconds),
  "retry-after-ms": String(seconds * 1000),
  "x-should-retry": String(shouldRetry),
});

/**
 * Each status as api.openai.com answers it: message, `type`, `code` and the retry headers the
 * SDKs read (x-should-retry wins over their status rules; retry-after-ms over retry-after).
 * 502 and 504 come from OpenAI's Cloudflare edge, whose bodies carry a numeric code and a cf_ type.
 */
export function openaiError(
  status: FaultStatus,
  model: string,
  variant?: "quota" | "tokens",
  standing?: RateStanding | null,
): ApiError {
  switch (status) {
    case 400:
      return new ApiError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        "invalid_request_error",
        null,
        null,
        { "x-should-retry": "false" },
      );
    case 401:
      return new ApiError(
        401,
        "Incorrect API key provided: sk-mock***********************oops. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key",
        { "x-should-retry": "false", "www-authenticate": 'Bearer realm="OpenAI API"' },
      );
    case 403:
      return new ApiError(
        403,
        "Country, region, or territory not supported",
        "request_forbidden",
        null,
        "unsupported_country_region_territory",
        { "x-should-retry": "false" },
      );
    case 404:
      return new ApiError(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        null,
        "model_not_found",
        { "x-should-retry": "false" },
      );
    case 409:
      return new ApiError(
        409,
        "Another request is currently operating on this resource. Please try again later.",
        "invalid_request_error",
        null,
        "conflict",
        retry(1),
      );
    case 422:
      return new ApiError(
        422,
        "The request was well-formed but could not be processed: unprocessable entity.",
        "invalid_request_error",
        null,
        "unprocessable_entity",
        { "x-should-retry": "false" },
      );
    case 429:
      if (variant === "quota")
        return new ApiError(
          429,
          "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
          "insufficient_quota",
          null,
          "insufficient_quota",
          { "x-should-retry": "false" },
        );
      return rateLimitReached(model, variant ?? "requests", standing, { "x-should-retry": "true" });
    case 500:
      return internalError();
    case 502:
      return new ApiError(502, "Bad gateway.", "cf_bad_gateway", null, "502", retry(1));
    case 503:
      return overloadedError();
    case 504:
      return new ApiError(504, "Gateway timeout.", "cf_gateway_timeout", null, "504", retry(1));
  }
}
