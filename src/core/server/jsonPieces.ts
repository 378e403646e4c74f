import type { ServerResponse } from "node:http";
import type { Exchange, LogUsage } from "./exchange";
import { HANDLED } from "./handled";
import type { ServerRuntime } from "./runtime";
import type { WaitEnd } from "./timing";
import { mustWait, nextTurn, turnTaking } from "./turns";

/** Answers up to about this many characters go whole, with a content-length, in one write (as `jsonText`). */
const WHOLE_UP_TO = 256 * 1024;

export interface JsonPieces {
  /** The answer's JSON text in order; each piece made when asked for. */
  pieces: Iterable<string>;
  usage: LogUsage;
}

const ENDED: Record<WaitEnd, string> = {
  client_closed: "The client closed the connection before the answer was complete.",
  server_stopped: "The server stopped while the answer was being sent.",
};

/**
 * Sends a 200 JSON answer made piece by piece. One that ends within WHOLE_UP_TO characters is sent
 * whole, as `x.jsonText` does, in this tick. A larger one (embeddings of 2,048 inputs run to 137 MB)
 * goes out chunked as it is made, in turns (see turnTaking), waiting for a slow client's socket: one
 * answer holds neither the event loop (in VS Code, the whole extension host) nor its own size in
 * memory. It is in flight in the log meanwhile, and its duration runs to its last byte, as a
 * stream's does; the log keeps the body's first characters, as it does of any body.
 */
export function sendJsonPieces(
  x: Exchange,
  rt: Pick<ServerRuntime, "signal">,
  a: JsonPieces,
): Response | Promise<Response> {
  const it = a.pieces[Symbol.iterator]();
  let text = "";
  let next = it.next();
  while (!next.done && text.length <= WHOLE_UP_TO) {
    text += next.value;
    next = it.next();
  }
  const res = x.nodeRes;
  if (next.done || !res || res.headersSent) {
    for (; !next.done; next = it.next()) text += next.value; // no Node response to write to as we go
    return x.jsonText({ text, usage: a.usage });
  }
  return sendInTurns(x, rt, res, it, next.value, text, a.usage);
}

async function sendInTurns(
  x: Exchange,
  rt: Pick<ServerRuntime, "signal">,
  res: ServerResponse,
  it: Iterator<string, void, undefined>,
  pending: string,
  first: string,
  usage: LogUsage,
): Promise<Response> {
  const signal = rt.signal();
  const headers = x.headers(); // no content-length: chunked
  x.update((e) => {
    e.status = 200;
    e.response.headers = headers;
  });
  res.writeHead(200, "OK", headers);
  const keep = x.logBodyLimit + 1; // one past the limit, so the log marks the body cut
  let logged = first.slice(0, keep);
  let piece: string | undefined = pending;
  res.write(first);
  let end: WaitEnd | null = null;
  let sliceStart = performance.now();
  turnTaking.start();
  try {
    for (; piece !== undefined && !res.destroyed; piece = pull(it)) {
      if (performance.now() - sliceStart > turnTaking.sliceMs() || mustWait(res)) {
        end = await nextTurn(res, x, signal);
        if (end) break;
        sliceStart = performance.now();
      }
      if (logged.length < keep) logged += piece.slice(0, keep - logged.length);
      res.write(piece);
    }
    // Node ends a connection whose client half-closed (sent FIN) after its request, as it does
    // under a delay or a stream: the answer is then cut, and logged as the client closing.
    if (!end && piece === undefined && res.writable) res.end();
  } catch (err) {
    // The 200 is under way: the client sees its body break off (what was written, then the connection
    // closes without the chunked end), the log the 200 and what broke it.
    const socket = x.nodeReq?.socket;
    if (socket) socket.end();
    else res.destroy();
    x.failedAfterHead(err, { headers, body: logged, usage });
    return HANDLED;
  } finally {
    turnTaking.stop();
  }
  if (!end && !res.writableEnded) end = signal.aborted ? "server_stopped" : "client_closed";
  if (end) {
    if (!res.destroyed) res.destroy();
    x.finish({ status: 200, headers, body: logged, usage, error: { code: end, message: ENDED[end] } });
    return HANDLED;
  }
  x.finish({ status: 200, headers, body: logged, usage });
  return HANDLED;
}

const pull = (it: Iterator<string, void, undefined>): string | undefined => {
  const r = it.next();
  return r.done ? undefined : r.value;
};
