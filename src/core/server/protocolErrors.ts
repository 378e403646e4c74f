import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { requestId } from "../openai/ids";

/** What Node's own HTTP parser refused, before any route ran. */
export interface ProtocolError {
  status: number;
  code: string;
  message: string;
  requestId: string;
}

function body(status: number, message: string, code: string): string {
  return JSON.stringify({ error: { message, type: "invalid_request_error", param: null, code } });
}

/** Node's clientError hook: answers in OpenAI's error shape with an x-request-id, instead of an empty 400. */
export function onClientError(err: NodeJS.ErrnoException, socket: Duplex, report: (e: ProtocolError) => void): void {
  const code = err.code ?? "HPE_INVALID";
  const status = code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const message =
    status === 431
      ? "Request header fields too large (the limit is 16 KB)."
      : `Malformed HTTP request: ${err.message.replace(/^Parse Error: /, "")}.`;
  const id = requestId();
  report({ status, code, message, requestId: id });
  if (code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const text = body(status, message, status === 431 ? "request_header_fields_too_large" : "invalid_request");
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
      `content-type: application/json\r\nx-request-id: ${id}\r\ncontent-length: ${Buffer.byteLength(text)}\r\n` +
      `connection: close\r\n\r\n${text}`,
  );
}

/** Node's checkExpectation hook: an Expect other than 100-continue gets 417 in OpenAI's shape. */
export function onCheckExpectation(
  req: IncomingMessage,
  res: ServerResponse,
  report: (e: ProtocolError) => void,
): void {
  const id = requestId();
  const message = `Unsupported Expect header: ${String(req.headers.expect)}.`;
  report({ status: 417, code: "expectation_failed", message, requestId: id });
  const text = body(417, message, "expectation_failed");
  res
    .writeHead(417, {
      "content-type": "application/json",
      "x-request-id": id,
      "content-length": String(Buffer.byteLength(text)),
      connection: "close",
    })
    .end(text);
}
