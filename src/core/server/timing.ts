import type { ServerResponse } from "node:http";

/** Resolves after `ms`, or early (with false) when the signal aborts: server stop never waits on a delay. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal?.aborted);
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Why a wait for an answer ended before its time: nobody is left to read the answer. */
export type WaitEnd = "server_stopped" | "client_closed";

/**
 * `sleep` for a wait before an answer: null once waited out, or why it ended early. The server
 * stopping ends it, and so does the client closing the connection (`res` closes), as a hang ends:
 * an answer written to a client that left would be logged as delivered, in full, after the delay.
 */
export function pause(ms: number, signal: AbortSignal, res?: ServerResponse): Promise<WaitEnd | null> {
  if (signal.aborted) return Promise.resolve("server_stopped");
  if (res?.destroyed) return Promise.resolve("client_closed");
  if (ms <= 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const end = (why: WaitEnd | null) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      res?.off("close", onClose);
      resolve(why);
    };
    const onAbort = () => end("server_stopped");
    const onClose = () => end("client_closed");
    const timer = setTimeout(() => end(null), ms);
    signal.addEventListener("abort", onAbort, { once: true });
    res?.once("close", onClose);
  });
}
