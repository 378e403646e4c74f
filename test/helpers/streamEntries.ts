// Log entries of an open chat stream, as the server opens them (chunks behind their slot), for log tests.
import type { LogEntry } from "../../src/shared/requestLog";
import { addChunks } from "../../src/core/log/chunkSlot";

/** A streamed chat request's entry, in flight, as a plain object. */
export function entry(id: string): Omit<LogEntry, "seq"> {
  return {
    id,
    kind: "http",
    time: 1_700_000_000_000,
    durationMs: null,
    client: { commonName: "client", fingerprint256: "AA", serialNumber: "01" },
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    status: null,
    model: "gpt-4o-mini",
    stream: true,
    scenario: "normal",
    request: { headers: { "content-type": "application/json" }, body: '{"stream":true}', bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: null,
  };
}

/** The same entry as the server opens it (entry.ts): its chunks packed as they arrive (chunkSlot.ts). */
export function opened(id: string): Omit<LogEntry, "seq"> {
  const { chunks, usage, error, ...head } = entry(id);
  return Object.assign(addChunks(head, chunks), { usage, error });
}
