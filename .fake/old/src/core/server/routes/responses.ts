import type { respond as Respond } from "../../responder";
import {
  buildResponse,
  failedResponse,
  errorEvent,
  failureEvent,
  listInputItems,
  parseResponsesRequest,
  previousResponseNotFound,
  responderOptions,
  responseEvents,
  responseId,
  responseNotFound,
  ResponseStore,
  toChatMessages,
  type InputItemResource,
  type ResponseUsage,
  type StoredResponse,
} from "../../openai/responses";
import { invalidParam } from "../../openai/errors";
import { openaiError } from "../../control/faults";
import { planLatency } from "../../control/latency";
import { responseModelName } from "../../openai/models";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { sseResponse, type SseOptions } from "../sse";
import { sleep } from "../timing";
import { brokenBody } from "./chatCompletions";
import { prelude, stopped } from "./prelude";
import { streamShape } from "./streamShape";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

// One store per server (it outlives restarts, as stored responses outlive a deployment's restarts).
const stores = new WeakMap<ServerRuntime, ResponseStore>();
export function responseStore(rt: ServerRuntime): ResponseStore {
  let s = stores.get(rt);
  if (!s) stores.set(rt, (s = new ResponseStore()));
  return s;
}

// The responder loads on the first request, as for chat: an idle mock stays small.
let responder: typeof Respond | undefined;
const loadResponder = async () => (responder ??= (await import("../../responder")).respond);

const logUsage = (u: ResponseUsage | undefined) =>
  u && { prompt_tokens: u.input_tokens, completion_tokens: u.output_tokens, total_tokens: u.total_tokens };

/** The request as the control plane's rules read it (they look at chat-style messages). */
function ruleView(body: unknown): unknown {
  if (!isObject(body)) return body;
  const input = body.input;
  const items = typeof input === "string" ? [{ role: "user", content: input }] : Array.isArray(input) ? input : [];
  const instructions = typeof body.instructions === "string" ? [{ role: "developer", content: body.instructions }] : [];
  return { ...body, messages: [...instructions, ...items.filter((i) => isObject(i) && typeof i.role === "string")] };
}

/**
 * POST /v1/responses. Scenario, delay and latency model, error rate, faults (x-mock-* headers,
 * rules, queued) and the request log apply as in chat completions, in the same order.
 */
export async function createResponse(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, {
    endpoint: "/v1/responses",
    fallbackModel: "gpt-4o-mini",
    streams: true,
    tokenStream: true,
    rateLimited: true,
    ruleView,
  });
  if (p.done) return p.done;
  const { body, plan, model, injected } = p;
  const { behavior, fault, latency } = plan;
  const config = rt.config();

  const store = responseStore(rt);
  const req = parseResponsesRequest(body, config.models.available, behavior.streamingEnabled, (id) => store.item(id));
  let context: InputItemResource[] = [];
  if (req.previousResponseId) {
    const prev = store.get(req.previousResponseId);
    if (!prev) throw previousResponseNotFound(req.previousResponseId);
    // The conversation continues from what was stored; the previous instructions do not carry over.
    context = [...prev.inputItems, ...prev.response.output];
  }
  const inputItems = context.length ? [...context, ...req.input] : req.input;
  const temperature = req.temperature ?? config.responses.temperature;
  const maxTokens = Math.min(req.maxOutputTokens ?? config.responses.max_tokens, config.responses.max_tokens);
  const respond = responder ?? (await loadResponder());
  const input = {
    model: req.model,
    messages: toChatMessages(inputItems, req.instructions),
    seed: req.seed,
    temperature,
    top_p: req.top_p,
    n: 1,
    maxTokens,
    parallelToolCalls: req.parallelToolCalls,
    ...responderOptions(req),
  };
  const action = plan.rule?.action;
  const canned = action && (action.reply !== undefined || action.tool_call);
  const out = canned
    ? {
        choices: (await import("../../control/canned")).cannedChoice(action, req.model, 1, maxTokens),
        promptTokens: respond({ ...input, maxTokens: 1 }).promptTokens,
      }
    : respond(input);
  const ctx = {
    id: responseId(),
    createdAt: Math.floor(Date.now() / 1000),
    model: responseModelName(req.model),
    request: req,
    temperature,
  };
  const built = buildResponse(ctx, out.choices[0]!, out.promptTokens);
  const stored: StoredResponse = { response: built.response, inputItems, pieces: built.pieces };
  if (req.store) store.put(stored);
  const usage = logUsage(built.response.usage);
  // The real usage replaces the admission estimate (max_output_tokens), as for chat.
  x.limits?.settle(built.response.usage?.total_tokens ?? 0);
  const outputTokens = built.response.usage?.output_tokens ?? 0;

  if (!req.stream) {
    // Measured from arrival, as for chat: reading and generating the answer are part of the modelled time.
    const wait = planLatency(latency, 0, outputTokens, plan.random).firstMs - x.elapsed();
    if (wait >= 1 ? !(await sleep(wait, rt.signal())) : rt.signal().aborted) return stopped(x);
    const json = JSON.stringify(built.response);
    if (fault?.kind === "truncate") return brokenBody(x, json, fault.end === "reset", usage ?? null);
    if (fault?.kind === "malformed") return x.jsonText({ text: json.slice(0, Math.floor(json.length * 0.6)) });
    return x.jsonText({ text: json, usage });
  }
  const events = responseEvents(built.response, built.pieces);
  let failAfter: SseOptions["failAfter"];
  if (fault?.kind === "error_event") {
    const sent = Math.min(fault.after, events.length);
    const error = openaiError(500, model);
    const end = errorEvent(sent, { code: error.code ?? error.type, message: error.message, param: error.param });
    failAfter = { events: sent, error, event: { name: end.type, data: end.data } };
  } else if (injected) {
    // Cut after the output started, so the client has seen part of the answer when it fails.
    const sent = Math.max(2, Math.floor(events.length / 2));
    const failed = failedResponse(built.response, {
      code: injected.status === 429 ? "rate_limit_exceeded" : "server_error",
      message: injected.message,
    });
    if (req.store) store.put({ ...stored, response: failed });
    const end = failureEvent(sent, failed);
    failAfter = { events: sent, error: injected, event: { name: end.type, data: end.data } };
  }
  return sseResponse(
    x,
    events.map((e) => e.data),
    {
      ...streamShape(latency, fault, events.length, outputTokens, plan.random, x.fault),
      signal: rt.signal(),
      usage,
      eventNames: events.map((e) => e.type),
      doneMarker: false,
      failAfter,
    },
  );
}

function stored(rt: ServerRuntime, x: Exchange, id: string): StoredResponse {
  const s = responseStore(rt).get(id);
  if (!s) throw responseNotFound(id);
  x.model = s.response.model;
  return s;
}

/** GET /v1/responses/{id}, and with ?stream=true its events again (from ?starting_after=N). */
export function retrieveResponse(x: Exchange, rt: ServerRuntime, id: string): Response | Promise<Response> {
  const s = stored(rt, x, id);
  const query = x.event.url.searchParams;
  if (query.get("stream") !== "true") return x.json({ body: s.response });
  x.stream = true;
  const after = query.get("starting_after");
  const from = after === null ? -1 : Number(after);
  if (!Number.isInteger(from))
    throw invalidParam(
      "starting_after",
      `Invalid 'starting_after': expected an integer, but got '${after}'.`,
      "invalid_type",
    );
  const events = responseEvents(s.response, s.pieces).filter((_, i) => i > from);
  return sseResponse(
    x,
    events.map((e) => e.data),
    { signal: rt.signal(), eventNames: events.map((e) => e.type), doneMarker: false },
  );
}

/** DELETE /v1/responses/{id} */
export function deleteResponse(x: Exchange, rt: ServerRuntime, id: string): Response {
  if (!responseStore(rt).remove(id)) throw responseNotFound(id);
  return x.json({ body: { id, object: "response", deleted: true } });
}

/** GET /v1/responses/{id}/input_items */
export function responseInputItems(x: Exchange, rt: ServerRuntime, id: string): Response {
  const s = stored(rt, x, id);
  return x.json({ body: listInputItems(s.inputItems, x.event.url.searchParams) });
}
