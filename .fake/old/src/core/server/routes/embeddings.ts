import { parseEmbeddingRequest } from "../../openai/embeddingRequest";
import { createEmbeddings } from "../../openai/embeddings";
import { EMBEDDING_DIMENSIONS } from "../../openai/modelKinds";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { prelude, stopped, waitDelay } from "./prelude";

/** POST /v1/embeddings */
export async function embeddings(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, { endpoint: "/v1/embeddings", fallbackModel: "text-embedding-3-small" });
  if (p.done) return p.done;
  const req = parseEmbeddingRequest(p.body, rt.config().models.available);
  const { body, tokens } = createEmbeddings(req, EMBEDDING_DIMENSIONS[req.model] ?? 1536);
  if (!(await waitDelay(p.delayMs, rt))) return stopped(x);
  return x.json({ body, usage: { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens } });
}
