import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { FastResponse } from "srvx";
import { HTTPError, type H3Event } from "h3";
import type { RequestLog } from "../log/requestLog";
import type { ClientIdentity, LogEntry } from "../../shared/requestLog";
import type { Logger } from "../log/logger";
import { ApiError, bodyTooLarge, internalError, invalidJson } from "../openai/errors";
import { requestId } from "../openai/ids";
import { HANDLED } from "./handled";
import { peerOf, type Peer } from "./peer";
import { refusedBody } from "./protocolErrors";
import { onConnectionClose } from "./timing";
import { redactPath } from "./redact";
import { closeEntry, completeEntry, openEntry, type EntryEnd, type EntryStart } from "../log/entry";
import { connectionCaller, rateLimitClient } from "../rateLimits/client";
import { writeRateLimitHeaders } from "../rateLimits/headerWriter";
import type { RateLimitAdmission, RateLimits } from "../rateLimits/service";
import type { RateLimitClient } from "../../shared/rateLimits";

/** The API version the real service reports in `openai-version`. */
const OPENAI_VERSION = "2020-10-01";

export type LogUsage = LogEntry["usage"];
export type LogError = LogEntry["error"];

/** A complete JSON answer. `status` defaults to 200. */
export interface JsonReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  usage?: LogUsage;
}

/** The same, already serialized (the hot path's bodies are written by template). */
export interface JsonTextReply {
  status?: number;
  text: string;
  headers?: Record<string, string>;
  usage?: LogUsage;
}

/** How an exchange ended, for the log and the per-request log line. */
export interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: string;
  usage?: LogUsage;
  error?: LogError;
}

/** A request body as JSON, or the 400 OpenAI sends for one that is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}

/** Ends without an answer: nobody is left to read one. */
export type EndReason = "client_closed" | "server_stopped";

/**
 * Thrown (or returned through `Exchange.ended`) when an exchange cannot be answered: the client
 * went away, or the server is stopping. Recorded as 499 with the reason, never as a server error.
 */
export class ExchangeEnded extends Error {
  constructor(
    readonly reason: EndReason,
    message: string,
  ) {
    super(message);
    this.name = "ExchangeEnded";
  }
}

export interface ExchangeOptions {
  log: RequestLog;
  logger: Logger;
  scenario: string;
  maxBodyBytes: number;
  /** Budgets the x-ratelimit-* headers report; without them the headers are left out. */
  rateLimits?: RateLimits;
}

/**
 * One request/response pair: reads the body, records the exchange in the request log and writes
 * OpenAI-shaped responses. Routes use it so that every response, error or stream is logged the same way.
 */
export class Exchange {
  readonly id = requestId();
  readonly started = performance.now();
  readonly nodeReq: IncomingMessage | undefined;
  readonly method: string;
  readonly path: string;
  private entry: LogEntry | null = null;
  private bodyText = "";
  model: string | null = null;
  stream = false;
  /** Set once the request spent from its caller's budget; its headers then report that standing. */
  limits: RateLimitAdmission | null = null;
  private callerCache: RateLimitClient | null = null;
  private peerCache: Peer | null = null;
  /** Test control (src/core/control): the scenario this request ran under, its fault and the rule that matched. */
  scenario: string;
  fault: string | null = null;
  rule: string | null = null;

  constructor(
    readonly event: H3Event,
    private readonly opts: ExchangeOptions,
  ) {
    this.nodeReq = (event.runtime?.node?.req ?? undefined) as IncomingMessage | undefined;
    this.method = event.req.method;
    // Credentials in the query (?api_key=…) are cut to a hint, as in headers: the log, journal and inspector show this.
    this.path = redactPath(this.nodeReq?.url ?? event.url.pathname + event.url.search);
    this.scenario = opts.scenario;
  }

  /** Node's response, where the route writes on it directly (a stream, a cut body, a large answer). */
  get nodeRes(): ServerResponse | undefined {
    return this.event.runtime?.node?.res as ServerResponse | undefined;
  }

  /** Longest body the log keeps; streams stop accumulating their raw text past it. */
  get logBodyLimit(): number {
    return this.opts.log.maxBodyChars;
  }

  /** The raw request body, once read. */
  get body(): string {
    return this.bodyText;
  }

  /** The connection's certificate identity and address, read once per request. */
  private get peer(): Peer {
    return (this.peerCache ??= peerOf(this.nodeReq));
  }

  get client(): ClientIdentity | null {
    return this.peer.client;
  }

  /** Who the request counts as for rate limits: its API key, else the certificate CN. */
  get caller(): RateLimitClient {
    if (!this.callerCache) {
      const peer = this.peer;
      const req = this.nodeReq;
      if (req?.socket) this.callerCache = connectionCaller(peer, req.headers, req.url ?? "");
      else {
        const headers = req?.headers ?? Object.fromEntries(this.event.req.headers);
        const url = req?.url ?? this.event.url.search;
        this.callerCache = rateLimitClient(headers, peer.client?.commonName ?? null, peer.remoteAddress, url);
      }
    }
    return this.callerCache;
  }

  /** Milliseconds since the request arrived. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /**
   * The raw body when it is already here whole (it came in the same read as the headers, as with
   * most clients), without waiting: the route then runs to its answer in one go. Undefined when it
   * must be awaited with readText. Throws the 413, or the error Node's parser raised on the body.
   */
  bodyNow(): string | undefined {
    const req = this.nodeReq;
    if (!req) return undefined;
    const length = req.headers["content-length"];
    // Neither a length nor chunked: HTTP/1.1 says there is no body (a GET, usually). Nothing to wait for.
    if (length === undefined && req.headers["transfer-encoding"] === undefined) return "";
    const limit = this.opts.maxBodyBytes;
    const declared = Number(length ?? 0);
    if (declared > limit) throw bodyTooLarge(limit);
    const refused = refusedBody(req);
    if (refused) throw this.parserRefused(refused);
    const whole = req.complete || (length !== undefined && req.readableLength === declared);
    if (!whole || req.readableDidRead || req.readableFlowing === true) return undefined;
    // Taking a buffered body with read() costs less than four listeners and a data event. (Its end
    // may not be parsed yet: resume() lets the stream end, and emit "end", when it is.)
    const data = req.read() as Buffer | null;
    if (!req.complete) req.resume();
    if (data && data.length > limit) throw bodyTooLarge(limit);
    this.bodyText = data ? data.toString("utf8") : "";
    return this.bodyText;
  }

  /**
   * Node's parser refused this request's body, so nothing after it on the connection can be read: the
   * answer says the connection closes (with pipelining it is still queued, its head not yet written).
   */
  private parserRefused(err: ApiError): ApiError {
    const res = this.nodeRes;
    if (res && !res.headersSent) res.shouldKeepAlive = false;
    return err;
  }

  /**
   * Reads the raw body with the size limit enforced while it streams in. A body cut short (the
   * client closed, or sent a malformed chunk) rejects with ExchangeEnded("client_closed").
   */
  async readText(): Promise<string> {
    const limit = this.opts.maxBodyBytes;
    const req = this.nodeReq;
    if (!req) {
      const declared = Number(this.event.req.headers.get("content-length") ?? 0);
      if (declared > limit) throw bodyTooLarge(limit);
      this.bodyText = await this.event.req.text();
      if (Buffer.byteLength(this.bodyText) > limit) throw bodyTooLarge(limit);
      return this.bodyText;
    }
    const now = this.bodyNow();
    if (now !== undefined) return now;
    // Routes normally start one microtask after Node's "request" event (nodeHandler.ts), when a
    // body that came in the same read is buffered; started earlier, wait for that once more.
    await undefined;
    const later = this.bodyNow();
    if (later !== undefined) return later;
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      // Plain `on` listeners and one cleanup: `once` would wrap each in a closure of its own.
      const done = () => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", cutShort);
        req.off("close", cutShort);
      };
      // An error, or "close" before "end" (the socket went away mid-body), cuts the body short.
      const cutShort = (err?: Error) => {
        done();
        // Node's parser refused the rest of the body (protocolErrors.ts): answered as that error.
        if (err instanceof ApiError) return reject(this.parserRefused(err));
        const why = err?.message ? `: ${err.message}` : "";
        reject(
          new ExchangeEnded("client_closed", `The client closed the connection before sending the whole body${why}.`),
        );
      };
      const onEnd = () => {
        done();
        resolve();
      };
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          done();
          req.on("error", cutShort); // still listened to while the rest drains, as before: settled, so a no-op
          req.resume(); // drain so the 413 can still be sent on a keep-alive connection
          reject(bodyTooLarge(limit));
          return;
        }
        chunks.push(c);
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", cutShort);
      req.on("close", cutShort);
    });
    this.bodyText = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
    return this.bodyText;
  }

  async readJson(): Promise<unknown> {
    return parseJson(await this.readText());
  }

  /**
   * Creates the log entry, still in flight. Routes call it before anything that waits (a delay, a
   * stream); a response that is ready at once skips it, and `finish` adds the entry complete: one
   * log event instead of two on the hot path.
   */
  begin(): void {
    if (this.entry) return;
    this.entry = this.opts.log.add(openEntry(this.entryStart(), this.opts.log.maxBodyChars));
  }

  private entryStart(): EntryStart {
    const peer = this.peer;
    return {
      id: this.id,
      time: Date.now() - Math.round(this.elapsed()),
      client: peer.client,
      caller: this.caller,
      remoteAddress: peer.remoteAddress,
      method: this.method,
      path: this.path,
      model: this.model,
      stream: this.stream,
      scenario: this.scenario,
      fault: this.fault,
      rule: this.rule,
      headers: this.nodeReq ? this.nodeReq.headers : this.event.req.headers,
      body: this.bodyText,
    };
  }

  /** The response headers every answer carries, plus `extra`. */
  headers(opts: { contentType?: string; extra?: Record<string, string> } = {}): Record<string, string> {
    // One literal with fixed keys (V8 clones a boilerplate) instead of spreading a shared table.
    const h: Record<string, string> = {
      "content-type": opts.contentType ?? "application/json",
      "x-request-id": this.id,
      "openai-processing-ms": String(Math.round(this.elapsed())),
      "access-control-allow-origin": "*",
      "openai-version": OPENAI_VERSION,
      "openai-organization": "mock-gpt",
    };
    const rl = this.opts.rateLimits;
    if (rl) writeRateLimitHeaders(h, this.limits ? this.limits.state() : rl.standing(this.caller, this.model));
    if (opts.extra) Object.assign(h, opts.extra);
    return h;
  }

  /** A complete JSON response, logged. */
  json(reply: JsonReply): Response {
    return this.send(reply.status ?? 200, JSON.stringify(reply.body), reply.headers, reply.usage ?? null, null);
  }

  /** A complete JSON response from already-serialized text, logged. */
  jsonText(reply: JsonTextReply): Response {
    return this.send(reply.status ?? 200, reply.text, reply.headers, reply.usage ?? null, null);
  }

  private send(
    status: number,
    text: string,
    extra: Record<string, string> | undefined,
    usage: LogUsage,
    error: LogError,
  ): Response {
    const headers = this.headers({ extra });
    const res = this.nodeRes;
    const direct = res !== undefined && !res.headersSent;
    // Before `finish`: the log keeps the headers as they are then.
    if (direct) headers["content-length"] = String(Buffer.byteLength(text));
    this.finish({ status, headers, body: text, usage, error });
    if (direct) {
      // Headers and body in one write, so one TLS record: the Response path writes them separately,
      // which costs a record and a syscall per response on the hot path.
      res.writeHead(status, STATUS_CODES[status], headers).end(text);
      return HANDLED;
    }
    return new FastResponse(text, { status, statusText: STATUS_CODES[status], headers });
  }

  /** A response without a body (CORS preflight), logged. */
  empty(reply: { status: number; headers: Record<string, string> }): Response {
    const headers = { "x-request-id": this.id, ...reply.headers };
    this.finish({ status: reply.status, headers, body: "" });
    return new FastResponse(null, { status: reply.status, statusText: STATUS_CODES[reply.status], headers });
  }

  /**
   * Ends without answering (nobody is left to read it): logged as 499 with the reason, as proxies
   * record a client that closed first. The listener closes the connection on a server stop.
   */
  ended(reason: EndReason, message: string): Response {
    this.finish({ status: 499, headers: {}, body: "", error: { code: reason, message } });
    return HANDLED;
  }

  /** Renders any thrown value as an OpenAI error; unknown errors become a generic 500 (details go to the log, never the client). */
  error(err: unknown): Response {
    if (err instanceof ExchangeEnded) return this.ended(err.reason, err.message);
    let api: ApiError;
    if (err instanceof ApiError) api = err;
    else if (HTTPError.isError(err) && err.status < 500) {
      // h3 itself refuses some requests before routing (e.g. malformed percent-encoding): a client error, not ours.
      api = new ApiError(
        err.status,
        `Invalid request (${this.method} ${this.path}): ${err.message}.`,
        "invalid_request_error",
        null,
        "invalid_request",
      );
    } else {
      this.opts.logger.error("unhandled error", {
        requestId: this.id,
        path: this.path,
        error: err instanceof Error ? err.stack : String(err),
      });
      api = internalError();
    }
    return this.send(api.status, JSON.stringify(api.toBody()), api.headers, null, {
      code: api.code ?? api.type,
      message: api.message,
    });
  }

  /**
   * An answer that failed after its 200 head went out (the client sees its body break off): logs the
   * failure as `error` shows unknown errors, and ends the entry as that 200, with what was sent and `server_error`.
   */
  failedAfterHead(err: unknown, sent: { headers: Record<string, string>; body: string; usage?: LogUsage }): void {
    this.opts.logger.error("unhandled error", {
      requestId: this.id,
      path: this.path,
      error: err instanceof Error ? err.stack : String(err),
    });
    this.finish({
      status: 200,
      ...sent,
      error: { code: "server_error", message: "The answer broke off: the server failed while writing it." },
    });
  }

  update(change: (entry: LogEntry) => void): void {
    this.begin();
    this.opts.log.update(this.id, change);
  }

  /** Records a streamed event (the payload after `data: `). */
  chunk(data: string): void {
    if (this.entry) this.opts.log.appendChunk(this.id, Math.round(this.elapsed() * 10) / 10, data);
  }

  /**
   * Marks the exchange finished in the log (adding it complete if it never began) and writes the
   * per-request log line. An answer queued behind an earlier pipelined one is not sent yet: it stays
   * in flight until Node sends it, or ends as 499 if its connection closes first (nothing was sent).
   * One its route never ended (a fault cut it, the server failed) is logged as it ended.
   */
  finish(outcome: Outcome): void {
    const res = this.nodeRes;
    if (res && res.socket === null && !res.writableFinished && outcome.status >= 100 && outcome.status !== 499) {
      const conn = this.nodeReq?.socket;
      if (conn && !conn.destroyed) return this.finishWhenSent(res, conn, outcome);
    }
    this.complete(outcome);
  }

  private finishWhenSent(res: ServerResponse, conn: Socket, outcome: Outcome): void {
    this.begin();
    const unwatch = onConnectionClose(conn, () => {
      res.off("finish", sent);
      // Sent after all, or never ended by its route (a fault cut it, the server failed): as it ended.
      if (res.writableFinished || !res.writableEnded) return this.complete(outcome);
      const stopping = (conn as Socket & { server?: { listening?: boolean } }).server?.listening === false;
      this.complete({
        ...outcome,
        status: 499,
        error: stopping
          ? { code: "server_stopped", message: "The server stopped before this pipelined answer was sent." }
          : {
              code: "client_closed",
              message: "The client closed the connection before this pipelined answer was sent.",
            },
      });
    });
    const sent = () => {
      unwatch();
      this.complete(outcome);
    };
    res.once("finish", sent);
  }

  private complete(outcome: Outcome): void {
    const { status } = outcome;
    const durationMs = Math.round(this.elapsed() * 100) / 100;
    const log = this.opts.log;
    const end: EntryEnd = {
      status,
      durationMs,
      model: this.model,
      stream: this.stream,
      scenario: this.scenario,
      fault: this.fault,
      rule: this.rule,
      headers: outcome.headers,
      body: outcome.body,
      usage: outcome.usage ?? null,
      error: outcome.error ?? null,
    };
    if (this.entry) {
      log.update(this.id, (e) => closeEntry(e, end, log.maxBodyChars));
      log.settle(this.id);
    } else {
      const entry = completeEntry(this.entryStart(), end, log.maxBodyChars);
      log.addFinished(entry);
      this.entry = entry as LogEntry;
    }
    const logger = this.opts.logger;
    if (logger.enabled("info"))
      logger.info(`${this.method} ${this.path} ${status} ${durationMs}ms`, {
        requestId: this.id,
        status,
        durationMs,
        client: this.client?.commonName ?? null,
        model: this.model,
        stream: this.stream,
      });
  }
}
