import { FastResponse } from "srvx";
import type { ApiError } from "../openai/errors";
import type { ChunkList } from "../openai/chunkList";
import type { LogEntry } from "../../shared/requestLog";
import type { Exchange } from "./exchange";
import type { Duplex } from "node:stream";
import { pause, type WaitEnd } from "./timing";
import { nextTurn, turnTaking } from "./turns";
import { HANDLED } from "./handled";
import type { ServerResponse } from "node:http";

export interface SseOptions {
  /** Total delay spread evenly over the events. @default 0 */
  delayMs?: number;
  /** Stops the stream when the server shuts down. */
  signal: AbortSignal;
  /** Chat Completions end with `data: [DONE]`; the Responses API does not. @default true */
  doneMarker?: boolean;
  /** Fail after this many events with a `data: {"error": …}` event (or `event` instead) and no [DONE]. */
  failAfter?: { events: number; error: ApiError; event?: { name: string; data: string } };
  /** One name per event, written as `event: <name>` lines (the Responses API names every event). */
  eventNames?: readonly string[];
  usage?: LogEntry["usage"];
  /** Latency model timings (instead of delayMs): wait firstMs before the first event, gapsMs[i] after event i. */
  schedule?: { firstMs: number; gapsMs: number[] };
  /** An injected stream fault (src/core/control/faults.ts) after `after` events. */
  cut?: { after: number; end: "reset" | "done" | "eof" | "malformed"; label: string };
}

/** A chunk that starts like a real one and breaks off mid-string: what a broken proxy or encoder produces. */
function malformedChunk(event: string | undefined): string {
  const base =
    event ?? '{"id":"chatcmpl-mock","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"x"}}]}';
  return base.slice(0, Math.max(12, Math.floor(base.length * 0.6)));
}

/** Tears the connection down without a TLS close or chunked terminator: the client sees a broken body. */
export function destroyConnection(x: Exchange): void {
  const socket = x.nodeReq?.socket as (import("node:net").Socket & { resetAndDestroy?: () => void }) | undefined;
  if (!socket) return;
  try {
    if (socket.resetAndDestroy) socket.resetAndDestroy();
    else socket.destroy();
  } catch {
    socket.destroy(); // TLS sockets have no raw TCP handle to RST
  }
}

/**
 * Sends the status line and headers now. Node holds them until the first body byte, so a stream
 * cut before any chunk would otherwise look like a reset before the response.
 */
function flushHeaders(x: Exchange): boolean {
  const res = x.nodeRes;
  if (!res || res.destroyed) return false;
  res.flushHeaders();
  return true;
}

const encoder = new TextEncoder();

/** What `_header` holds once sent: Node then only tests it for truthiness (`headersSent`). */
const SENT_HEAD = "\r\n";

/**
 * Lets go of the head Node keeps for the response's life (~600 bytes for our ~15 headers) once it
 * went out with the first write. Node reads `_header` again only to test whether it was set.
 */
function dropSentHead(res: ServerResponse): void {
  const r = res as unknown as { _header?: unknown; _headerSent?: boolean };
  if (r._headerSent === true && typeof r._header === "string") r._header = SENT_HEAD;
}

/** Where a stream's frames go: Node's response itself, or a web stream for h3 to pipe. */
interface SseSink {
  write(frame: string): void;
  close(): void;
  fail(err: unknown): void;
  /** Set once the client went away. A field: a literal with a getter is a slow dictionary object (~600 bytes). */
  cancelled: boolean;
  /** The connection, when the sink writes to Node's response: its close (the client left) ends a wait between events. */
  conn: Duplex | undefined;
  /** Lets other connections run (see nextTurn), when a burst of events has taken long to write. */
  turn(): Promise<WaitEnd | null>;
}

/**
 * Streams event payloads as SSE (each written when it is due, see ChunkList), and records every event
 * with its time offset. Events due in the same tick leave in one write; a paced event flushes on its
 * own. No content-length: the body is chunked.
 */
export function sseResponse(x: Exchange, events: ChunkList, opts: SseOptions): Response | Promise<Response> {
  const headers = x.headers({
    contentType: "text/event-stream; charset=utf-8",
    extra: { "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
  x.update((e) => {
    e.status = 200;
    e.response.headers = headers;
  });
  const res = x.nodeRes;
  if (res && !res.headersSent) {
    // Straight to Node's response: a web ReadableStream, an encoder and h3's pump cost more per
    // event than the write itself.
    res.writeHead(200, "OK", headers);
    // Node keeps the head it wrote for the response's life, as the tree of the ~60 strings it was
    // concatenated from (~2 KB for our ~15 headers); charCodeAt flattens it in place to its ~600 bytes.
    const head = (res as { _header?: unknown })._header;
    if (typeof head === "string") head.charCodeAt(0);

    // Events due at the same moment (an unpaced stream, or a burst catching up) leave in one write:
    // one HTTP chunk and one TLS record, instead of a res.write() each; a paced event still goes
    // out on its own, on time (at the end of its tick).
    let pending = "";
    const flush = () => {
      const out = pending;
      pending = "";
      if (out && !res.destroyed) {
        res.write(out);
        dropSentHead(res);
      }
    };
    const sink: SseSink = {
      write: (frame) => {
        if (!pending) process.nextTick(flush);
        pending += frame;
      },
      close: () => {
        const out = pending;
        pending = "";
        res.end(out);
      },
      fail: (err) => {
        pending = "";
        res.destroy(err instanceof Error ? err : new Error(String(err)));
      },
      cancelled: res.destroyed,
      conn: x.nodeReq?.socket,
      turn: () => {
        flush();
        return nextTurn(res, x, opts.signal);
      },
    };
    // `on`, not `once`: close comes once, and once() wraps the listener in two objects more.
    res.on("close", () => (sink.cancelled ||= !res.writableFinished));
    // Answered now, the stream going on by itself: a response whose head is written is the route's
    // to end (nodeHandler.ts), so nothing waits on the stream but its own timer. (A promise settled
    // at its end held h3's, srvx's and the route's promise chains, ~1 KB, open as long as it was.)
    pump(x, events, opts, headers, sink).catch(sink.fail);
    return HANDLED;
  }
  let sink: SseSink | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      sink = {
        write: (frame) => controller.enqueue(encoder.encode(frame)),
        close: () => controller.close(),
        fail: (err) => {
          try {
            controller.error(err);
          } catch {
            /* already closed */
          }
        },
        cancelled: false,
        conn: undefined,
        turn: () => new Promise<null>((resolve) => setImmediate(resolve, null)),
      };
      void pump(x, events, opts, headers, sink).catch(sink.fail);
    },
    cancel() {
      if (sink) sink.cancelled = true;
    },
  });
  return new FastResponse(body, { status: 200, statusText: "OK", headers });
}

/** Sends the events to `sink` on their schedule, logs each one, then ends the stream and the exchange. */
async function pump(
  x: Exchange,
  events: ChunkList,
  opts: SseOptions,
  headers: Record<string, string>,
  sink: SseSink,
): Promise<void> {
  // Plain `data:` streams finish with no body: the log rebuilds their text from the chunks, so an open
  // stream holds its events once. Named events (Responses API) keep their raw text, `event:` lines included.
  const keepRaw = !!opts.eventNames || !!opts.failAfter?.event;
  let raw = "";
  const rawLimit = keepRaw ? x.logBodyLimit + 1 : 0;
  const cut = opts.cut;
  const limit = opts.failAfter?.events ?? (cut && cut.end !== "malformed" ? cut.after : Infinity);
  const total = Math.min(limit, events.length);
  const gap = total > 0 && !opts.schedule ? (opts.delayMs ?? 0) / total : 0;
  const schedule = opts.schedule;

  let rawPieces = 0;
  const send = (frame: string) => {
    if (raw.length < rawLimit) {
      raw += frame; // the log clips it anyway; don't hold more
      // A string built by += holds every frame and payload it was made of, ~3x its text: flatten
      // it in place now and then (charCodeAt does), so an open stream holds its text once.
      if (++rawPieces % 32 === 0) raw.charCodeAt(0);
    }
    sink.write(frame);
  };
  let error: LogEntry["error"] = null;
  // Absolute deadlines, so timer lateness does not add up over a long stream.
  let due = x.started + (schedule?.firstMs ?? 0); // from arrival, like JSON answers
  // When the current run of events due at once began; after a pause -1 until the next check (a
  // small integer: no number allocated per paced event).
  let sliceStart = performance.now();
  let bursting = false;
  try {
    for (let i = 0; i < total && !sink.cancelled; i++) {
      let wait = gap;
      if (schedule) {
        if (i > 0) due += schedule.gapsMs[i - 1] ?? 0;
        wait = due - performance.now(); // never early: the requested ttft is a minimum
        if (wait < 0) wait = 0;
      }
      let end: WaitEnd | null = null;
      if (wait > 0) {
        if (bursting) turnTaking.stop(); // paced from here: no longer one of those writing in turns
        bursting = false;
        end = await pause(wait, opts.signal, sink.conn);
        sliceStart = -1;
      } else if ((i & 15) === 15) {
        const now = performance.now();
        if (sliceStart < 0) sliceStart = now;
        else if (now - sliceStart > turnTaking.sliceMs()) {
          // A burst due at once (n = 128 with logprobs is ~33 MB of events) goes out in turns.
          if (!bursting) turnTaking.start();
          bursting = true;
          end = await sink.turn();
          sliceStart = performance.now();
        }
      }
      // A queued (pipelined) response never sees its own close: its connection's says the client left.
      if (end) {
        sink.cancelled ||= end === "client_closed";
        break;
      }
      if (sink.cancelled) break;
      const name = opts.eventNames?.[i];
      const frame = (data: string) => (name ? `event: ${name}\ndata: ${data}\n\n` : `data: ${data}\n\n`);
      const data = events.at(i)!; // once: a ChunkList writes the event now
      if (cut?.end === "malformed" && i === cut.after) {
        const broken = malformedChunk(data);
        send(frame(broken));
        x.chunk(broken);
      }
      send(frame(data));
      x.chunk(data);
      // A first event that went out late (a slow start: the tokenizer loading, a loaded machine)
      // moves the schedule to when it was sent, so the events after it keep their gaps instead of
      // bursting to catch up. Later timer lag is made up against the absolute schedule.
      if (schedule && i === 0) due = Math.max(due, performance.now());
    }
  } catch (err) {
    // An event that cannot be written, with the 200 under way: the client sees the stream break off.
    x.failedAfterHead(err, { headers, body: raw, usage: opts.usage });
    throw err;
  } finally {
    if (bursting) turnTaking.stop();
  }
  if (opts.signal.aborted) error = { code: "server_stopped", message: "The server stopped while streaming." };
  else if (sink.cancelled) error = { code: "client_closed", message: "The client closed the connection mid-stream." };
  else if (cut && cut.end !== "malformed" && cut.end !== "done") {
    error = { code: `fault_${cut.end === "reset" ? "reset" : "eof"}`, message: cut.label };
    if (cut.end === "reset") {
      // Let the chunks already queued reach the socket, then break the connection under them.
      await pause(15, opts.signal);
      if (total === 0 && flushHeaders(x)) await pause(15, opts.signal); // truncate:0: a 200 that breaks
      x.finish({ status: 200, headers, body: raw, usage: opts.usage, error });
      destroyConnection(x);
      return;
    }
  } else if (cut?.end === "done") {
    error = { code: "fault_done", message: cut.label };
    // A clean end too early: [DONE] for chat; the Responses API just stops (no terminal event).
    if (opts.doneMarker !== false) {
      send("data: [DONE]\n\n");
      x.chunk("[DONE]");
    }
  } else if (opts.failAfter) {
    const end = opts.failAfter.event;
    const payload = end?.data ?? JSON.stringify(opts.failAfter.error.toBody());
    send(end ? `event: ${end.name}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`);
    x.chunk(payload);
    error = {
      code: opts.failAfter.error.code ?? opts.failAfter.error.type,
      message: opts.failAfter.error.message,
    };
  } else {
    if (cut?.end === "malformed") error = { code: "fault_malformed", message: cut.label };
    if (opts.doneMarker !== false) {
      send("data: [DONE]\n\n");
      x.chunk("[DONE]");
    }
  }
  if (!sink.cancelled) sink.close();
  x.finish({ status: 200, headers, body: raw, usage: opts.usage, error });
}
