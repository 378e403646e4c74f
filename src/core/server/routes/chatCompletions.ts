import type { DeterministicMemo } from "../../responder/memo";
// Cheap to import: the vocabularies themselves load on the first count.
import { countTokens } from "../../responder/tokens";
import { parseChatRequest } from "../../openai/chatRequest";
import {
  applyStop,
  chatCompletionChunks,
  chatCompletionJson,
  usageOf,
  type CompletionContext,
  type Usage,
} from "../../openai/chatCompletion";
import { injectedError, type ApiError } from "../../openai/errors";
import { completionId } from "../../openai/ids";
import { responseModelName } from "../../openai/models";
import type { Behavior } from "../types";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { sseResponse } from "../sse";
import { sleep } from "../timing";
import { admitChatRequest } from "../../rateLimits/admit";
import { hang } from "./hang";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Picks an injected failure for this request, or null; read from the behaviour at arrival. */
export function pickInjectedError(behavior: Behavior, model: string, random = Math.random): ApiError | null {
  if (behavior.errorRatePercent <= 0 || random() * 100 >= behavior.errorRatePercent) return null;
  const statuses = behavior.errorStatuses.length ? behavior.errorStatuses : ([429, 500, 503] as const);
  return injectedError(statuses[Math.floor(random() * statuses.length)]!, model);
}

// The responder (phrase banks, code tables) loads on the first chat request, not at startup:
// an idle mock, and `--help`, stay small.
let memo: DeterministicMemo | undefined;
let loading: Promise<DeterministicMemo> | undefined;
const loadMemo = () => (loading ??= import("../../responder/memo").then((m) => (memo = new m.DeterministicMemo())));

const logUsage = (u: Usage) => ({
  prompt_tokens: u.prompt_tokens,
  completion_tokens: u.completion_tokens,
  total_tokens: u.total_tokens,
});

/** The server stopped while the answer waited for its delay: nobody is left to answer. */
const stopped = (x: Exchange) => x.ended("server_stopped", "The server stopped before the delayed answer was sent.");

/** POST /v1/chat/completions */
export async function chatCompletions(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const behavior = rt.behavior();
  const config = rt.config();
  const body = await x.readJson();
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    x.stream = body.stream === true;
  }
  admitChatRequest(x, rt, body); // rate limits first, as OpenAI checks them: may throw the 429
  // In flight in the log only when something will wait; an immediate answer is logged once, complete.
  if (behavior.hang || behavior.delayMs > 0 || x.stream) x.begin();
  if (behavior.hang) return hang(x, rt.signal());

  const injected = pickInjectedError(behavior, x.model ?? "gpt-4o-mini");
  // A third of injected stream failures happen mid-stream, the case SDKs most often get wrong.
  if (injected && !(x.stream && Math.random() < 1 / 3)) {
    if (!(await sleep(behavior.delayMs, rt.signal()))) return stopped(x);
    throw injected;
  }

  const req = parseChatRequest(body, config.models.available, behavior.streamingEnabled);
  const maxTokens = Math.min(req.maxTokens ?? config.responses.max_tokens, config.responses.max_tokens);
  const responder = memo ?? (await loadMemo());
  const input = {
    model: req.model,
    messages: req.messages,
    seed: req.seed,
    temperature: req.temperature ?? config.responses.temperature,
    top_p: req.top_p,
    n: req.n,
    maxTokens,
    responseFormat: req.responseFormat,
    tools: req.tools,
    toolChoice: req.toolChoice,
    parallelToolCalls: req.parallelToolCalls,
  };
  const out = responder.respond(input, x.body);
  const choices = out.choices.map((c) => applyStop(c, req.stop, (t) => countTokens(t, req.model)));
  const usage = usageOf(out.promptTokens, choices);
  x.limits?.settle(usage.total_tokens);
  const ctx: CompletionContext = {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: responseModelName(req.model),
    request: req,
  };

  if (!req.stream) {
    // No await at zero delay: the answer goes out in the same tick as the body arrived.
    if (behavior.delayMs > 0 ? !(await sleep(behavior.delayMs, rt.signal())) : rt.signal().aborted) return stopped(x);
    return x.jsonText({
      text: chatCompletionJson(ctx, choices, usage, responder.reuses(input)),
      usage: logUsage(usage),
    });
  }
  const events = chatCompletionChunks(ctx, choices, usage);
  return sseResponse(x, events, {
    delayMs: behavior.delayMs,
    signal: rt.signal(),
    usage: logUsage(usage),
    failAfter: injected ? { events: Math.max(1, Math.floor(events.length / 2)), error: injected } : undefined,
  });
}
