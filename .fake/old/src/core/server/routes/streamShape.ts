// How a generated stream is paced and where a fault cuts it: the same for chat and Responses.
import type { Fault } from "../../control/faults";
import { planLatency, type LatencySettings, type Random } from "../../control/latency";
import type { SseOptions } from "../sse";

export function streamShape(
  latency: LatencySettings,
  fault: Fault | null | undefined,
  events: number,
  tokens: number,
  random: Random,
  label: string | null | undefined,
): Pick<SseOptions, "delayMs" | "schedule" | "cut"> {
  const paced = latency.ttftMs > 0 || latency.tokensPerSecond > 0 || latency.jitterPercent > 0;
  const cuts = fault && (fault.kind === "truncate" || fault.kind === "malformed") ? fault : null;
  return {
    delayMs: latency.delayMs,
    schedule: paced ? planLatency(latency, events, tokens, random) : undefined,
    cut: cuts
      ? {
          after: Math.min(cuts.after, Math.max(0, events - 1)),
          end: cuts.kind === "malformed" ? "malformed" : cuts.end,
          label: label ?? "",
        }
      : undefined,
  };
}
