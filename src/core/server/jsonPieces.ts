import type { ServerResponse } from "node:http";
import type { Exchange, LogUsage } from "./exchange";
import { HANDLED } from "./handled";
import { onConnectionClose, type WaitEnd } from "./timing";

/** Answers up to this many characters go whole, with a content-length, in one write (as `jsonText`). */
export const WHOLE_UP_TO = 256 * 1024;
/** What Node may hold for a slow client before making stops until its socket drains. */
const BUFFERED_MAX = 1024 * 1024;
/** The longest stretch of making pieces (or stream events) before other connections get a turn. */
export const SLICE_MS = 8;

export interface JsonPiecesOptions {
  usage: LogUsage;
  /** The server's stop signal: a stop ends the answer where it is. */
  signal: AbortSignal;
  /** Tests set a small threshold to exercise the chunked path. @default WHOLE_UP_TO */
  wholeUpTo?: number;
}

const ENDED: Record<WaitEnd, string> = {
  client_closed: "The client closed the connection before the answer was complete.",
  server_stopped: "The server stopped while the answer was being sent.",
};

/**
 * Sends a 200 JSON answer made piece by piece. One that ends within `wholeUpTo` characters is sent
 * whole, as `x.jsonText` does. A larger one (embeddings of 2,048 inputs run to 137 MB) goes out
 * chunked as it is made: other connections get a turn every SLICE_MS, and a slow client's socket
 * is waited for, so one answer holds neither the event loop (in VS Code, the whole extension host)
 * nor its own size in memory. The log keeps the body's first characters, as it does of any body.
 */
export async function sendJsonPieces(
  x: Exchange,
  pieces: Iterable<string>,
  opts: JsonPiecesOptions,
): Promise<Response> {
  const it = pieces[Symbol.iterator]();
  const whole = opts.wholeUpTo ?? WHOLE_UP_TO;
  let text = "";
  let next = it.next();
  while (!next.done && text.length <= whole) {
    text += next.value;
    next = it.next();
  }
  const res = x.event.runtime?.node?.res as ServerResponse | undefined;
  if (next.done || !res || res.headersSent) {
    for (; !next.done; next = it.next()) text += next.value; // no Node response to write to as we go
    return x.jsonText({ text, usage: opts.usage });
  }

  const headers = x.headers(); // no content-length: chunked
  res.writeHead(200, "OK", headers);
  const keep = x.logBodyLimit + 1; // one past the limit, so the log marks the body cut
  let logged = text.slice(0, keep);
  res.write(text);
  let end: WaitEnd | null = null;
  let sliceStart = performance.now();
  try {
    for (; !next.done; next = it.next()) {
      if (res.destroyed) break;
      if (performance.now() - sliceStart > SLICE_MS || (res.writableNeedDrain && res.writableLength > BUFFERED_MAX)) {
        end = await nextTurn(res, x, opts.signal);
        if (end) break;
        sliceStart = performance.now();
      }
      if (logged.length < keep) logged += next.value.slice(0, keep - logged.length);
      res.write(next.value);
    }
  } catch (err) {
    res.destroy(); // a 200 already under way: the client sees a broken body, the log an error
    throw err;
  }
  if (!end && res.destroyed) end = opts.signal.aborted ? "server_stopped" : "client_closed";
  if (end) {
    if (!res.destroyed) res.destroy();
    x.finish({ status: 200, headers, body: logged, usage: opts.usage, error: { code: end, message: ENDED[end] } });
    return HANDLED;
  }
  res.end();
  x.finish({ status: 200, headers, body: logged, usage: opts.usage });
  return HANDLED;
}

/**
 * Lets the event loop run: until the socket drains when too much waits for it, else for one turn.
 * Resolves with why the answer cannot go on (the server stopped, the client left), or null.
 */
export function nextTurn(res: ServerResponse, x: Exchange, signal: AbortSignal): Promise<WaitEnd | null> {
  return new Promise((resolve) => {
    const socket = x.nodeReq?.socket;
    let unwatch: (() => void) | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      signal.removeEventListener("abort", done);
      unwatch?.();
      clearImmediate(immediate);
      resolve(signal.aborted ? "server_stopped" : res.destroyed || socket?.destroyed ? "client_closed" : null);
    };
    if (signal.aborted || res.destroyed || socket?.destroyed) return done();
    if (res.writableNeedDrain && res.writableLength > BUFFERED_MAX) res.on("drain", done);
    else immediate = setImmediate(done);
    res.on("close", done);
    signal.addEventListener("abort", done);
    // A pipelined answer's own response never closes when its connection does: watch the connection.
    if (socket) unwatch = onConnectionClose(socket, done);
  });
}
