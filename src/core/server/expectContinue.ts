import type { IncomingMessage } from "node:http";
import { CONTROL_PREFIX, MAX_CONTROL_BODY } from "./routes/control";

/**
 * Whether the route for this request will refuse it by its declared content-length, before reading
 * a byte of the body: then a client that sent `Expect: 100-continue` gets that 413 without first
 * being told to upload a body nobody reads. The control API refuses past 64 KiB; the API's routes,
 * and the catch-all that answers unknown paths, past server.max_body_bytes. Never true for a request
 * a route reads (its client would wait, 1 s for curl, before sending): /ui pages keep their own
 * limit and are always told to continue, as is a chunked body (refused as it grows, once sent).
 */
const ASCII_ESCAPE = /%(?!2[fF]|5[cC])[0-7][0-9a-fA-F]/g;
const decodeEscape = (escape: string) => String.fromCharCode(parseInt(escape.slice(1), 16));

export function refusedUnread(req: IncomingMessage, maxBodyBytes: number): boolean {
  const length = req.headers["content-length"];
  if (length === undefined || req.headers["transfer-encoding"] !== undefined) return false;
  const declared = Number(length);
  if (!(declared > Math.min(MAX_CONTROL_BODY, maxBodyBytes))) return false;
  let path: string;
  try {
    // The path as the router sees it: dot segments resolved ("/v1/../__mock/x" is a control route),
    // and escapes decoded except the separators %2F and %5C ("/%5F%5Fmock/x" is one too). Only ASCII
    // matters here: the prefixes compared below are ASCII.
    path = new URL(req.url ?? "/", "https://localhost").pathname.replace(ASCII_ESCAPE, decodeEscape);
  } catch {
    return false;
  }
  if (path === "/ui" || path.startsWith("/ui/")) return false;
  const control = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
  return declared > (control ? MAX_CONTROL_BODY : maxBodyBytes);
}
