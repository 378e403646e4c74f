import { parseCompletionRequest } from "../../openai/completionRequest";
import { responseModelName } from "../../openai/models";
import {
  textCompletion,
  textCompletionChunks,
  textCompletionId,
  textCompletionPieces,
  type TextCompletionContext,
} from "../../openai/textCompletion";
import type { Exchange } from "../exchange";
import { sendJsonPieces } from "../jsonPieces";
import type { ServerRuntime } from "../runtime";
import { sseResponse } from "../sse";
import { endedEarly, prelude, waitDelay } from "./prelude";

// The responder loads with the first request that needs words, as for chat.
let responder: Promise<typeof import("../../responder")> | undefined;

/** POST /v1/completions (legacy; gpt-3.5-turbo-instruct) */
export async function completions(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, {
    endpoint: "/v1/completions",
    fallbackModel: "gpt-3.5-turbo-instruct",
    streams: true,
  });
  if (p.done) return p.done;
  const config = rt.config();
  const req = parseCompletionRequest(p.body, config.models.available, rt.behavior().streamingEnabled);
  const { respond } = await (responder ??= import("../../responder"));
  const out = textCompletion(req, respond, config.responses.temperature, config.responses.max_tokens);
  const ctx: TextCompletionContext = {
    id: textCompletionId(),
    created: Math.floor(Date.now() / 1000),
    model: responseModelName(req.model),
    request: req,
  };
  const usage = {
    prompt_tokens: out.promptTokens,
    completion_tokens: out.completionTokens,
    total_tokens: out.promptTokens + out.completionTokens,
  };
  if (!req.stream) {
    const end = await waitDelay(x, p.delayMs, rt);
    if (end) return endedEarly(x, end);
    return sendJsonPieces(x, rt, { pieces: textCompletionPieces(ctx, out), usage });
  }
  const events = textCompletionChunks(ctx, out);
  return sseResponse(x, events, {
    delayMs: p.delayMs,
    signal: rt.signal(),
    usage,
    failAfter: p.injected ? { events: Math.max(1, Math.floor(events.length / 2)), error: p.injected } : undefined,
  });
}
