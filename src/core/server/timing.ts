import type { Duplex } from "node:stream";

/** Why a wait for an answer ended before its time: nobody is left to read the answer. */
export type WaitEnd = "server_stopped" | "client_closed";

/** Told when a connection closes: a function, or an object (no closure of its own to allocate). */
export type CloseWatcher = (() => void) | { connectionClosed(): void };

const closeWatchers = new WeakMap<Duplex, Set<CloseWatcher>>();

/**
 * Calls `fn` when connection `socket` closes; returns the unsubscribe. The connection, not the
 * response: a pipelined request's response waits in Node's queue without a socket, and never
 * closes when the connection does. One listener per connection, however many requests wait on it
 * (a client may pipeline any number), so Node never warns of a listener leak.
 */
export function onConnectionClose(socket: Duplex, fn: () => void): () => void {
  watchClose(socket, fn);
  return () => unwatchClose(socket, fn);
}

export function watchClose(socket: Duplex, watcher: CloseWatcher): void {
  (closeWatchers.get(socket) ?? watch(socket)).add(watcher);
}

export function unwatchClose(socket: Duplex, watcher: CloseWatcher): void {
  closeWatchers.get(socket)?.delete(watcher);
}

/**
 * The connection's set of watchers, and its one close listener. A function of its own: a listener
 * made inside onConnectionClose would keep that call's whole scope (its `fn`, the first waiter,
 * with its timer and closures) alive as long as the connection.
 */
function watch(socket: Duplex): Set<CloseWatcher> {
  const all = new Set<CloseWatcher>();
  closeWatchers.set(socket, all);
  // `on`, not `once`: close comes once, and once() wraps the listener in two objects more.
  socket.on("close", () => {
    closeWatchers.delete(socket);
    for (const watcher of all) {
      if (typeof watcher === "function") watcher();
      else watcher.connectionClosed();
    }
  });
  return all;
}

/**
 * One pause: the signal's listener (handleEvent), the connection's watcher and the timer's argument
 * at once. A plain object instead of five closures and their two scopes: a paced stream holds one
 * for its whole life, between each two events.
 */
class Wait {
  timer: NodeJS.Timeout | undefined;
  constructor(
    readonly due: number,
    readonly signal: AbortSignal,
    readonly socket: Duplex | undefined,
    readonly resolve: (why: WaitEnd | null) => void,
  ) {}

  handleEvent(): void {
    this.end("server_stopped");
  }

  connectionClosed(): void {
    this.end("client_closed");
  }

  end(why: WaitEnd | null): void {
    clearTimeout(this.timer);
    this.signal.removeEventListener("abort", this);
    if (this.socket) unwatchClose(this.socket, this);
    this.resolve(why);
  }
}

/**
 * Node's timers count libuv's whole milliseconds: one can fire ~1-2 ms before its (fractional) time
 * has passed by performance.now(), and a requested ttft is a minimum. Re-arm until due.
 */
function check(w: Wait): void {
  const left = w.due - performance.now();
  if (left > 0) w.timer = setTimeout(check, left, w);
  else w.end(null);
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
    const w = new Wait(performance.now() + ms, signal, socket, resolve);
    w.timer = setTimeout(check, ms, w);
    signal.addEventListener("abort", w, { once: true });
    if (socket) watchClose(socket, w);
  });
}
