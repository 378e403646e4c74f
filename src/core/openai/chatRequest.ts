import { invalidParam, ApiError } from "./errors";
import { requireModel } from "./modelKinds";

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

export const invalidType = (param: string, expected: string, got: unknown) =>
  invalidParam(
    param,
    `Invalid type for '${param}': expected ${expected}, but got ${typeName(got)} instead.`,
    "invalid_type",
  );

export function optionalNumber(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
    throw invalidType(key, integer ? "an integer" : "a decimal", v);
  const kind = integer ? "integer" : "decimal";
  if (v < min)
    throw invalidParam(
      key,
      `Invalid '${key}': ${kind} below minimum value. Expected a value >= ${min}, but got ${v} instead.`,
      `${kind}_below_min_value`,
    );
  if (v > max)
    throw invalidParam(
      key,
      `Invalid '${key}': ${kind} above maximum value. Expected a value <= ${max}, but got ${v} instead.`,
      `${kind}_above_max_value`,
    );
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw invalidType(key, "a boolean", v);
  return v;
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
    if (role !== "assistant" || (!hasToolCalls && m.function_call === undefined && m.refusal === undefined))
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

function validateTools(v: unknown): ToolDefinition[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidType("tools", "an array", v);
  return v.map((t, i) => {
    if (!isObject(t) || (t.type !== "function" && t.type !== undefined))
      throw invalidParam(
        `tools[${i}].type`,
        `Invalid value: '${isObject(t) ? String(t.type) : t}'. Supported values are: 'function'.`,
        "invalid_value",
      );
    const fn = t.function;
    if (!isObject(fn))
      throw invalidParam(
        `tools[${i}].function`,
        `Missing required parameter: 'tools[${i}].function'.`,
        "missing_required_parameter",
      );
    if (typeof fn.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(fn.name))
      throw invalidParam(
        `tools[${i}].function.name`,
        `Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        "invalid_value",
      );
    if (fn.parameters !== undefined && !isObject(fn.parameters))
      throw invalidType(`tools[${i}].function.parameters`, "an object", fn.parameters);
    return t as unknown as ToolDefinition;
  });
}

function validateResponseFormat(v: unknown): ResponseFormat | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalidType("response_format", "an object", v);
  if (v.type === "text" || v.type === "json_object") return { type: v.type };
  if (v.type === "json_schema") {
    const js = v.json_schema;
    if (!isObject(js))
      throw invalidParam(
        "response_format.json_schema",
        "Missing required parameter: 'response_format.json_schema'.",
        "missing_required_parameter",
      );
    if (typeof js.name !== "string")
      throw invalidParam(
        "response_format.json_schema.name",
        "Missing required parameter: 'response_format.json_schema.name'.",
        "missing_required_parameter",
      );
    if (js.schema !== undefined && !isObject(js.schema))
      throw invalidType("response_format.json_schema.schema", "an object", js.schema);
    return v as unknown as ResponseFormat;
  }
  throw invalidParam(
    "response_format.type",
    `Invalid value: '${String(v.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    "invalid_value",
  );
}

function validateToolChoice(v: unknown, tools: ToolDefinition[] | undefined): ToolChoice | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === "none" || v === "auto" || v === "required") {
    if (v === "required" && !tools?.length)
      throw invalidParam(
        "tool_choice",
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        "invalid_value",
      );
    return v;
  }
  if (isObject(v) && v.type === "function" && isObject(v.function) && typeof v.function.name === "string") {
    const name = v.function.name;
    if (!tools?.some((t) => t.function.name === name))
      throw invalidParam(
        "tool_choice",
        `Invalid value for 'tool_choice': function '${name}' is not among the provided tools.`,
        "invalid_value",
      );
    return v as unknown as ToolChoice;
  }
  throw invalidParam(
    "tool_choice",
    "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or {type: 'function', function: {name}}.",
    "invalid_value",
  );
}

/**
 * Checks a parsed body the way the real endpoint does, throwing the first problem as an
 * OpenAI-shaped 400 whose `param` names the offending field.
 */
export function parseChatRequest(body: unknown, models: readonly string[], streamingEnabled: boolean): ChatRequest {
  if (!isObject(body))
    throw new ApiError(
      400,
      `Invalid body: expected a JSON object, but got ${typeName(body)} instead.`,
      "invalid_request_error",
      null,
      "invalid_type",
    );
  if (body.model === undefined || body.model === null || body.model === "")
    throw invalidParam("model", "you must provide a model parameter", "missing_required_parameter");
  if (typeof body.model !== "string") throw invalidType("model", "a string", body.model);
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
  requireModel(body.model, models, "chat");

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
  const includeUsage = isObject(so) && so.include_usage === true;

  const temperature = optionalNumber(body, "temperature", 0, 2, false);
  const top_p = optionalNumber(body, "top_p", 0, 1, false);
  const n = optionalNumber(body, "n", 1, 128, true) ?? 1;
  const seed = optionalNumber(body, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
  optionalNumber(body, "presence_penalty", -2, 2, false);
  optionalNumber(body, "frequency_penalty", -2, 2, false);
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

  let stop: string[] = [];
  if (typeof body.stop === "string") stop = [body.stop];
  else if (Array.isArray(body.stop)) {
    if (body.stop.length > 4 || body.stop.some((s) => typeof s !== "string"))
      throw invalidType("stop", "a string or an array of up to 4 strings", body.stop);
    stop = body.stop as string[];
  } else if (body.stop !== undefined && body.stop !== null)
    throw invalidType("stop", "a string or an array of strings", body.stop);

  const tools = validateTools(body.tools);
  const toolChoice = validateToolChoice(body.tool_choice, tools);
  const responseFormat = validateResponseFormat(body.response_format);
  const parallelToolCalls = optionalBoolean(body, "parallel_tool_calls");

  return {
    model: body.model,
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
