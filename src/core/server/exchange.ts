import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { performance } from "node:perf_hooks";
import { FastResponse } from "srvx";
import { HTTPError, type H3Event } from "h3";
import type { RequestLog } from "../log/requestLog";
import type { ClientIdentity, LogEntry } from "../../shared/requestLog";
import type { Logger } from "../log/logger";
import { ApiError, bodyTooLarge, internalError, invalidJson } from "../openai/errors";
import { requestId } from "../openai/ids";
import { rateLimitClient } from "../rateLimits/client";
import type { RateLimitAdmission, RateLimits } from "../rateLimits/service";
import type { RateLimitClient } from "../../shared/rateLimits";

/** h3's "already answered" marker (what its own fromNodeHandler returns): h3 and srvx then write nothing more. */
const HANDLED = Symbol.for("h3.handled") as unknown as Response;

/** The API version the real service reports in `openai-version`. */
const OPENAI_VERSION = "2020-10-01";

interface Peer {
  client: ClientIdentity | null;
  remoteAddress: string;
}

const peerCache = new WeakMap<object, Peer>();

/** The verified client certificate and address of a connection, read once per socket (both cost a native call). */
function peerOf(req: IncomingMessage | undefined): Peer {
  const socket = req?.socket as TLSSocket | undefined;
  if (!socket) return { client: null, remoteAddress: "" };
  let peer = peerCache.get(socket);
  if (peer) return peer;
  let client: ClientIdentity | null = null;
  if (typeof socket.getPeerCertificate === "function" && socket.authorized) {
    const cert = socket.getPeerCertificate();
    const cn = cert?.subject?.CN;
    if (cert?.fingerprint256)
      client = {
        commonName: Array.isArray(cn) ? cn.join(", ") : (cn ?? ""),
        fingerprint256: cert.fingerprint256,
        serialNumber: cert.serialNumber,
      };
  }
  peer = { client, remoteAddress: socket.remoteAddress ?? "" };
  peerCache.set(socket, peer);
  return peer;
}

/** The verified client certificate of a connection. */
export function clientIdentity(req: IncomingMessage | undefined): ClientIdentity | null {
  return peerOf(req).client;
}

/** Headers that carry credentials: the log (and so exports, curl copies, replays) keeps only a hint. */
const SECRET_HEADERS = new Set([
  "authorization",
  "api-key",
  "x-api-key",
  "openai-api-key",
  "proxy-authorization",
  "cookie",
]);

/** "Bearer sk-proj-abc…wxyz" → "Bearer sk-…wxyz": enough to tell keys apart, useless to a thief. */
export function redactSecret(value: string): string {
  const m = /^(\S+\s+)?(.*)$/.exec(value)!;
  const scheme = m[1] ?? "";
  const secret = m[2] ?? "";
  if (secret.length <= 8) return scheme + "…";
  return `${scheme}${secret.slice(0, 3)}…${secret.slice(-4)}`;
}

/**
 * Node's parsed headers are a fresh object per request, so they are logged as they are: repeated
 * headers (arrays) are joined and credentials redacted in place, without a copy.
 */
function flatHeaders(h: IncomingMessage["headers"]): Record<string, string> {
  for (const k in h) {
    const v = h[k];
    if (Array.isArray(v)) h[k] = v.join(", ");
    if (SECRET_HEADERS.has(k)) h[k] = redactSecret(String(h[k]));
  }
  return h as Record<string, string>;
}

export interface ExchangeOptions {
  log: RequestLog;
  logger: Logger;
  scenario: string;
  maxBodyBytes: number;
  /** Budgets the x-ratelimit-* headers report; without them the headers are left out. */
  rateLimits?: RateLimits;
  /** Skip the request log (the /ui pages' own traffic). */
  unlogged?: boolean;
}

/**
 * One request/response pair: reads the body, records the exchange in the request log and builds
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
  /** Longest body the log keeps; streams stop accumulating their raw text past it. */
  get logBodyLimit(): number {
    return this.opts.log.maxBodyChars;
  }

  /** The raw request body, once read. */
  get body(): string {
    return this.bodyText;
  }
  model: string | null = null;
  stream = false;
  /** Set once the request spent from its caller's budget; its headers then report that standing. */
  limits: RateLimitAdmission | null = null;
  private callerCache: RateLimitClient | null = null;

  constructor(
    readonly event: H3Event,
    private readonly opts: ExchangeOptions,
  ) {
    this.nodeReq = (event.runtime?.node?.req ?? undefined) as IncomingMessage | undefined;
    this.method = event.req.method;
    this.path = this.nodeReq?.url ?? event.url.pathname + event.url.search;
  }

  get client(): ClientIdentity | null {
    return clientIdentity(this.nodeReq);
  }

  /** Who the request counts as for rate limits: its API key, else the certificate CN. */
  get caller(): RateLimitClient {
    if (!this.callerCache) {
      const peer = peerOf(this.nodeReq);
      const headers = this.nodeReq?.headers ?? Object.fromEntries(this.event.req.headers);
      this.callerCache = rateLimitClient(headers, peer.client?.commonName ?? null, peer.remoteAddress);
    }
    return this.callerCache;
  }

  /** Milliseconds since the request arrived. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /** Reads the raw body with the size limit enforced while it streams in. */
  async readText(): Promise<string> {
    const limit = this.opts.maxBodyBytes;
    const declared = Number(
      (this.nodeReq ? this.nodeReq.headers["content-length"] : this.event.req.headers.get("content-length")) ?? 0,
    );
    if (declared > limit) throw bodyTooLarge(limit);
    const req = this.nodeReq;
    if (!req) {
      this.bodyText = await this.event.req.text();
      if (Buffer.byteLength(this.bodyText) > limit) throw bodyTooLarge(limit);
      return this.bodyText;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          req.removeAllListeners("data");
          req.resume(); // drain so the 413 can still be sent on a keep-alive connection
          reject(bodyTooLarge(limit));
          return;
        }
        chunks.push(c);
      });
      req.once("end", resolve);
      req.once("error", reject);
    });
    this.bodyText = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
    return this.bodyText;
  }

  async readJson(): Promise<unknown> {
    const text = await this.readText();
    try {
      return JSON.parse(text);
    } catch {
      throw invalidJson();
    }
  }

  /**
   * Creates the log entry, still in flight. Routes call it before anything that waits (a delay, a
   * stream); a response that is ready at once skips it, and `finish` adds the entry complete: one
   * log event instead of two on the hot path.
   */
  begin(): void {
    if (this.entry || this.opts.unlogged) return;
    this.entry = this.opts.log.add(this.newEntry());
  }

  private newEntry(): Omit<LogEntry, "seq"> {
    const clipped = this.opts.log.clip(this.bodyText);
    const caller = this.caller; // before the headers are redacted for the log
    return {
      id: this.id,
      kind: "http",
      time: Date.now() - Math.round(this.elapsed()),
      durationMs: null,
      client: this.client,
      caller,
      remoteAddress: peerOf(this.nodeReq).remoteAddress,
      method: this.method,
      path: this.path,
      status: null,
      model: this.model,
      stream: this.stream,
      scenario: this.opts.scenario,
      request: {
        headers: this.nodeReq ? flatHeaders(this.nodeReq.headers) : Object.fromEntries(this.event.req.headers),
        body: clipped.body,
        bodyTruncated: clipped.truncated,
      },
      response: { headers: {}, body: "", bodyTruncated: false },
      chunks: [],
      usage: null,
      error: null,
    };
  }

  headers(extra?: Record<string, string>, contentType = "application/json"): Record<string, string> {
    // One literal with fixed keys (V8 clones a boilerplate) instead of spreading a shared table.
    const h: Record<string, string> = {
      "content-type": contentType,
      "x-request-id": this.id,
      "openai-processing-ms": String(Math.round(this.elapsed())),
      "access-control-allow-origin": "*",
      "openai-version": OPENAI_VERSION,
      "openai-organization": "mock-gpt",
    };
    const rl = this.opts.rateLimits;
    if (rl) Object.assign(h, this.limits ? this.limits.headers() : rl.headers(this.caller, this.model));
    if (extra) Object.assign(h, extra);
    return h;
  }

  /** A complete JSON response, logged. */
  json(
    status: number,
    body: unknown,
    extraHeaders?: Record<string, string>,
    usage: LogEntry["usage"] = null,
  ): Response {
    return this.jsonText(status, JSON.stringify(body), extraHeaders, usage);
  }

  /** A complete JSON response from already-serialized text, logged. */
  jsonText(
    status: number,
    text: string,
    extraHeaders?: Record<string, string>,
    usage: LogEntry["usage"] = null,
  ): Response {
    return this.send(status, text, extraHeaders, usage, null);
  }

  private send(
    status: number,
    text: string,
    extraHeaders: Record<string, string> | undefined,
    usage: LogEntry["usage"],
    error: LogEntry["error"],
  ): Response {
    const headers = this.headers(extraHeaders);
    this.finish(status, headers, text, usage, error);
    const res = this.event.runtime?.node?.res as ServerResponse | undefined;
    if (res && !res.headersSent) {
      // Headers and body in one write, so one TLS record: the Response path writes them separately,
      // which costs a record and a syscall per response on the hot path.
      headers["content-length"] = String(Buffer.byteLength(text));
      res.writeHead(status, STATUS_CODES[status], headers).end(text);
      return HANDLED;
    }
    return new FastResponse(text, { status, statusText: STATUS_CODES[status], headers });
  }

  /** A response without a body (CORS preflight), logged. */
  empty(status: number, extraHeaders: Record<string, string>): Response {
    const headers = { "x-request-id": this.id, ...extraHeaders };
    this.finish(status, headers, "", null, null);
    return new FastResponse(null, { status, statusText: STATUS_CODES[status], headers });
  }

  /** Renders any thrown value as an OpenAI error; unknown errors become a generic 500 (details go to the log, never the client). */
  error(err: unknown): Response {
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

  update(change: (entry: LogEntry) => void): void {
    this.begin();
    if (this.entry) this.opts.log.update(this.id, change);
  }

  /** Records a streamed event (the payload after `data: `). */
  chunk(data: string): void {
    if (this.entry) this.opts.log.appendChunk(this.id, Math.round(this.elapsed() * 10) / 10, data);
  }

  /** Marks the exchange finished in the log (adding it complete if it never began) and writes the per-request log line. */
  finish(
    status: number,
    headers: Record<string, string>,
    body: string,
    usage: LogEntry["usage"],
    error: LogEntry["error"],
  ): void {
    const durationMs = Math.round(this.elapsed() * 100) / 100;
    const log = this.opts.log;
    if (this.entry || !this.opts.unlogged) {
      const clipped = log.clip(body);
      const response = { headers, body: clipped.body, bodyTruncated: clipped.truncated };
      const complete = (e: Omit<LogEntry, "seq">) => {
        e.status = status;
        e.durationMs = durationMs;
        e.model = this.model;
        e.stream = this.stream;
        e.response = response;
        e.usage = usage;
        if (error) e.error = error;
      };
      if (this.entry) log.update(this.id, complete);
      else {
        const e = this.newEntry();
        complete(e);
        this.entry = log.add(e);
      }
    }
    const logger = this.opts.logger;
    if (!this.opts.unlogged && logger.enabled("info"))
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
