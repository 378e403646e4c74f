// "Copy as curl": a POSIX-shell command that replays an entry with the workspace client certificate.
import type { LogEntry } from "../../../src/shared/requestLog";
import type { ClientTlsPaths } from "../../../src/shared/pages/inspector/protocol";
import { replayHeaders } from "../../../src/shared/pages/inspector/headers";
import { replayPath } from "../../../src/shared/pages/inspector/query";

/** Single-quotes a word for sh/bash/zsh: nothing inside '…' is special except ' itself. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CurlOptions {
  /** https://host:port of the running server. @default "https://127.0.0.1" */
  serverUrl: string | null;
  clientTls: ClientTlsPaths | null;
}

export function toCurl(e: LogEntry, o: CurlOptions): string {
  const base = (o.serverUrl ?? "https://127.0.0.1").replace(/\/+$/, "");
  // One flag and its value per line, joined with backslash-newline continuations.
  const lines = [e.stream ? "curl -N" : "curl"]; // -N: print SSE events as they arrive
  if (o.clientTls)
    lines.push(
      `--cacert ${shellQuote(o.clientTls.caPath)} --cert ${shellQuote(o.clientTls.certPath)} --key ${shellQuote(o.clientTls.keyPath)}`,
    );
  if (e.method && e.method !== "GET") lines.push(`-X ${shellQuote(e.method)}`);
  // Redacted keys (query and headers) become the placeholder: the copied command must run as it is.
  const path = replayPath(e.path).path;
  lines.push(shellQuote(base + (path.startsWith("/") ? path : `/${path}`)));
  for (const [name, value] of replayHeaders(e.request.headers).headers)
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (e.request.body) lines.push(`--data-raw ${shellQuote(e.request.body)}`);
  return lines.join(" \\\n  ");
}
