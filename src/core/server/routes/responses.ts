import type { respond as Respond } from "../../responder";
import {
  buildResponse,
  failedResponse,
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
import { responseModelName } from "../../openai/models";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { sseResponse } from "../sse";
import { sleep } from "../timing";
import { pickInjectedError } from "./chatCompletions";
import { hang } from "./hang";

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

const stopped = (x: Exchange) => x.ended("server_stopped", "The server stopped before the delayed answer was sent.");

/** POST /v1/responses: delay, error rate, hang and the request log apply as in chat completions. */
export async function createResponse(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const behavior = rt.behavior();
  const config = rt.config();
  const body = await x.readJson();
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    x.stream = body.stream === true;
  }
  if (behavior.hang || behavior.delayMs > 0 || x.stream) x.begin();
  if (behavior.hang) return hang(x, rt.signal());

  const injected = pickInjectedError(behavior, x.model ?? "gpt-4o-mini");
  // As in chat, a third of injected stream failures happen mid-stream (a response.failed event).
  if (injected && !(x.stream && Math.random() < 1 / 3)) {
    if (!(await sleep(behavior.delayMs, rt.signal()))) return stopped(x);
    throw injected;
  }

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
  const respond = responder ?? (await loadResponder());
  const out = respond({
    model: req.model,
    messages: toChatMessages(inputItems, req.instructions),
    seed: req.seed,
    temperature,
    top_p: req.top_p,
    n: 1,
    maxTokens: Math.min(req.maxOutputTokens ?? config.responses.max_tokens, config.responses.max_tokens),
    parallelToolCalls: req.parallelToolCalls,
    ...responderOptions(req),
  });
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

  if (!req.stream) {
    if (behavior.delayMs > 0 ? !(await sleep(behavior.delayMs, rt.signal())) : rt.signal().aborted) return stopped(x);
    return x.json({ body: built.response, usage: logUsage(built.response.usage) });
  }
  const events = responseEvents(built.response, built.pieces);
  let failAfter;
  if (injected) {
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
      delayMs: behavior.delayMs,
      signal: rt.signal(),
      usage: logUsage(built.response.usage),
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
export function retrieveResponse(x: Exchange, rt: ServerRuntime, id: string): Response {
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
