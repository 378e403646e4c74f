import type { ServerResponse } from "node:http";
import type { Exchange } from "./exchange";
import { onConnectionClose, type WaitEnd } from "./timing";

/*
 * Taking turns with other connections: what writes a large answer (jsonPieces.ts) or a burst of
 * stream events due at once (sse.ts) stops now and then to let the event loop run, and waits for a
 * client that reads slowly, so one answer holds neither the loop (in VS Code, the whole extension
 * host) nor its own size in memory.
 */

/** What Node may hold for a slow client before making stops until its socket drains. */
const BUFFERED_MAX = 1024 * 1024;
/** How long answers writing in turns run, all together, before other connections get a turn. */
const SLICE_MS = 8;

/**
 * How many answers (and stream bursts) are writing in turns now. They share one slice: each runs
 * SLICE_MS / count, so a new connection waits about SLICE_MS per loop turn however many there are.
 */
let writers = 0;
export const turnTaking = {
  start: (): void => void writers++,
  stop: (): void => void writers--,
  sliceMs: (): number => SLICE_MS / Math.max(1, writers),
  /** How many are writing now (tests read it). */
  count: (): number => writers,
};

/** Whether so much waits for the client that the writer should wait for its socket to drain. */
export const mustWait = (res: ServerResponse): boolean => res.writableNeedDrain && res.writableLength > BUFFERED_MAX;

/**
 * Lets the event loop run: until the socket drains when too much waits for it, else for one turn.
 * Resolves with why the answer cannot go on (the server stopped, the client left), or null. The
 * caller is one of turnTaking's writers.
 */
export function nextTurn(res: ServerResponse, x: Exchange, signal: AbortSignal): Promise<WaitEnd | null> {
  return new Promise((resolve) => {
    const socket = x.nodeReq?.socket;
    let unwatch: (() => void) | undefined;
    let immediate: NodeJS.Immediate | undefined;
    let draining = false;
    const done = () => {
      if (draining) turnTaking.start();
      draining = false;
      res.off("drain", done);
      res.off("close", done);
      signal.removeEventListener("abort", done);
      unwatch?.();
      clearImmediate(immediate);
      resolve(signal.aborted ? "server_stopped" : res.destroyed || socket?.destroyed ? "client_closed" : null);
    };
    if (signal.aborted || res.destroyed || socket?.destroyed) return done();
    if (mustWait(res)) {
      // Waiting for a client (or a pipelined answer ahead) is not writing: it takes no share of the slice.
      turnTaking.stop();
      draining = true;
      res.on("drain", done);
    } else immediate = setImmediate(done);
    res.on("close", done);
    signal.addEventListener("abort", done);
    // A pipelined answer's own response never closes when its connection does: watch the connection.
    if (socket) unwatch = onConnectionClose(socket, done);
  });
}
