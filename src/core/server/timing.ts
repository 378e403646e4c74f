import type { Duplex } from "node:stream";

/** Why a wait for an answer ended before its time: nobody is left to read the answer. */
export type WaitEnd = "server_stopped" | "client_closed";

const closeWatchers = new WeakMap<Duplex, Set<() => void>>();

/**
 * Calls `fn` when connection `socket` closes; returns the unsubscribe. The connection, not the
 * response: a pipelined request's response waits in Node's queue without a socket, and never
 * closes when the connection does. One listener per connection, however many requests wait on it
 * (a client may pipeline any number), so Node never warns of a listener leak.
 */
export function onConnectionClose(socket: Duplex, fn: () => void): () => void {
  let watchers = closeWatchers.get(socket);
  if (!watchers) {
    const all = (watchers = new Set());
    closeWatchers.set(socket, all);
    socket.once("close", () => {
      closeWatchers.delete(socket);
      for (const watcher of all) watcher();
    });
  }
  watchers.add(fn);
  const own = watchers;
  return () => void own.delete(fn);
}

/**
 * Resolves with null after `ms` by `performance.now()`, or early with why the wait ended. The server
 * stopping ends it, and so does the client closing connection `socket`, as a hang ends: an answer
 * written to a client that left would be logged as delivered, in full, after the delay.
 */
export function pause(ms: number, signal: AbortSignal, socket?: Duplex): Promise<WaitEnd | null> {
  if (signal.aborted) return Promise.resolve("server_stopped");
  if (socket?.destroyed) return Promise.resolve("client_closed");
  if (ms <= 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    let unwatch: (() => void) | undefined;
    const end = (why: WaitEnd | null) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      unwatch?.();
      resolve(why);
    };
    const onAbort = () => end("server_stopped");
    // Node's timers count libuv's whole milliseconds: one can fire ~1-2 ms before `ms` (fractional
    // here) has passed by performance.now(), and a requested ttft is a minimum. Re-arm until due.
    const due = performance.now() + ms;
    const check = () => {
      const left = due - performance.now();
      if (left > 0) timer = setTimeout(check, left);
      else end(null);
    };
    let timer = setTimeout(check, ms);
    signal.addEventListener("abort", onAbort, { once: true });
    if (socket) unwatch = onConnectionClose(socket, () => end("client_closed"));
  });
}
