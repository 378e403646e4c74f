/** Validates a POST /v1/responses body the way the real endpoint does (first problem wins, `param` names it). */
import type { ResponseFormat, ToolChoice, ToolDef } from "../../responder/types";
import { ApiError, invalidParam, unknownModel } from "../errors";
import { MODEL_MAX_COMPLETION_TOKENS } from "../chatRequest";
import { modelKind } from "../modelKinds";
import { normalizeInput, type ItemResolver } from "./inputItems";
import type { FunctionToolOut, InputItemResource, ResponsesToolChoice, TextFormat } from "./types";
import {
  checkSchemaDepth,
  invalidType,
  invalidValue,
  isObject,
  metadataOf,
  missing,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
  requireObjectBody,
  streamingDisabled,
} from "../validation";

/** Every top-level field of CreateResponse in OpenAI's OpenAPI description, and the mock's `seed`. */
const RESPONSES_FIELDS = new Set([
  "background",
  "context_management",
  "conversation",
  "include",
  "input",
  "instructions",
  "max_output_tokens",
  "max_tool_calls",
  "metadata",
  "model",
  "moderation",
  "parallel_tool_calls",
  "previous_response_id",
  "prompt",
  "prompt_cache_key",
  "prompt_cache_options",
  "prompt_cache_retention",
  "reasoning",
  "safety_identifier",
  "service_tier",
  "store",
  "stream",
  "stream_options",
  "temperature",
  "text",
  "tool_choice",
  "tools",
  "top_logprobs",
  "top_p",
  "truncation",
  "user",
  // Not OpenAI's: a mock extension, as in chat, for reproducible answers (see the README).
  "seed",
]);

/** Fields the mock does not act on, checked for their types as the API checks them. */
function checkPassiveFields(body: Record<string, unknown>, stream: boolean): void {
  const include = optionalArray(body, "include");
  include?.forEach((v, i) => {
    if (typeof v !== "string") throw invalidType(`include[${i}]`, "a string", v);
  });
  optionalNumber(body, "max_tool_calls", 1, Number.MAX_SAFE_INTEGER, true);
  optionalNumber(body, "top_logprobs", 0, 20, true);
  optionalObject(body, "reasoning");
  optionalObject(body, "prompt");
  optionalObject(body, "moderation");
  optionalObject(body, "prompt_cache_options");
  optionalString(body, "prompt_cache_key");
  optionalString(body, "safety_identifier", 64);
  optionalEnum(body, "prompt_cache_retention", ["in_memory", "24h"]);
  optionalEnum(body, "service_tier", ["auto", "default", "flex", "scale", "priority", "fast"]);
  const conversation = body.conversation;
  if (
    conversation !== undefined &&
    conversation !== null &&
    typeof conversation !== "string" &&
    !isObject(conversation)
  )
    throw invalidType("conversation", "a string or an object", conversation);
  const cm = body.context_management;
  if (cm !== undefined && cm !== null && !Array.isArray(cm)) throw invalidType("context_management", "an array", cm);
  if (optionalObject(body, "stream_options") && !stream)
    throw invalidParam(
      "stream_options",
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      "invalid_value",
    );
}

/** The real API's floor for max_output_tokens. */
export const MIN_OUTPUT_TOKENS = 16;

export interface ResponsesRequest {
  model: string;
  /** This request's input, normalized, with ids. */
  input: InputItemResource[];
  instructions: string | null;
  stream: boolean;
  store: boolean;
  previousResponseId: string | null;
  maxOutputTokens: number | null;
  temperature: number | null;
  top_p: number | null;
  /** Not part of OpenAI's Responses API: a mock extension, as in chat, for reproducible answers. */
  seed: number | null;
  tools: FunctionToolOut[];
  toolChoice: ResponsesToolChoice;
  parallelToolCalls: boolean;
  textFormat: TextFormat;
  metadata: Record<string, string>;
  user: string | null;
  truncation: "auto" | "disabled";
}

function parseTools(v: unknown): FunctionToolOut[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidType("tools", "an array", v);
  return v.map((t, i) => {
    if (!isObject(t)) throw invalidType(`tools[${i}]`, "an object", t);
    if (t.type !== "function")
      throw invalidParam(
        `tools[${i}].type`,
        `Invalid value: '${String(t.type)}'. Mock GPT supports only 'function' tools; built-in tools (web search, file search, computer use, …) need the real service.`,
        "invalid_value",
      );
    if (typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name))
      throw invalidParam(
        `tools[${i}].name`,
        `Invalid 'tools[${i}].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        "invalid_value",
      );
    if (t.parameters !== undefined && t.parameters !== null && !isObject(t.parameters))
      throw invalidType(`tools[${i}].parameters`, "an object", t.parameters);
    checkSchemaDepth(`tools[${i}].parameters`, t.parameters);
    if (t.description !== undefined && t.description !== null && typeof t.description !== "string")
      throw invalidType(`tools[${i}].description`, "a string", t.description);
    return {
      type: "function",
      name: t.name,
      description: (t.description as string | undefined) ?? null,
      parameters: (t.parameters as Record<string, unknown> | undefined) ?? null,
      strict: typeof t.strict === "boolean" ? t.strict : true,
    };
  });
}

function parseToolChoice(v: unknown, tools: FunctionToolOut[]): ResponsesToolChoice {
  if (v === undefined || v === null) return "auto";
  if (v === "none" || v === "auto" || v === "required") {
    if (v === "required" && !tools.length)
      throw invalidParam(
        "tool_choice",
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        "invalid_value",
      );
    return v;
  }
  if (isObject(v) && v.type === "function" && typeof v.name === "string") {
    const name = v.name;
    if (!tools.some((t) => t.name === name))
      throw invalidParam(
        "tool_choice",
        `Invalid value for 'tool_choice': function '${name}' is not among the provided tools.`,
        "invalid_value",
      );
    return { type: "function", name };
  }
  throw invalidParam(
    "tool_choice",
    "Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or {type: 'function', name}.",
    "invalid_value",
  );
}

function parseText(v: unknown): TextFormat {
  if (v === undefined || v === null) return { type: "text" };
  if (!isObject(v)) throw invalidType("text", "an object", v);
  const f = v.format;
  if (f === undefined || f === null) return { type: "text" };
  if (!isObject(f)) throw invalidType("text.format", "an object", f);
  if (f.type === "text" || f.type === "json_object") return { type: f.type };
  if (f.type === "json_schema") {
    if (typeof f.name !== "string") throw missing("text.format.name");
    if (!isObject(f.schema))
      throw f.schema === undefined
        ? missing("text.format.schema")
        : invalidType("text.format.schema", "an object", f.schema);
    checkSchemaDepth("text.format.schema", f.schema);
    return {
      type: "json_schema",
      name: f.name,
      schema: f.schema,
      strict: f.strict === true,
      ...(typeof f.description === "string" ? { description: f.description } : {}),
    };
  }
  throw invalidValue("text.format.type", f.type, ["text", "json_object", "json_schema"]);
}

export function parseResponsesRequest(
  body: unknown,
  models: readonly string[],
  streamingEnabled: boolean,
  resolve: ItemResolver,
): ResponsesRequest {
  requireObjectBody(body);
  if (body.model === undefined || body.model === null || body.model === "") throw missing("model");
  if (typeof body.model !== "string") throw invalidType("model", "a string", body.model);
  const previousResponseId = optionalString(body, "previous_response_id");
  if ((body.input === undefined || body.input === null) && !previousResponseId) throw missing("input");
  const input = normalizeInput(body.input, resolve);
  if (!models.includes(body.model)) throw unknownModel(body.model);
  // Instruct, embedding and moderation models are configured for their own endpoints only.
  if (modelKind(body.model) !== "chat")
    throw new ApiError(
      400,
      `The requested model '${body.model}' is not supported with the Responses API.`,
      "invalid_request_error",
      "model",
      "unsupported_model",
    );

  rejectUnknownKeys(body, RESPONSES_FIELDS, "unknown");

  const stream = optionalBoolean(body, "stream") ?? false;
  if (stream && !streamingEnabled) throw streamingDisabled();
  if (optionalBoolean(body, "background") === true)
    throw invalidParam(
      "background",
      "Mock GPT answers at once; background mode is not supported.",
      "unsupported_parameter",
    );
  const tools = parseTools(body.tools);
  const truncation = optionalEnum(body, "truncation", ["auto", "disabled"]) ?? "disabled";
  checkPassiveFields(body, stream);
  return {
    model: body.model,
    input,
    instructions: optionalString(body, "instructions"),
    stream,
    store: optionalBoolean(body, "store") ?? true,
    previousResponseId,
    maxOutputTokens: optionalNumber(body, "max_output_tokens", MIN_OUTPUT_TOKENS, MODEL_MAX_COMPLETION_TOKENS, true),
    temperature: optionalNumber(body, "temperature", 0, 2, false),
    top_p: optionalNumber(body, "top_p", 0, 1, false),
    seed: optionalNumber(body, "seed", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true),
    tools,
    toolChoice: parseToolChoice(body.tool_choice, tools),
    parallelToolCalls: optionalBoolean(body, "parallel_tool_calls") ?? true,
    textFormat: parseText(body.text),
    metadata: metadataOf(body.metadata),
    user: optionalString(body, "user"),
    truncation,
  };
}

/** The request's tools and formats in the chat shapes the responder takes. */
export function responderOptions(req: ResponsesRequest): {
  tools: ToolDef[] | undefined;
  toolChoice: ToolChoice | undefined;
  responseFormat: ResponseFormat | undefined;
} {
  const f = req.textFormat;
  return {
    tools: req.tools.length
      ? req.tools.map((t) => ({
          type: "function",
          function: {
            name: t.name,
            ...(t.description !== null ? { description: t.description } : {}),
            ...(t.parameters !== null ? { parameters: t.parameters } : {}),
            strict: t.strict,
          },
        }))
      : undefined,
    toolChoice:
      typeof req.toolChoice === "object"
        ? { type: "function", function: { name: req.toolChoice.name } }
        : req.toolChoice,
    responseFormat:
      f.type === "json_schema"
        ? { type: "json_schema", json_schema: { name: f.name, schema: f.schema, strict: f.strict } }
        : f.type === "json_object"
          ? { type: "json_object" }
          : undefined,
  };
}
