// "Copy as curl": a POSIX-shell command that replays an entry with the workspace client certificate.
import type { LogEntry } from "../../../src/core/log/types";
import type { ClientTlsPaths } from "../protocol";
import { replayableHeaders } from "./headers";

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
  const parts = ["curl"];
  if (e.stream) parts.push("-N"); // print SSE events as they arrive
  if (o.clientTls) parts.push("--cacert", shellQuote(o.clientTls.caPath), "--cert", shellQuote(o.clientTls.certPath), "--key", shellQuote(o.clientTls.keyPath));
  if (e.method && e.method !== "GET") parts.push("-X", shellQuote(e.method));
  parts.push(shellQuote(base + (e.path.startsWith("/") ? e.path : `/${e.path}`)));
  for (const [name, value] of replayableHeaders(e.request.headers)) parts.push("-H", shellQuote(`${name}: ${value}`));
  if (e.request.body) parts.push("--data-raw", shellQuote(e.request.body));
  return parts.join(" \\\n  ");
}
