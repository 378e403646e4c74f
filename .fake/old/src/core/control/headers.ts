import { FaultSyntaxError, parseFault, type Fault } from "./faults";
import type { LatencyOverride } from "./rules";
import { ApiError } from "../openai/errors";

/** The per-request control headers; they steer only the request that carries them. */
export const CONTROL_HEADERS = [
  "x-mock-scenario",
  "x-mock-fault",
  "x-mock-delay-ms",
  "x-mock-ttft-ms",
  "x-mock-tokens-per-second",
] as const;

export interface HeaderControl {
  scenario?: string;
  fault?: Fault;
  latency?: LatencyOverride;
}

const badHeader = (name: string, message: string) =>
  new ApiError(400, `Invalid ${name} header: ${message}`, "invalid_request_error", name, "invalid_mock_header");

function number(name: string, raw: string, max: number): number {
  const text = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) > max)
    throw badHeader(name, `expected a number 0-${max}, got "${raw.slice(0, 40)}"`);
  return Number(text);
}

/**
 * Reads x-mock-* from a request's headers; null when none is present. A malformed value is a 400
 * naming the header, so a typo in a test never silently means "no fault".
 */
export function readControlHeaders(get: (name: string) => string | undefined): HeaderControl | null {
  let out: HeaderControl | null = null;
  const scenario = get("x-mock-scenario");
  if (scenario !== undefined) (out ??= {}).scenario = scenario.trim();
  const fault = get("x-mock-fault");
  if (fault !== undefined)
    try {
      (out ??= {}).fault = parseFault(fault);
    } catch (e) {
      if (e instanceof FaultSyntaxError) throw badHeader("x-mock-fault", e.message);
      throw e;
    }
  const delay = get("x-mock-delay-ms");
  const ttft = get("x-mock-ttft-ms");
  const tps = get("x-mock-tokens-per-second");
  // Most requests carry none of the three: no object to build and count.
  if (delay === undefined && ttft === undefined && tps === undefined) return out;
  const latency: LatencyOverride = {};
  if (delay !== undefined) latency.delay_ms = number("x-mock-delay-ms", delay, 600_000);
  if (ttft !== undefined) latency.ttft_ms = number("x-mock-ttft-ms", ttft, 600_000);
  if (tps !== undefined) latency.tokens_per_second = number("x-mock-tokens-per-second", tps, 100_000);
  (out ??= {}).latency = latency;
  return out;
}
