/** Checks of whole request fields that several endpoints share: model, stream, stop, metadata, unknown keys. */
import { ApiError, invalidParam } from "../errors";
import { invalidType, isObject, optionalBoolean, type Body } from "./fields";

/** `model` as chat, completions and embeddings check it (the Responses API words a missing one differently). */
export function requireModelParam(body: Body): string {
  const model = body.model;
  if (model === undefined || model === null || model === "")
    throw invalidParam("model", "you must provide a model parameter", "missing_required_parameter");
  if (typeof model !== "string") throw invalidType("model", "a string", model);
  return model;
}

export const streamingDisabled = () =>
  invalidParam(
    "stream",
    "Streaming is disabled on this mock server (responses.streaming_enabled = false). Send stream: false or enable streaming.",
    "streaming_disabled",
  );

/** `stream` and `stream_options` (chat and completions): options only with a stream, include_usage a boolean. */
export function streamFlags(body: Body, streamingEnabled: boolean): { stream: boolean; includeUsage: boolean } {
  const stream = optionalBoolean(body, "stream") ?? false;
  if (stream && !streamingEnabled) throw streamingDisabled();
  const so = body.stream_options;
  if (so === undefined || so === null) return { stream, includeUsage: false };
  if (!stream)
    throw invalidParam(
      "stream_options",
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      "invalid_value",
    );
  if (!isObject(so)) throw invalidType("stream_options", "an object", so);
  for (const key of ["include_usage", "include_obfuscation"]) {
    const v = so[key];
    if (v !== undefined && v !== null && typeof v !== "boolean")
      throw invalidType(`stream_options.${key}`, "a boolean", v);
  }
  for (const key of Object.keys(so))
    if (key !== "include_usage" && key !== "include_obfuscation") throw unknownParameter(`stream_options.${key}`);
  return { stream, includeUsage: so.include_usage === true };
}

/** `stop`: a string or up to 4 strings. */
export function stopSequences(body: Body): string[] {
  const stop = body.stop;
  if (typeof stop === "string") return [stop];
  if (Array.isArray(stop)) {
    if (stop.length > 4 || stop.some((s) => typeof s !== "string"))
      throw invalidType("stop", "a string or an array of up to 4 strings", stop);
    return stop as string[];
  }
  if (stop !== undefined && stop !== null) throw invalidType("stop", "a string or an array of strings", stop);
  return [];
}

/** `metadata`: up to 16 string values. */
export function metadataOf(v: unknown): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw invalidType("metadata", "an object", v);
  const entries = Object.entries(v);
  if (entries.length > 16)
    throw invalidParam(
      "metadata",
      "Invalid 'metadata': too many properties. Expected at most 16.",
      "object_above_max_properties",
    );
  for (const [k, val] of entries) if (typeof val !== "string") throw invalidType(`metadata.${k}`, "a string", val);
  return v as Record<string, string>;
}

/** A nested key the schema does not have, as the API words it: "Unknown parameter: 'response_format.foo'." */
export const unknownParameter = (param: string) =>
  invalidParam(param, `Unknown parameter: '${param}'.`, "unknown_parameter");

/**
 * Rejects a top-level key outside `known`. Chat Completions words it "Unrecognized request argument
 * supplied: foo" with `param` and `code` null, as api.openai.com does; the Responses API says
 * "Unknown parameter: 'foo'." with both set (`style: "unknown"`).
 */
export function rejectUnknownKeys(body: Body, known: ReadonlySet<string>, style: "unrecognized" | "unknown"): void {
  for (const key in body) {
    if (known.has(key)) continue;
    if (style === "unknown") throw unknownParameter(key);
    throw new ApiError(400, `Unrecognized request argument supplied: ${key}`, "invalid_request_error", null, null);
  }
}
