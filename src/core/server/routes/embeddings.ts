import { parseEmbeddingRequest } from "../../openai/embeddingRequest";
import { embeddingsJson, prepareEmbeddings } from "../../openai/embeddings";
import { EMBEDDING_DIMENSIONS } from "../../openai/modelKinds";
import type { Exchange } from "../exchange";
import { sendJsonPieces } from "../jsonPieces";
import type { ServerRuntime } from "../runtime";
import { endedEarly, prelude, waitDelay } from "./prelude";

/** POST /v1/embeddings */
export async function embeddings(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, { endpoint: "/v1/embeddings", fallbackModel: "text-embedding-3-small" });
  if (p.done) return p.done;
  const req = parseEmbeddingRequest(p.body, rt.config().models.available);
  // Limits are checked (and their errors thrown) before the delay; the vectors are made as they are sent.
  const prepared = prepareEmbeddings(req, EMBEDDING_DIMENSIONS[req.model] ?? 1536);
  const end = await waitDelay(x, p.delayMs, rt);
  if (end) return endedEarly(x, end);
  const tokens = prepared.tokens;
  return sendJsonPieces(x, rt, {
    pieces: embeddingsJson(prepared),
    usage: { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens },
  });
}
