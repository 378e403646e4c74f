import type { RespondInput } from "../responder/types";
import { invalidParam } from "./errors";
import { validateChatTools } from "./chatTools";
import { requireModel } from "./modelKinds";
import {
  checkSchemaDepth,
  invalidType,
  isObject,
  metadataOf,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
  requireModelParam,
  requireObjectBody,
  stopSequences,
  streamFlags,
  unknownParameter,
} from "./validation";

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"] as const;
type Role = (typeof ROLES)[number];

/** gpt-4o-mini's real completion limit; larger requests are rejected as the API does. */
export const MODEL_MAX_COMPLETION_TOKENS = 16384;

export interface ChatMessage {
  role: Role;
  content: string | Array<{ type: string; text?: string; [k: string]: unknown }> | null;
  name?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
}

export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null } };

export type ToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

/** A validated /v1/chat/completions request. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  n: number;
  temperature: number | null;
  top_p: number | null;
  seed: number | null;
  maxTokens: number | null;
  /** Which field set maxTokens, for error messages. */
  maxTokensParam: "max_tokens" | "max_completion_tokens" | null;
  responseFormat: ResponseFormat | undefined;
  tools: ToolDefinition[] | undefined;
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
  logprobs: boolean;
  topLogprobs: number;
  stop: string[];
}

function validateMessage(m: unknown, i: number): ChatMessage {
  const at = `messages[${i}]`;
  if (!isObject(m)) throw invalidType(at, "an object", m);
  if (m.role === undefined)
    throw invalidParam(`${at}.role`, `Missing required parameter: '${at}.role'.`, "missing_required_parameter");
  if (typeof m.role !== "string" || !(ROLES as readonly string[]).includes(m.role))
    throw invalidParam(
      `${at}.role`,
      `Invalid value: '${String(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
      "invalid_value",
    );
  const role = m.role as Role;
  const c = m.content;
  const hasToolCalls = role === "assistant" && Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
  if (c === undefined || c === null) {
    // An assistant turn may stand on its tool calls, a refusal, or a previous audio answer ({ id }).
    const hasAudio = role === "assistant" && isObject(m.audio) && typeof m.audio.id === "string";
    if (
      role !== "assistant" ||
      (!hasToolCalls && !hasAudio && m.function_call === undefined && m.refusal === undefined)
    )
      throw invalidParam(`${at}.content`, `Missing required parameter: '${at}.content'.`, "missing_required_parameter");
  } else if (Array.isArray(c)) {
    c.forEach((part, j) => {
      if (!isObject(part) || typeof part.type !== "string")
        throw invalidType(`${at}.content[${j}]`, "an object with a 'type'", part);
      if (part.type === "text" && typeof part.text !== "string")
        throw invalidType(`${at}.content[${j}].text`, "a string", part.text);
    });
  } else if (typeof c !== "string") {
    throw invalidType(`${at}.content`, "one of a string or array of objects", c);
  }
  if (role === "tool" && typeof m.tool_call_id !== "string")
    throw invalidParam(
      `${at}.tool_call_id`,
      `Missing required parameter: '${at}.tool_call_id'.`,
      "missing_required_parameter",
    );
  if (m.name !== undefined && typeof m.name !== "string") throw invalidType(`${at}.name`, "a string", m.name);
  return m as unknown as ChatMessage;
}

function validateResponseFormat(v: unknown): ResponseFormat | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidType("response_format", "an object", v);
  for (const key of Object.keys(v))
    if (key !== "type" && key !== "json_schema") throw unknownParameter(`response_format.${key}`);
  if (v.type === "text" || v.type === "json_object") return { type: v.type };
  if (v.type === "json_schema") {
    const js = v.json_schema;
    if (!isObject(js))
      throw invalidParam(
        "response_format.json_schema",
        "Missing required parameter: 'response_format.json_schema'.",
        "missing_required_parameter",
      );
    for (const key of Object.keys(js))
      if (!["name", "description", "schema", "strict"].includes(key))
        throw unknownParameter(`response_format.json_schema.${key}`);
    if (typeof js.name !== "string")
      throw invalidParam(
        "response_format.json_schema.name",
        "Missing required parameter: 'response_format.json_schema.name'.",
        "missing_required_parameter",
      );
    if (js.schema !== undefined && !isObject(js.schema))
      throw invalidType("response_format.json_schema.schema", "an object", js.schema);
    checkSchemaDepth("response_format.json_schema.schema", js.schema);
    return v as unknown as ResponseFormat;
  }
  throw invalidParam(
    "response_format.type",
    `Invalid value: '${String(v.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    "invalid_value",
  );
}

/** Every top-level field of CreateChatCompletionRequest in OpenAI's OpenAPI description. */
const CHAT_FIELDS = new Set([
  "audio",
  "frequency_penalty",
  "function_call",
  "functions",
  "logit_bias",
  "logprobs",
  "max_completion_tokens",
  "max_tokens",
  "messages",
  "metadata",
  "modalities",
  "model",
  "moderation",
  "n",
  "parallel_tool_calls",
  "prediction",
  "presence_penalty",
  "prompt_cache_key",
  "prompt_cache_options",
  "prompt_cache_retention",
  "reasoning_effort",
  "response_format",
  "safety_identifier",
  "seed",
  "service_tier",
  "stop",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "user",
  "verbosity",
  "web_search_options",
]);

/**
 * The fields parseChatRequest reads itself; checkPassiveFields reads the rest of CHAT_FIELDS. A body
 * with only these (the usual request: a model, messages, maybe a temperature or a stream) skips
 * the passive checks, which could find nothing. A field added to CHAT_FIELDS but not here is
 * checked, as before.
 */
const ACTIVE_FIELDS = new Set([
  "model",
  "messages",
  "stream",
  "stream_options",
  "temperature",
  "top_p",
  "n",
  "seed",
  "max_completion_tokens",
  "max_tokens",
  "logprobs",
  "top_logprobs",
  "stop",
  "tools",
  "tool_choice",
  "response_format",
  "parallel_tool_calls",
]);

function onlyActiveFields(body: Record<string, unknown>): boolean {
  for (const key in body) if (!ACTIVE_FIELDS.has(key)) return false;
  return true;
}

/** The fields the mock does not act on, checked for their types and values as the API checks them. */
function checkPassiveFields(body: Record<string, unknown>): void {
  optionalNumber(body, "presence_penalty", -2, 2, false);
  optionalNumber(body, "frequency_penalty", -2, 2, false);
  const bias = optionalObject(body, "logit_bias");
  for (const [token, v] of Object.entries(bias ?? {})) {
    if (typeof v !== "number" || !Number.isInteger(v)) throw invalidType(`logit_bias.${token}`, "an integer", v);
    if (!/^\d+$/.test(token) || v < -100 || v > 100)
      throw invalidParam(
        "logit_bias",
        `Invalid 'logit_bias': expected token ids mapped to integers from -100 to 100, but got ${JSON.stringify(token)}: ${v}.`,
        "invalid_value",
      );
  }
  metadataOf(body.metadata);
  optionalBoolean(body, "store");
  optionalString(body, "user");
  optionalString(body, "safety_identifier", 64);
  optionalString(body, "prompt_cache_key");
  optionalObject(body, "prompt_cache_options");
  optionalEnum(body, "prompt_cache_retention", ["in_memory", "24h"]);
  optionalEnum(body, "service_tier", ["auto", "default", "flex", "scale", "priority", "fast"]);
  optionalEnum(body, "reasoning_effort", ["none", "minimal", "low", "medium", "high", "xhigh", "max"]);
  optionalEnum(body, "verbosity", ["low", "medium", "high"]);
  const modalities = optionalArray(body, "modalities");
  modalities?.forEach((m, i) => {
    if (m !== "text" && m !== "audio")
      throw invalidParam(
        `modalities[${i}]`,
        `Invalid value: '${String(m)}'. Supported values are: 'text' and 'audio'.`,
        "invalid_value",
      );
  });
  optionalObject(body, "audio");
  optionalObject(body, "moderation");
  optionalObject(body, "web_search_options");
  const prediction = optionalObject(body, "prediction");
  if (prediction && prediction.type !== "content")
    throw invalidParam(
      "prediction.type",
      `Invalid value: '${String(prediction.type)}'. Supported values are: 'content'.`,
      "invalid_value",
    );
  const functions = optionalArray(body, "functions");
  functions?.forEach((f, i) => {
    if (!isObject(f)) throw invalidType(`functions[${i}]`, "an object", f);
    if (typeof f.name !== "string") throw invalidType(`functions[${i}].name`, "a string", f.name);
    checkSchemaDepth(`functions[${i}].parameters`, f.parameters);
  });
  const fc = body.function_call;
  if (
    fc !== undefined &&
    fc !== null &&
    fc !== "none" &&
    fc !== "auto" &&
    !(isObject(fc) && typeof fc.name === "string")
  )
    throw invalidParam(
      "function_call",
      "Invalid value for 'function_call': expected 'none', 'auto' or {name}.",
      "invalid_value",
    );
}

/**
 * Checks a parsed body the way the real endpoint does, throwing the first problem as an
 * OpenAI-shaped 400 whose `param` names the offending field.
 */
export function parseChatRequest(body: unknown, models: readonly string[], streamingEnabled: boolean): ChatRequest {
  requireObjectBody(body);
  const model = requireModelParam(body);
  if (body.messages === undefined)
    throw invalidParam("messages", "Missing required parameter: 'messages'.", "missing_required_parameter");
  if (!Array.isArray(body.messages)) throw invalidType("messages", "an array", body.messages);
  if (body.messages.length === 0)
    throw invalidParam(
      "messages",
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      "empty_array",
    );
  const messages = body.messages.map(validateMessage);
  requireModel(model, models, "chat");
  rejectUnknownKeys(body, CHAT_FIELDS, "unrecognized");

  const { stream, includeUsage } = streamFlags(body, streamingEnabled);
  const temperature = optionalNumber(body, "temperature", 0, 2, false);
  const top_p = optionalNumber(body, "top_p", 0, 1, false);
  const n = optionalNumber(body, "n", 1, 128, true) ?? 1;
  const seed = optionalNumber(body, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  const mct = optionalNumber(body, "max_completion_tokens", 1, Number.MAX_SAFE_INTEGER, true);
  const mt = optionalNumber(body, "max_tokens", 1, Number.MAX_SAFE_INTEGER, true);
  const maxTokensParam = mct !== null ? "max_completion_tokens" : mt !== null ? "max_tokens" : null;
  const maxTokens = mct ?? mt;
  if (maxTokens !== null && maxTokens > MODEL_MAX_COMPLETION_TOKENS)
    throw invalidParam(
      maxTokensParam!,
      `${maxTokensParam} is too large: ${maxTokens}. This model supports at most ${MODEL_MAX_COMPLETION_TOKENS} completion tokens, whereas you provided ${maxTokens}.`,
      "invalid_value",
    );

  const logprobs = optionalBoolean(body, "logprobs") ?? false;
  const topLogprobs = optionalNumber(body, "top_logprobs", 0, 20, true) ?? 0;
  if (topLogprobs > 0 && !logprobs)
    throw invalidParam(
      "top_logprobs",
      "Invalid 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
      "invalid_value",
    );

  const stop = stopSequences(body);
  const { tools, toolChoice } = validateChatTools(body.tools, body.tool_choice);
  const responseFormat = validateResponseFormat(body.response_format);
  const parallelToolCalls = optionalBoolean(body, "parallel_tool_calls") ?? undefined;
  if (!onlyActiveFields(body)) checkPassiveFields(body);

  return {
    model,
    messages,
    stream,
    includeUsage,
    n,
    temperature,
    top_p,
    seed,
    maxTokens,
    maxTokensParam,
    responseFormat,
    tools,
    toolChoice,
    parallelToolCalls,
    logprobs,
    topLogprobs,
    stop,
  };
}

/**
 * The responder's input for a parsed request, with the server's defaults: one mapping for the route
 * and the tests that compare its answers. Pieces are cut only where a stream, logprobs or `stop` reads them.
 */
export function respondInput(req: ChatRequest, temperature: number, maxTokens: number | null): RespondInput {
  return {
    model: req.model,
    messages: req.messages,
    seed: req.seed,
    temperature: req.temperature ?? temperature,
    top_p: req.top_p,
    n: req.n,
    maxTokens,
    responseFormat: req.responseFormat,
    tools: req.tools,
    toolChoice: req.toolChoice,
    parallelToolCalls: req.parallelToolCalls,
    needsPieces: req.stream || req.logprobs || req.stop.length > 0,
  };
}
