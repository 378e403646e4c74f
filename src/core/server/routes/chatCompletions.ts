import type { DeterministicMemo } from "../../responder/memo";
import type { RespondOutput } from "../../responder/types";
// Cheap to import: the vocabularies themselves load on the first count.
import { countTokens } from "../../responder/tokens";
import { parseChatRequest, respondInput, type ChatRequest } from "../../openai/chatRequest";
import {
  applyStop,
  chatCompletionChunkList,
  chatCompletionJson,
  chatCompletionPieces,
  usageOf,
  type CompletionContext,
  type Usage,
} from "../../openai/chatCompletion";
import { openaiError } from "../../control/faults";
import { planLatency } from "../../control/latency";
import type { LogEntry } from "../../../shared/requestLog";
import { completionId } from "../../openai/ids";
import { responseModelName } from "../../openai/models";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { destroyConnection, sseResponse } from "../sse";
import { HANDLED } from "../handled";
import { sendJsonPieces } from "../jsonPieces";
import { endedEarly, prelude, stopped, waitFor, type Opened, type Prelude, type PreludeOptions } from "./prelude";
import { streamShape } from "./streamShape";

// The responder (phrase banks, code tables) loads on the first chat request, not at startup:
// an idle mock, and `--help`, stay small.
let memo: DeterministicMemo | undefined;
let loading: Promise<DeterministicMemo> | undefined;
const loadMemo = () => (loading ??= import("../../responder/memo").then((m) => (memo = new m.DeterministicMemo())));

type LogEntryUsage = LogEntry["usage"];

const logUsage = (u: Usage) => ({
  prompt_tokens: u.prompt_tokens,
  completion_tokens: u.completion_tokens,
  total_tokens: u.total_tokens,
});

const OPTIONS: PreludeOptions = {
  endpoint: "/v1/chat/completions",
  fallbackModel: "gpt-4o-mini",
  streams: true,
  tokenStream: true,
  rateLimited: true,
};

/**
 * POST /v1/chat/completions. Synchronous when the body came with the headers and nothing waits
 * (no delay, the responder loaded): the answer is written in the tick the request arrived.
 */
export function chatCompletions(x: Exchange, rt: ServerRuntime): Response | Promise<Response> {
  const p = prelude(x, rt, OPTIONS);
  return p instanceof Promise ? p.then((q) => opened(x, rt, q)) : opened(x, rt, p);
}

function opened(x: Exchange, rt: ServerRuntime, p: Prelude): Response | Promise<Response> {
  if (p.done) return p.done;
  const { body, plan } = p;
  const { behavior } = plan;
  const config = rt.config();

  const req = parseChatRequest(body, config.models.available, behavior.streamingEnabled);
  if (!memo) return loadMemo().then(() => answer(x, rt, p, req));
  return answer(x, rt, p, req);
}

function answer(x: Exchange, rt: ServerRuntime, p: Opened, req: ChatRequest): Response | Promise<Response> {
  const { plan } = p;
  const config = rt.config();
  const maxTokens = Math.min(req.maxTokens ?? config.responses.max_tokens, config.responses.max_tokens);
  const responder = memo!;
  const input = respondInput(req, config.responses.temperature, maxTokens);
  const action = plan.rule?.action;
  const canned = action && (action.reply !== undefined || action.tool_call);
  if (canned)
    return import("../../control/canned").then((m) =>
      reply(x, rt, p, req, false, {
        choices: m.cannedChoice(action, req.model, req.n, maxTokens),
        promptTokens: responder.respond({ ...input, maxTokens: 1, n: 1 }, x.body).promptTokens,
      }),
    );
  return reply(x, rt, p, req, responder.reuses(input), responder.respond(input, x.body));
}

function reply(
  x: Exchange,
  rt: ServerRuntime,
  p: Opened,
  req: ChatRequest,
  reuses: boolean,
  out: RespondOutput,
): Response | Promise<Response> {
  const { model, injected, plan } = p;
  const { fault, latency } = plan;
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
    // Measured from arrival, so reading and generating the answer do not add to the modelled time.
    const wait = planLatency(latency, 0, usage.completion_tokens, plan.random).firstMs - x.elapsed();
    const send = () => {
      // Many choices may run to tens of MB: they go out as they are written (a cut body needs the whole text).
      if (choices.length > 1 && fault?.kind !== "truncate" && fault?.kind !== "malformed")
        return sendJsonPieces(x, rt, {
          pieces: chatCompletionPieces(ctx, choices, usage, reuses),
          usage: logUsage(usage),
        });
      const json = chatCompletionJson(ctx, choices, usage, reuses);
      if (fault?.kind === "truncate") return brokenBody(x, json, fault.end === "reset", logUsage(usage));
      if (fault?.kind === "malformed") return x.jsonText({ text: json.slice(0, Math.floor(json.length * 0.6)) });
      return x.jsonText({ text: json, usage: logUsage(usage) });
    };
    // No wait at zero delay: the answer goes out in the same tick as the body arrived.
    if (wait >= 1) return waitFor(x, wait, rt).then((end) => (end ? endedEarly(x, end) : send()));
    return rt.signal().aborted ? stopped(x) : send();
  }
  const events = chatCompletionChunkList(ctx, choices, usage);
  return sseResponse(x, events, {
    ...streamShape(latency, fault, events.length, usage.completion_tokens, plan.random, x.fault),
    signal: rt.signal(),
    usage: logUsage(usage),
    failAfter:
      fault?.kind === "error_event"
        ? { events: Math.min(fault.after, events.length), error: openaiError(500, model) }
        : injected
          ? { events: Math.max(1, Math.floor(events.length / 2)), error: injected }
          : undefined,
  });
}

/** A JSON answer whose body breaks off: half of it is sent under the full content-length, then the connection closes. */
export function brokenBody(x: Exchange, json: string, reset: boolean, usage: LogEntryUsage): Response {
  const res = x.nodeRes;
  const headers = x.headers({ extra: { "content-length": String(Buffer.byteLength(json)) } });
  const half = json.slice(0, Math.floor(json.length / 2));
  const error = { code: reset ? "fault_reset" : "fault_eof", message: x.fault ?? "" };
  x.finish({ status: 200, headers, body: half, usage: usage ?? undefined, error });
  if (!res) return x.jsonText({ text: half });
  res.writeHead(200, headers);
  res.write(half, () => setTimeout(() => destroyConnection(x), 15));
  return HANDLED;
}
