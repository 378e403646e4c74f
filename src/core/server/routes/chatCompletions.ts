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
import type { ServerResponse } from "node:http";
import { injectedError, type ApiError, type RateStanding } from "../../openai/errors";
import { describeFault, openaiError } from "../../control/faults";
import { planLatency } from "../../control/latency";
import { planRequest, requestScenario, subjectOf } from "../../control/plan";
import type { LogEntry } from "../../../shared/requestLog";
import { completionId } from "../../openai/ids";
import { responseModelName } from "../../openai/models";
import type { Behavior } from "../types";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { destroyConnection, sseResponse } from "../sse";
import { sleep } from "../timing";
import { admitRequest, standingOf } from "../../rateLimits/admit";
import { hang } from "./hang";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Picks an injected failure for this request, or null; read from the behaviour at arrival. */
export function pickInjectedError(
  behavior: Behavior,
  model: string,
  standing?: () => RateStanding,
  random = Math.random,
): ApiError | null {
  if (behavior.errorRatePercent <= 0 || random() * 100 >= behavior.errorRatePercent) return null;
  const statuses = behavior.errorStatuses.length ? behavior.errorStatuses : ([429, 500, 503] as const);
  const status = statuses[Math.floor(random() * statuses.length)]!;
  return injectedError(status, model, status === 429 ? standing?.() : null);
}

/** The log's `fault` for an error the error rate injected, so the dashboard counts it as injected, not as ours. */
export const injectedLabel = (e: ApiError): string => `injected ${e.status} ${e.code ?? e.type} (scenario error rate)`;

// The responder (phrase banks, code tables) loads on the first chat request, not at startup:
// an idle mock, and `--help`, stay small.
let memo: DeterministicMemo | undefined;
let loading: Promise<DeterministicMemo> | undefined;
const loadMemo = () => (loading ??= import("../../responder/memo").then((m) => (memo = new m.DeterministicMemo())));

type LogEntryUsage = LogEntry["usage"];

/** h3's "already answered" marker: nothing more is written for this request. */
export const HANDLED = Symbol.for("h3.handled") as unknown as Response;

const logUsage = (u: Usage) => ({
  prompt_tokens: u.prompt_tokens,
  completion_tokens: u.completion_tokens,
  total_tokens: u.total_tokens,
});

/** The request's header `name` (lower case), joined when repeated. */
export function headerOf(x: Exchange, name: string): string | undefined {
  const v = x.nodeReq ? x.nodeReq.headers[name] : (x.event.req.headers.get(name) ?? undefined);
  return Array.isArray(v) ? v.join(", ") : v;
}

export const SOURCE_LABEL = { header: "x-mock-fault", queue: "queued", rule: "rule", scenario: "scenario" } as const;

/** The server stopped while the answer waited for its delay: nobody is left to answer. */
const stopped = (x: Exchange) => x.ended("server_stopped", "The server stopped before the delayed answer was sent.");

/** POST /v1/chat/completions */
export async function chatCompletions(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const config = rt.config();
  const body = await x.readJson();
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    x.stream = body.stream === true;
  }
  const control = rt.control();
  const subject = subjectOf("/v1/chat/completions", body, (n) => headerOf(x, n));
  // Rate limits first, as OpenAI checks them (may throw the 429), so a refused request keeps its queued fault.
  admitRequest(x, rt, body, requestScenario(control, subject));
  // Scenario, latency and fault for this request alone: x-mock-* headers, rules, queued faults.
  const plan = planRequest(control, subject, body, x.stream);
  const { behavior, fault, latency } = plan;
  x.scenario = plan.scenario;
  x.rule = plan.rule?.name ?? null;
  if (fault) x.fault = `${describeFault(fault, x.stream)} (${SOURCE_LABEL[plan.faultSource!]})`;
  const model = x.model ?? "gpt-4o-mini";

  // In flight in the log only when something will wait; an immediate answer is logged once, complete.
  const waits = latency.delayMs > 0 || latency.ttftMs > 0 || latency.tokensPerSecond > 0;
  if (behavior.hang || waits || x.stream || fault) x.begin();
  if (behavior.hang || fault?.kind === "hang") return hang(x, rt.signal());
  if (fault?.kind === "reset") {
    x.finish({ status: 0, headers: {}, body: "", error: { code: "fault_reset", message: x.fault! } });
    destroyConnection(x);
    return HANDLED;
  }
  if (fault?.kind === "slow_headers" && !(await sleep(fault.ms, rt.signal()))) return stopped(x);
  if (fault?.kind === "http" || (fault?.kind === "error_event" && !x.stream)) {
    if (!(await sleep(latency.delayMs + latency.ttftMs - x.elapsed(), rt.signal()))) return stopped(x);
    throw fault.kind === "http"
      ? openaiError(fault.status, model, fault.variant, standingOf(x, rt))
      : openaiError(500, model);
  }

  const injected = pickInjectedError(behavior, model, () => standingOf(x, rt));
  if (injected) x.fault ??= injectedLabel(injected);
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
  const action = plan.rule?.action;
  const canned = action && (action.reply !== undefined || action.tool_call);
  const out = canned
    ? {
        choices: (await import("../../control/canned")).cannedChoice(action, req.model, req.n, maxTokens),
        promptTokens: responder.respond({ ...input, maxTokens: 1, n: 1 }, x.body).promptTokens,
      }
    : responder.respond(input, x.body);
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
    // No await at zero delay: the answer goes out in the same tick as the body arrived.
    if (wait >= 1 ? !(await sleep(wait, rt.signal())) : rt.signal().aborted) return stopped(x);
    const json = chatCompletionJson(ctx, choices, usage, !canned && responder.reuses(input));
    if (fault?.kind === "truncate") return brokenBody(x, json, fault.end === "reset", logUsage(usage));
    if (fault?.kind === "malformed") return x.jsonText({ text: json.slice(0, Math.floor(json.length * 0.6)) });
    return x.jsonText({ text: json, usage: logUsage(usage) });
  }
  const events = chatCompletionChunks(ctx, choices, usage);
  const paced = latency.ttftMs > 0 || latency.tokensPerSecond > 0 || latency.jitterPercent > 0;
  const streamFault = fault && (fault.kind === "truncate" || fault.kind === "malformed") ? fault : null;
  return sseResponse(x, events, {
    delayMs: latency.delayMs,
    schedule: paced ? planLatency(latency, events.length, usage.completion_tokens, plan.random) : undefined,
    signal: rt.signal(),
    usage: logUsage(usage),
    cut: streamFault
      ? {
          after: Math.min(streamFault.after, Math.max(0, events.length - 1)),
          end: streamFault.kind === "malformed" ? "malformed" : streamFault.end,
          label: x.fault!,
        }
      : undefined,
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
  const res = x.event.runtime?.node?.res as ServerResponse | undefined;
  const headers = x.headers({ extra: { "content-length": String(Buffer.byteLength(json)) } });
  const half = json.slice(0, Math.floor(json.length / 2));
  const error = { code: reset ? "fault_reset" : "fault_eof", message: x.fault ?? "" };
  x.finish({ status: 200, headers, body: half, usage: usage ?? undefined, error });
  if (!res) return x.jsonText({ text: half });
  res.writeHead(200, headers);
  res.write(half, () => setTimeout(() => destroyConnection(x), 15));
  return HANDLED;
}
