/** POST /v1/completions (legacy, gpt-3.5-turbo-instruct): the request as OpenAI checks it. */
import { invalidParam } from "./errors";
import { requireModel } from "./modelKinds";
import {
  invalidType,
  optionalBoolean,
  optionalNumber,
  requireModelParam,
  requireObjectBody,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
  stopSequences,
  streamFlags,
} from "./validation";

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

/** Every field of CreateCompletionRequest in OpenAI's OpenAPI description. */
const COMPLETION_FIELDS = new Set([
  "best_of",
  "echo",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "max_tokens",
  "model",
  "n",
  "presence_penalty",
  "prompt",
  "seed",
  "stop",
  "stream",
  "stream_options",
  "suffix",
  "temperature",
  "top_p",
  "user",
]);

export function parseCompletionRequest(
  body: unknown,
  models: readonly string[],
  streamingEnabled: boolean,
): CompletionRequest {
  requireObjectBody(body, false);
  const model = requireModelParam(body);
  if (body.prompt === undefined)
    throw invalidParam("prompt", "Missing required parameter: 'prompt'.", "missing_required_parameter");
  const prompts = promptsOf(body.prompt);
  requireModel(model, models, "completion");
  rejectUnknownKeys(body, COMPLETION_FIELDS, "unrecognized");

  const { stream, includeUsage } = streamFlags(body, streamingEnabled);
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

  const stop = stopSequences(body);
  optionalString(body, "user");
  optionalObject(body, "logit_bias");

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
    includeUsage,
    stop,
    echo: optionalBoolean(body, "echo") ?? false,
    logprobs: optionalNumber(body, "logprobs", 0, 5, true),
  };
}
