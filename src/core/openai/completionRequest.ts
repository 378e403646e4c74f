/** POST /v1/completions (legacy, gpt-3.5-turbo-instruct): the request as OpenAI checks it. */
import { invalidType, optionalBoolean, optionalNumber } from "./chatRequest";
import { ApiError, invalidParam } from "./errors";
import { requireModel } from "./modelKinds";

/** gpt-3.5-turbo-instruct's context window (prompt + completion). */
export const INSTRUCT_CONTEXT_TOKENS = 4096;
/** The API's default when max_tokens is absent: a famously short 16. */
export const DEFAULT_COMPLETION_MAX_TOKENS = 16;

export type PromptIn = { text: string } | { tokens: number[] };

export interface CompletionRequest {
  model: string;
  prompts: PromptIn[];
  maxTokens: number;
  temperature: number | null;
  top_p: number | null;
  n: number;
  bestOf: number;
  seed: number | null;
  stream: boolean;
  includeUsage: boolean;
  stop: string[];
  echo: boolean;
  /** Top alternatives per token (0..5), or null for no logprobs. */
  logprobs: number | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isTokens = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every(Number.isInteger);

function promptsOf(p: unknown): PromptIn[] {
  // The API's default prompt is <|endoftext|>: generate as if from the start of a document.
  if (p === undefined || p === null) return [{ text: "" }];
  if (typeof p === "string") return [{ text: p }];
  if (isTokens(p)) return [{ tokens: p }];
  if (Array.isArray(p) && p.length > 0)
    return p.map((v, i) => {
      if (typeof v === "string") return { text: v };
      if (isTokens(v)) return { tokens: v };
      throw invalidType(`prompt[${i}]`, "a string or an array of integers", v);
    });
  throw invalidType("prompt", "a string, an array of strings, or an array of tokens", p);
}

export function parseCompletionRequest(
  body: unknown,
  models: readonly string[],
  streamingEnabled: boolean,
): CompletionRequest {
  if (!isObject(body))
    throw new ApiError(400, "Invalid body: expected a JSON object.", "invalid_request_error", null, "invalid_type");
  const model = body.model;
  if (model === undefined || model === null || model === "")
    throw invalidParam("model", "you must provide a model parameter", "missing_required_parameter");
  if (typeof model !== "string") throw invalidType("model", "a string", model);
  if (body.prompt === undefined)
    throw invalidParam("prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter");
  const prompts = promptsOf(body.prompt);
  requireModel(model, models, "completion");

  const stream = optionalBoolean(body, "stream") ?? false;
  if (stream && !streamingEnabled)
    throw invalidParam(
      "stream",
      "Streaming is disabled on this mock server (responses.streaming_enabled = false). Send stream: false or enable streaming.",
      "streaming_disabled",
    );
  const so = body.stream_options;
  if (so !== undefined && so !== null) {
    if (!stream)
      throw invalidParam(
        "stream_options",
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        "invalid_value",
      );
    if (!isObject(so)) throw invalidType("stream_options", "an object", so);
  }
  const n = optionalNumber(body, "n", 1, 128, true) ?? 1;
  const bestOf = optionalNumber(body, "best_of", 0, 20, true) ?? n;
  if (bestOf < n) throw invalidParam("n", "best_of must be greater than or equal to n.", "invalid_value");
  if (stream && bestOf > 1 && body.best_of != null)
    throw invalidParam("best_of", "best_of can not be used with stream.", "invalid_value");
  optionalNumber(body, "presence_penalty", -2, 2, false);
  optionalNumber(body, "frequency_penalty", -2, 2, false);
  if (body.suffix !== undefined && body.suffix !== null)
    throw invalidParam(
      "suffix",
      `Unsupported parameter: 'suffix' is not supported with ${model}.`,
      "unsupported_parameter",
    );

  let stop: string[] = [];
  if (typeof body.stop === "string") stop = [body.stop];
  else if (Array.isArray(body.stop)) {
    if (body.stop.length > 4 || body.stop.some((s) => typeof s !== "string"))
      throw invalidType("stop", "a string or an array of up to 4 strings", body.stop);
    stop = body.stop as string[];
  } else if (body.stop !== undefined && body.stop !== null)
    throw invalidType("stop", "a string or an array of strings", body.stop);

  return {
    model,
    prompts,
    maxTokens: optionalNumber(body, "max_tokens", 0, INSTRUCT_CONTEXT_TOKENS, true) ?? DEFAULT_COMPLETION_MAX_TOKENS,
    temperature: optionalNumber(body, "temperature", 0, 2, false),
    top_p: optionalNumber(body, "top_p", 0, 1, false),
    n,
    bestOf,
    seed: optionalNumber(body, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true),
    stream,
    includeUsage: isObject(so) && so.include_usage === true,
    stop,
    echo: optionalBoolean(body, "echo") ?? false,
    logprobs: optionalNumber(body, "logprobs", 0, 5, true),
  };
}
