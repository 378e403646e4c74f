import type { LogEntry } from "../../shared/requestLog";
import type { FailureCause } from "../../shared/stats";

/**
 * Why a completed request failed, or null when it succeeded. A test suite sends bad requests on
 * purpose (400, 404, 422) and injects faults on purpose; only what nobody asked for is the
 * server's fault. Order matters: a fault label or a fault_* code wins over the status it produced.
 */
export function failureCause(e: LogEntry): FailureCause | null {
  const status = e.status;
  const failed = status === null || status >= 400 || status < 100 || e.error !== null;
  if (!failed) return null;
  const code = e.error?.code ?? "";
  // x-mock-fault, rules, queued faults, a scenario's fault or error rate (all recorded as `fault`).
  if (e.fault || code.startsWith("fault_")) return "injected";
  // A client that hung up mid-stream (a 200 already sent, logged client_closed) is the client's doing.
  if (code === "client_closed") return "client";
  // The simulated rate limiter's refusals: the mock doing what it was configured to do.
  if (status === 429) return "injected";
  // A client that hung up before the answer (logged as 499 client_closed) is the client's doing.
  if (status !== null && status >= 400 && status < 500 && code !== "server_stopped") return "client";
  return "server";
}
