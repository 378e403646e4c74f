/** POST /v1/embeddings: the request checked the way OpenAI checks it, with OpenAI's errors. */
import { ApiError, invalidParam } from "./errors";
import { EMBEDDING_DIMENSIONS, requireModel } from "./modelKinds";
import { optionalString, rejectUnknownKeys, requireObjectBody } from "./validation";

/** Every field of CreateEmbeddingRequest in OpenAI's OpenAPI description. */
const EMBEDDING_FIELDS = new Set(["dimensions", "encoding_format", "input", "model", "user"]);

/** OpenAI's limits: inputs per request, tokens per input, tokens per request. */
export const MAX_INPUTS = 2048;
export const MAX_INPUT_TOKENS = 8192;
export const MAX_REQUEST_TOKENS = 300_000;

export type EmbeddingInput = { text: string } | { tokens: number[] };

export interface EmbeddingRequest {
  model: string;
  inputs: EmbeddingInput[];
  encodingFormat: "float" | "base64";
  /** Output length: the model's, or the request's `dimensions`. */
  dimensions: number;
}

const isTokenArray = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every(Number.isInteger);

// OpenAI's wording for an input of the wrong shape or an empty one.
const invalidInput = () =>
  new ApiError(
    400,
    "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    "invalid_request_error",
  );

function inputsOf(input: unknown): EmbeddingInput[] {
  if (input === undefined || input === null)
    throw invalidParam("input", "Missing required parameter: 'input'.", "missing_required_parameter");
  if (typeof input === "string") {
    if (!input) throw invalidInput();
    return [{ text: input }];
  }
  if (!Array.isArray(input) || input.length === 0) throw invalidInput();
  // One token array: its length is bounded by the per-input token limit, not the batch size.
  if (input.every((v) => typeof v === "number")) {
    if (!isTokenArray(input)) throw invalidInput();
    return [{ tokens: input }];
  }
  if (input.length > MAX_INPUTS)
    throw new ApiError(
      400,
      `Invalid 'input': array too long. Expected an array with maximum length ${MAX_INPUTS}, but got an array with length ${input.length} instead.`,
      "invalid_request_error",
      "input",
      "array_above_max_length",
    );
  return input.map((v) => {
    if (typeof v === "string" && v) return { text: v };
    if (isTokenArray(v)) return { tokens: v };
    throw invalidInput();
  });
}

export function parseEmbeddingRequest(body: unknown, models: readonly string[]): EmbeddingRequest {
  requireObjectBody(body, false);
  const { model, encoding_format: format, dimensions } = body;
  if (model === undefined || model === null || model === "")
    throw invalidParam("model", "you must provide a model parameter", "missing_required_parameter");
  if (typeof model !== "string")
    throw invalidParam("model", "Invalid type for 'model': expected a string.", "invalid_type");
  const inputs = inputsOf(body.input);
  requireModel(model, models, "embedding");
  rejectUnknownKeys(body, EMBEDDING_FIELDS, "unrecognized");
  optionalString(body, "user");
  if (format !== undefined && format !== null && format !== "float" && format !== "base64")
    throw invalidParam(
      "encoding_format",
      `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`,
      "invalid_value",
    );
  const full = EMBEDDING_DIMENSIONS[model] ?? 1536;
  let dims = full;
  if (dimensions !== undefined && dimensions !== null) {
    if (!Number.isInteger(dimensions))
      throw invalidParam("dimensions", "Invalid type for 'dimensions': expected an integer.", "invalid_type");
    if (!model.startsWith("text-embedding-3"))
      throw new ApiError(400, "This model does not support specifying dimensions.", "invalid_request_error");
    const d = dimensions as number;
    if (d < 1 || d > full)
      throw invalidParam(
        "dimensions",
        `Invalid value for 'dimensions' = ${d}. Must be between 1 and ${full} for ${model}.`,
        "invalid_value",
      );
    dims = d;
  }
  return { model, inputs, encodingFormat: format === "base64" ? "base64" : "float", dimensions: dims };
}
