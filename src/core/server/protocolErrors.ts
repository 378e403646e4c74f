import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { ApiError } from "../openai/errors";
import { requestId } from "../openai/ids";

/** What Node's own HTTP parser refused, before any route ran (or while a route read the body). */
export interface ProtocolError {
  status: number;
  code: string;
  message: string;
  /** The x-request-id the client saw; absent when the route's exchange answered (and logged) it. */
  requestId?: string;
  /** From the request line, when it was read. */
  method?: string;
  path?: string;
  remoteAddress?: string;
}

const refusedBodies = new WeakMap<IncomingMessage, ApiError>();

/**
 * The error Node's parser raised on a request's body before anyone listened for it, if any: the
 * body reader must answer with it, as nothing more of that body will ever arrive.
 */
export function refusedBody(req: IncomingMessage): ApiError | undefined {
  return refusedBodies.get(req);
}

/** The request line of what the parser saw, if any. */
function requestLine(
  err: NodeJS.ErrnoException,
  socket: Duplex,
): Pick<ProtocolError, "method" | "path" | "remoteAddress"> {
  const raw = (err as { rawPacket?: Buffer }).rawPacket;
  const m = raw ? /^([A-Za-z-]{1,20}) (\S{1,2048}) HTTP\/\d/.exec(raw.subarray(0, 2100).toString("latin1")) : null;
  const remoteAddress = (socket as Duplex & { remoteAddress?: string }).remoteAddress;
  return { method: m?.[1], path: m?.[2], remoteAddress };
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  405: "Method Not Allowed",
  408: "Request Timeout",
  417: "Expectation Failed",
  431: "Request Header Fields Too Large",
};

function body(message: string, code: string): string {
  return JSON.stringify({ error: { message, type: "invalid_request_error", param: null, code } });
}

/** Node's parser error, in the words and status a client should see. */
function describe(err: NodeJS.ErrnoException, timeoutMs: number): { status: number; code: string; message: string } {
  const code = err.code ?? "HPE_INVALID";
  if (code === "HPE_HEADER_OVERFLOW")
    return { status: 431, code, message: "Request header fields too large (the limit is 16 KB)." };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return {
      status: 408,
      code,
      message: `The request did not arrive in full within ${timeoutMs} ms (server.request_timeout_ms).`,
    };
  return { status: 400, code, message: `Malformed HTTP request: ${err.message.replace(/^Parse Error: /, "")}.` };
}

const WIRE_CODES: Record<number, string> = {
  405: "method_not_allowed",
  408: "request_timeout",
  417: "expectation_failed",
  431: "request_header_fields_too_large",
};
const wireCode = (status: number) => WIRE_CODES[status] ?? "invalid_request";

/** Writes a complete error response straight onto the socket and closes it. */
function writeRaw(socket: Duplex, status: number, message: string, id: string): void {
  const text = body(message, wireCode(status));
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? "Bad Request"}\r\n` +
      `content-type: application/json\r\nx-request-id: ${id}\r\ncontent-length: ${Buffer.byteLength(text)}\r\n` +
      `connection: close\r\n\r\n${text}`,
  );
}

/**
 * Hands the parser's error to the route reading this request's body; one that has not started
 * reading yet (the bad chunk came in the same read as the headers) takes it from refusedBodies.
 */
function refuseBody(req: IncomingMessage, refused: ApiError): void {
  if (req.listenerCount("error") > 0) req.emit("error", refused);
  else refusedBodies.set(req, refused);
}

type Socket = Duplex & { _httpMessage?: ServerResponse | null };

/** Closes the socket once `req`'s answer, queued behind the ones before it, is out. */
function closeAfterAnswer(socket: Socket, req: IncomingMessage): void {
  const current = socket._httpMessage;
  if (!current) return void socket.end();
  if (current.req !== req) return void current.once("finish", () => closeAfterAnswer(socket, req));
  if (!current.headersSent) current.shouldKeepAlive = false;
  else current.once("finish", () => socket.end());
}

/** Node may report one broken socket more than once (each further read hits the failed parser). */
const answered = new WeakSet<Duplex>();

/**
 * Node's clientError hook: answers in OpenAI's error shape with an x-request-id, instead of an
 * empty 400, and never writes inside a response already under way on the socket:
 * - a route is still reading this request's body (a bad chunk, a stalled upload): the error goes
 *   to that reader, so the route's exchange answers it with its own request id and logs it. This
 *   request is the one the parser is on, which with pipelining may be queued behind earlier answers;
 * - this request's answer has begun (its headers are out): nothing can be added; the socket
 *   closes after it;
 * - an earlier, complete request is still being answered (pipelining): the error is answered after.
 */
export function onClientError(
  err: NodeJS.ErrnoException,
  socket: Duplex,
  report: (e: ProtocolError) => void,
  timeoutMs: number,
): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  const { status, code, message } = describe(err, timeoutMs);
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (code === "ECONNRESET" || code === "HPE_INVALID_EOF_STATE" || !socket.writable) {
    // The client went away mid-request: nobody reads an answer. A route reading the body records
    // it as client_closed (499); only a request no route saw is reported here. A reset or EOF
    // between requests (an idle keep-alive connection closing) has no request at all: not an error.
    const partial = (err as { bytesParsed?: number }).bytesParsed || (err as { rawPacket?: Buffer }).rawPacket?.length;
    if (!inFlight && partial) report({ status, code, message });
    return void socket.destroy();
  }
  if (inFlight && !inFlight.writableFinished) {
    // The request the parser is on: with pipelining, a later one than the answer under way.
    const parsing = (socket as Duplex & { parser?: { incoming?: IncomingMessage | null } | null }).parser?.incoming;
    const req = parsing && !parsing.complete ? parsing : inFlight.req;
    if (!req.complete) {
      report({ status, code, message });
      const refused = new ApiError(status, message, "invalid_request_error", null, wireCode(status));
      if (req !== inFlight.req) {
        // Pipelined: its route started (Node emits "request" at once) and answers after the ones
        // before it; the socket closes after that answer.
        refuseBody(req, refused);
        closeAfterAnswer(socket, req);
      } else if (!inFlight.headersSent) {
        inFlight.shouldKeepAlive = false; // the parser is broken: close once the answer is out
        refuseBody(req, refused);
      } else inFlight.once("close", () => socket.destroy()); // its answer cannot carry a second status line
      return;
    }
    const id = requestId();
    report({ status, code, message, requestId: id, ...requestLine(err, socket) });
    inFlight.once("finish", () => socket.writable && writeRaw(socket, status, message, id));
    return;
  }
  const id = requestId();
  report({ status, code, message, requestId: id, ...requestLine(err, socket) });
  writeRaw(socket, status, message, id);
}

/** Node's checkExpectation hook: an Expect other than 100-continue gets 417 in OpenAI's shape. */
export function onCheckExpectation(
  req: IncomingMessage,
  res: ServerResponse,
  report: (e: ProtocolError) => void,
): void {
  answerEarly(res, 417, `Unsupported Expect header: ${String(req.headers.expect)}.`, "expectation_failed", report);
}

/**
 * HTTP/1.1 requires a Host header. Node's own check answers an empty 400, so the listener turns
 * it off and asks here instead. True when the request was answered.
 */
export function refuseWithoutHost(
  req: IncomingMessage,
  res: ServerResponse,
  report: (e: ProtocolError) => void,
): boolean {
  if (req.headers.host !== undefined || req.httpVersionMajor !== 1 || req.httpVersionMinor !== 1) return false;
  answerEarly(res, 400, "Malformed HTTP request: HTTP/1.1 requires a Host header.", "missing_host", report);
  return true;
}

function answerEarly(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  report: (e: ProtocolError) => void,
): void {
  const id = requestId();
  const { method, url: path } = res.req;
  report({ status, code, message, requestId: id, method, path, remoteAddress: res.req.socket.remoteAddress });
  const text = body(message, wireCode(status));
  res
    .writeHead(status, {
      "content-type": "application/json",
      "x-request-id": id,
      "content-length": String(Buffer.byteLength(text)),
      connection: "close",
    })
    .end(text);
}

/**
 * Runs `fn` once every answer queued on the socket is out. Node hands a pipelined CONNECT over while
 * earlier requests are still being answered; their responses keep writing to the socket and pass
 * it on to the next in line as each finishes.
 */
function afterAnswers(socket: Socket, fn: () => void): void {
  const current = socket._httpMessage;
  if (!current || current.writableFinished) return fn();
  current.once("finish", () => afterAnswers(socket, fn));
}

/**
 * Node's connect hook: a CONNECT request (a client told to use the mock as its HTTPS proxy) gets
 * a 405 in OpenAI's shape, logged, where Node would close the connection without a word. Pipelined
 * behind requests still being answered, it is answered after them, in order, as onClientError does.
 */
export function onConnect(req: IncomingMessage, socket: Duplex, report: (e: ProtocolError) => void): void {
  const id = requestId();
  const target = req.url ?? "";
  const message =
    `CONNECT ${target} is not supported: the mock is an API server, not a proxy. ` +
    "Set the client's base URL to the mock's https://host:port/v1 instead of using it as HTTPS_PROXY.";
  const remoteAddress = req.socket.remoteAddress;
  report({
    status: 405,
    code: "method_not_allowed",
    message,
    requestId: id,
    method: req.method,
    path: target,
    remoteAddress,
  });
  afterAnswers(socket as Socket, () => {
    if (socket.writable) writeRaw(socket, 405, message, id);
    else socket.destroy();
  });
}
