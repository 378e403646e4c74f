// Re-sends a logged request to the running server with the workspace client certificate. The
// replay is an ordinary request, so it shows up in the log as a new entry.
import { promises as fsp } from "node:fs";
import https from "node:https";
import type { LogEntry } from "../../../shared/requestLog";
import type { ClientTlsPaths } from "../../../shared/pages/inspector/protocol";
import { replayHeaders, type ReplayHeaders } from "../../../shared/pages/inspector/headers";
import { replayPath } from "../../../shared/pages/inspector/query";

export interface ReplayResult {
  status: number;
  /** The new entry's id (the response's x-request-id). */
  requestId: string | null;
  /** What was sent for credentials the log keeps redacted: the placeholder, the given key, or nothing. */
  credential: ReplayHeaders["credential"];
}

export interface ReplayOptions {
  /** https://host:port of the running server. */
  serverUrl: string;
  /** null: send without a client certificate (the server may refuse the handshake). */
  clientTls: ClientTlsPaths | null;
  /**
   * Sent in place of a redacted API key (the log never keeps the real one). @default null (a
   * placeholder key, which the mock accepts like any other)
   */
  apiKey?: string | null;
  /** @default 120000 */
  timeoutMs?: number;
}

export async function replayRequest(entry: LogEntry, o: ReplayOptions): Promise<ReplayResult> {
  if (entry.kind !== "http") throw new Error("Only HTTP requests can be replayed, not refused TLS handshakes.");
  if (entry.request.bodyTruncated)
    throw new Error("This request's body was cut in the log (it was too large), so it cannot be replayed faithfully.");
  // Only path and query come from the log: a logged "//other-host/…" must never redirect the
  // replay (and the client certificate) to another origin.
  // Redacted query credentials get the replay key or the placeholder, as headers do.
  // A fragment the client sent in its raw target is not sent again (nor a stand-in for a key in it).
  const target = replayPath(entry.path.replace(/#.*$/s, ""), o.apiKey);
  const url = new URL(o.serverUrl);
  const path = target.path;
  const q = path.indexOf("?");
  url.pathname = "/" + (q < 0 ? path : path.slice(0, q)).replace(/^\/+/, "");
  url.search = q < 0 ? "" : path.slice(q);
  if (url.origin !== new URL(o.serverUrl).origin) throw new Error("Refusing to replay to another origin.");
  const [ca, cert, key] = o.clientTls
    ? await Promise.all(
        [o.clientTls.caPath, o.clientTls.certPath, o.clientTls.keyPath].map((p) => fsp.readFile(p, "utf8")),
      )
    : [];
  const body = Buffer.from(entry.request.body, "utf8");
  const sent = replayHeaders(entry.request.headers, o.apiKey);
  const headers: Record<string, string> = Object.fromEntries(sent.headers);
  if (body.length) headers["content-length"] = String(body.length);
  return new Promise<ReplayResult>((resolve, reject) => {
    const req = https.request(
      url,
      { method: entry.method, headers, ca, cert, key, timeout: o.timeoutMs ?? 120_000 },
      (res) => {
        res.resume(); // drain (streams included) so the server logs a finished exchange
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            requestId: (res.headers["x-request-id"] as string | undefined) ?? null,
            credential: sent.credential ?? target.credential,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("Replay timed out")));
    req.on("error", reject);
    req.end(body);
  });
}
