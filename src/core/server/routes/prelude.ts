/**
 * How every generating endpoint opens, in one place: chat completions, Responses, embeddings,
 * completions and moderations read the body, spend from rate limits (where OpenAI does), plan the
 * request (x-mock-* headers, rules, queued faults, the scenario), then hang, reset, hold the
 * headers, or raise an injected or planned error, in that order.
 */
import { parseJson, type Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import type { Behavior } from "../types";
import { pause, type WaitEnd } from "../timing";
import { hang } from "./hang";
import { ApiError, errorName } from "../../openai/errors";
import { planRequest, readSteering, requestScenario, subjectOf, type RequestPlan } from "../../control/plan";
import { describeFault, openaiError } from "../../control/faults";
import { admitRequest, standingOf } from "../../rateLimits/admit";
import type { RateStanding } from "../../openai/errors";
import { HANDLED } from "../handled";
import { destroyConnection } from "../sse";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where a fault came from, as the log labels it. */
export const SOURCE_LABEL = { header: "x-mock-fault", queue: "queued", rule: "rule", scenario: "scenario" } as const;

/** The request's header `name` (lower case), joined when repeated. */
export function headerOf(x: Exchange, name: string): string | undefined {
  const v = x.nodeReq ? x.nodeReq.headers[name] : (x.event.req.headers.get(name) ?? undefined);
  return Array.isArray(v) ? v.join(", ") : v;
}

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
  // The fault catalogue's answer, headers included: an error reads the same however it was injected.
  return openaiError(status, model, undefined, status === 429 ? standing?.() : null);
}

/** The log's `fault` for an error the error rate injected, so the dashboard counts it as injected, not as ours. */
export const injectedLabel = (e: ApiError): string => `injected ${e.status} ${errorName(e)} (scenario error rate)`;

/** The server stopped while the answer waited for its delay: nobody is left to answer. */
export const stopped = (x: Exchange) =>
  x.ended("server_stopped", "The server stopped before the delayed answer was sent.");

/** A wait before the answer ended early: the server stopped, or the client closed the connection. */
export const endedEarly = (x: Exchange, why: WaitEnd) =>
  why === "server_stopped"
    ? stopped(x)
    : x.ended("client_closed", "The client closed the connection before the delayed answer was sent.");

/** Waits `ms` before answering (see pause): null once waited out, else why nobody is left to answer. */
export const waitFor = (x: Exchange, ms: number, rt: ServerRuntime): Promise<WaitEnd | null> =>
  pause(ms, rt.signal(), x.nodeReq?.socket);

export interface PreludeOptions {
  /** The endpoint rules and queued faults match, e.g. "/v1/chat/completions". */
  endpoint: string;
  /** The model errors name when the body names none. */
  fallbackModel: string;
  /** The endpoint answers `stream: true` with SSE (embeddings ignore `stream`). @default false */
  streams?: boolean;
  /**
   * Chat and Responses: answers are paced token by token, and their streams carry the
   * stream-shaped faults (cuts, error events, malformed chunks). Elsewhere those faults are a 400.
   * @default false
   */
  tokenStream?: boolean;
  /** Spend from the caller's rate-limit budget first (may throw the 429), as OpenAI checks limits first. @default false */
  rateLimited?: boolean;
  /** The body as rules read it (Responses maps its input to chat-style messages). @default the body */
  ruleView?: (body: unknown) => unknown;
}

/** What a route goes on with once the prelude let the request through. */
export interface Opened {
  body: unknown;
  plan: RequestPlan;
  /** The body's model, else the endpoint's fallback: the one errors name. */
  model: string;
  /** The wait before the first byte of the answer: the delay plus time to first token. */
  delayMs: number;
  /** An injected failure to raise mid-stream (a stream fails part-way through a third of the time). */
  injected: ApiError | null;
}

export type Prelude = { done: Response } | ({ done?: undefined } & Opened);

/**
 * Opens a request for a generating endpoint. `done` is set when the exchange already ended (hung,
 * reset, or the server stopped); an injected or planned error is thrown, for the route's catch.
 * Synchronous when the body is already here and nothing waits (the usual case): a promise only
 * when it must wait for the body, a delay or a hang.
 */
export function prelude(x: Exchange, rt: ServerRuntime, o: PreludeOptions): Prelude | Promise<Prelude> {
  const text = x.bodyNow();
  return text === undefined ? x.readText().then((t) => open(x, rt, o, parseJson(t))) : open(x, rt, o, parseJson(text));
}

function open(x: Exchange, rt: ServerRuntime, o: PreludeOptions, body: unknown): Prelude | Promise<Prelude> {
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    x.stream = o.streams === true && body.stream === true;
  }
  const control = rt.control();
  const subject = subjectOf(o.endpoint, o.ruleView ? o.ruleView(body) : body, (n) => headerOf(x, n));
  const steer = readSteering(control, subject);
  // Rate limits first, so a refused request keeps its queued fault.
  if (o.rateLimited) admitRequest(x, rt, body, requestScenario(control, subject, steer));
  const plan = planRequest(control, subject, body, x.stream, steer);
  const { behavior, fault, latency } = plan;
  x.scenario = plan.scenario;
  x.rule = plan.rule?.name ?? null;
  if (fault) {
    if (
      !o.tokenStream &&
      (fault.kind === "truncate" || fault.kind === "malformed" || (fault.kind === "error_event" && x.stream))
    )
      throw new ApiError(
        400,
        `The fault "${describeFault(fault, x.stream)}" applies to chat completions and Responses streams only, not ${o.endpoint}.`,
        "invalid_request_error",
        "x-mock-fault",
        "invalid_mock_header",
      );
    x.fault = `${describeFault(fault, x.stream)} (${SOURCE_LABEL[plan.faultSource!]})`;
  }
  const delayMs = latency.delayMs + latency.ttftMs;

  // In flight in the log only when something will wait; an immediate answer is logged once, complete.
  const waits = delayMs > 0 || (o.tokenStream === true && latency.tokensPerSecond > 0);
  // The timeout scenario's hang is injected like x-mock-fault: hang, whoever ends it. Like the
  // scenario's rates, it gives way to a planned fault (header, rule, queue).
  const scenarioHang = behavior.hang && !fault;
  if (scenarioHang) x.fault = `hang (${SOURCE_LABEL.scenario})`;
  if (scenarioHang || waits || x.stream || fault) x.begin();
  if (scenarioHang || fault?.kind === "hang") {
    const heldBy = scenarioHang ? "the timeout scenario" : `the fault ${x.fault}`;
    return hang(x, rt.signal(), heldBy).then((done) => ({ done }));
  }
  if (fault?.kind === "reset") {
    x.finish({ status: 0, headers: {}, body: "", error: { code: "fault_reset", message: x.fault! } });
    destroyConnection(x);
    return { done: HANDLED };
  }
  if (fault?.kind === "slow_headers")
    return waitFor(x, fault.ms, rt).then((end) =>
      end ? { done: endedEarly(x, end) } : afterHeaders(x, rt, o, body, plan),
    );
  return afterHeaders(x, rt, o, body, plan);
}

/** The rest of `open`, once any slow_headers wait is over: planned and injected errors. */
function afterHeaders(
  x: Exchange,
  rt: ServerRuntime,
  o: PreludeOptions,
  body: unknown,
  plan: RequestPlan,
): Prelude | Promise<Prelude> {
  const { behavior, fault, latency } = plan;
  const model = x.model ?? o.fallbackModel;
  const delayMs = latency.delayMs + latency.ttftMs;
  // Errors come after the same wait as an answer, measured from arrival.
  if (fault?.kind === "http" || (fault?.kind === "error_event" && !x.stream)) {
    const error = () =>
      fault.kind === "http"
        ? openaiError(fault.status, model, fault.variant, standingOf(x, rt))
        : openaiError(500, model);
    return raiseAfter(x, rt, delayMs, error);
  }
  // A planned fault (header, rule, queue or the scenario's own) beats the error rate: one or the other.
  const injected = fault ? null : pickInjectedError(behavior, model, () => standingOf(x, rt));
  if (injected) x.fault ??= injectedLabel(injected);
  // A third of injected stream failures happen mid-stream, the case SDKs most often get wrong.
  if (injected && !(x.stream && Math.random() < 1 / 3)) return raiseAfter(x, rt, delayMs, () => injected);
  return { body, plan, model, delayMs, injected };
}

/** Throws `error()` (rejects) once the answer's wait from arrival is over; the exchange ends instead when the server stopped. */
async function raiseAfter(x: Exchange, rt: ServerRuntime, delayMs: number, error: () => ApiError): Promise<Prelude> {
  const end = await waitFor(x, delayMs - x.elapsed(), rt);
  if (end) return { done: endedEarly(x, end) };
  throw error();
}

/** Waits out the delay of a non-streamed answer: null, or why it ended early (see waitFor). */
export function waitDelay(x: Exchange, delayMs: number, rt: ServerRuntime): Promise<WaitEnd | null> {
  return waitFor(x, delayMs, rt);
}
