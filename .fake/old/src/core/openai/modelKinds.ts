/**
 * Which endpoint each model belongs to. `[models] available` lists every model the mock accepts;
 * an endpoint given a configured model of another kind refuses it the way OpenAI does.
 */
import { ApiError, unknownModel } from "./errors";

export type ModelKind = "chat" | "embedding" | "moderation" | "completion";

/** Output dimensions of each embedding model (and the most `dimensions` may ask for). */
export const EMBEDDING_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export function modelKind(model: string): ModelKind {
  if (/^text-embedding-/.test(model)) return "embedding";
  if (/moderation/.test(model)) return "moderation";
  if (/-instruct(?:-|$)|^(?:davinci|babbage)-002$/.test(model)) return "completion";
  return "chat";
}

/** Kinds of the configured models seen so far: every request checks its model, three patterns each time otherwise. */
const kinds = new Map<string, ModelKind>();

/** OpenAI's refusal of a model used on the wrong endpoint, as its API words it. */
function wrongKind(model: string, kind: ModelKind, want: ModelKind): ApiError {
  if (want === "chat")
    return new ApiError(
      404,
      kind === "completion"
        ? "This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?"
        : "This is not a chat model and thus not supported in the v1/chat/completions endpoint.",
      "invalid_request_error",
      "model",
      null,
    );
  if (want === "completion")
    return new ApiError(
      404,
      kind === "chat"
        ? "This is a chat model and not supported in the v1/completions endpoint. Did you mean to use v1/chat/completions?"
        : "This model is not supported in the v1/completions endpoint.",
      "invalid_request_error",
      "model",
      null,
    );
  if (want === "embedding")
    return new ApiError(400, `The model \`${model}\` does not support embeddings.`, "invalid_request_error", "model");
  return new ApiError(
    400,
    `The model \`${model}\` is not a moderation model; please request omni-moderation-latest.`,
    "invalid_request_error",
    "model",
  );
}

/**
 * The model is configured (else 400 model_not_found, as for chat) and of the endpoint's kind
 * (else OpenAI's wrong-endpoint error).
 */
export function requireModel(model: string, available: readonly string[], want: ModelKind): void {
  if (!available.includes(model)) throw unknownModel(model);
  // Configured models only, so the map stays as small as the configuration.
  let kind = kinds.get(model);
  if (kind === undefined) kinds.set(model, (kind = modelKind(model)));
  if (kind !== want) throw wrongKind(model, kind, want);
}
