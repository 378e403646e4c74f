/**
 * What /v1/embeddings, /v1/completions and /v1/moderations share with chat completions before
 * they answer: the log entry, a hung scenario, injected errors and the configured delay.
 */
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { sleep } from "../timing";
import { pickInjectedError } from "./chatCompletions";
import { hang } from "./hang";
import type { ApiError } from "../../openai/errors";

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
  const behavior = rt.behavior();
  const body = await x.readJson();
  if (isObject(body)) {
    x.model = typeof body.model === "string" ? body.model : null;
    // Only an endpoint that streams logs the request as a stream (embeddings ignore `stream`).
    x.stream = streams && body.stream === true;
  }
  if (behavior.hang || behavior.delayMs > 0 || x.stream) x.begin();
  if (behavior.hang) return { done: await hang(x, rt.signal()) };
  const injected = pickInjectedError(behavior, x.model ?? fallbackModel);
  // As for chat: a third of injected stream failures happen mid-stream.
  if (injected && !(x.stream && Math.random() < 1 / 3)) {
    if (!(await sleep(behavior.delayMs, rt.signal()))) return { done: stopped(x) };
    throw injected;
  }
  return { body, delayMs: behavior.delayMs, injected, stream: x.stream };
}

/** Waits out the delay of a non-streamed answer; false when the server stopped meanwhile. */
export async function waitDelay(delayMs: number, rt: ServerRuntime): Promise<boolean> {
  return delayMs > 0 ? sleep(delayMs, rt.signal()) : !rt.signal().aborted;
}
