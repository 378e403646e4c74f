/**
 * What /v1/embeddings, /v1/completions and /v1/moderations share with chat completions before
 * they answer: the log entry, the request's plan (x-mock-* headers, rules, queued faults, the
 * scenario), a hang, a reset, slow headers, injected errors and the delay.
 */
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { sleep } from "../timing";
import { injectedLabel, pickInjectedError } from "./chatCompletions";
import { standingOf } from "../../rateLimits/admit";
import { hang } from "./hang";
import { ApiError } from "../../openai/errors";
import { planRequest, subjectOf } from "../../control/plan";
import { describeFault, openaiError } from "../../control/faults";
import { HANDLED } from "../handled";
import { destroyConnection } from "../sse";
import { headerOf, SOURCE_LABEL } from "./chatCompletions";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const stopped = (x: Exchange) =>
  x.ended("server_stopped", "The server stopped before the delayed answer was sent.");

export type Prelude =
  { done: Response } | { done?: undefined; body: unknown; delayMs: number; injected: ApiError | null; stream: boolean };

/**
 * Reads the body and applies the scenario. `done` is set when the exchange already ended (hung,
 * stopped, or an injected error thrown); otherwise `injected` is an error to raise mid-stream.
 * `streams`: the endpoint answers `stream: true` with SSE.
 */
export async function prelude(
  x: Exchange,
  rt: ServerRuntime,
  fallbackModel: string,
  streams = false,
): Promise<Prelude> {
  const body = await x.readJson();
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    // Only an endpoint that streams logs the request as a stream (embeddings ignore `stream`).
    x.stream = streams && body.stream === true;
  }
  const plan = planRequest(
    rt.control(),
    subjectOf(x.path, body, (n) => headerOf(x, n)),
    body,
    x.stream,
  );
  const { behavior, fault } = plan;
  x.scenario = plan.scenario;
  x.rule = plan.rule?.name ?? null;
  if (fault) {
    // Stream-shaped faults (cuts, error events, malformed chunks) need a chat or Responses stream.
    if (fault.kind === "truncate" || fault.kind === "malformed" || (fault.kind === "error_event" && x.stream))
      throw new ApiError(
        400,
        `The fault "${describeFault(fault, x.stream)}" applies to chat completions and Responses streams only, not ${x.path}.`,
        "invalid_request_error",
        "x-mock-fault",
        "invalid_mock_header",
      );
    x.fault = `${describeFault(fault, x.stream)} (${SOURCE_LABEL[plan.faultSource!]})`;
  }
  const delayMs = plan.latency.delayMs + plan.latency.ttftMs;
  const model = x.model ?? fallbackModel;
  if (behavior.hang || delayMs > 0 || x.stream || fault) x.begin();
  if (behavior.hang || fault?.kind === "hang") return { done: await hang(x, rt.signal()) };
  if (fault?.kind === "reset") {
    x.finish({ status: 0, headers: {}, body: "", error: { code: "fault_reset", message: x.fault! } });
    destroyConnection(x);
    return { done: HANDLED };
  }
  if (fault?.kind === "slow_headers" && !(await sleep(fault.ms, rt.signal()))) return { done: stopped(x) };
  if (fault?.kind === "http" || fault?.kind === "error_event") {
    if (!(await sleep(delayMs, rt.signal()))) return { done: stopped(x) };
    throw fault.kind === "http"
      ? openaiError(fault.status, model, fault.variant, standingOf(x, rt))
      : openaiError(500, model);
  }
  const injected = pickInjectedError(behavior, model, () => standingOf(x, rt));
  if (injected) x.fault ??= injectedLabel(injected);
  // As for chat: a third of injected stream failures happen mid-stream.
  if (injected && !(x.stream && Math.random() < 1 / 3)) {
    if (!(await sleep(delayMs, rt.signal()))) return { done: stopped(x) };
    throw injected;
  }
  return { body, delayMs, injected, stream: x.stream };
}

/** Waits out the delay of a non-streamed answer; false when the server stopped meanwhile. */
export async function waitDelay(delayMs: number, rt: ServerRuntime): Promise<boolean> {
  return delayMs > 0 ? sleep(delayMs, rt.signal()) : !rt.signal().aborted;
}
