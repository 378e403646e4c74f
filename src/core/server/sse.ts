import { FastResponse } from "srvx";
import type { ApiError } from "../openai/errors";
import type { LogEntry } from "../../shared/requestLog";
import type { Exchange } from "./exchange";
import { sleep } from "./timing";

export interface SseOptions {
  /** Total delay spread evenly over the events. @default 0 */
  delayMs?: number;
  /** Stops the stream when the server shuts down. */
  signal: AbortSignal;
  /** Fail after this many events with a `data: {"error": …}` event and no [DONE]. */
  failAfter?: { events: number; error: ApiError };
  usage?: LogEntry["usage"];
}

const encoder = new TextEncoder();

/**
 * Streams pre-built event payloads as SSE, one write per event so each one flushes at once, and
 * records every event with its time offset. No content-length: the body is chunked.
 */
export function sseResponse(x: Exchange, events: string[], opts: SseOptions): Response {
  const headers = x.headers({
    contentType: "text/event-stream; charset=utf-8",
    extra: { "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
  x.update((e) => {
    e.status = 200;
    e.response.headers = headers;
  });
  let cancelled = false;
  let raw = "";
  const rawLimit = x.logBodyLimit + 1;
  const total = opts.failAfter ? Math.min(opts.failAfter.events, events.length) : events.length;
  const gap = total > 0 ? (opts.delayMs ?? 0) / total : 0;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (frame: string) => {
        if (raw.length < rawLimit) raw += frame; // the log clips it anyway; don't hold more
        controller.enqueue(encoder.encode(frame));
      };
      const run = async () => {
        let error: LogEntry["error"] = null;
        for (let i = 0; i < total && !cancelled; i++) {
          if (gap > 0 && !(await sleep(gap, opts.signal))) break;
          if (cancelled) break;
          send(`data: ${events[i]}\n\n`);
          x.chunk(events[i]!);
        }
        if (opts.signal.aborted) error = { code: "server_stopped", message: "The server stopped while streaming." };
        else if (cancelled) error = { code: "client_closed", message: "The client closed the connection mid-stream." };
        else if (opts.failAfter) {
          const payload = JSON.stringify(opts.failAfter.error.toBody());
          send(`data: ${payload}\n\n`);
          x.chunk(payload);
          error = {
            code: opts.failAfter.error.code ?? opts.failAfter.error.type,
            message: opts.failAfter.error.message,
          };
        } else {
          send("data: [DONE]\n\n");
          x.chunk("[DONE]");
        }
        if (!cancelled) controller.close();
        x.finish({ status: 200, headers, body: raw, usage: opts.usage, error });
      };
      void run().catch((err) => {
        try {
          controller.error(err);
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      cancelled = true;
    },
  });
  return new FastResponse(body, { status: 200, statusText: "OK", headers });
}
