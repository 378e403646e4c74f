// The one entry whose detail the page has open: sent whole when asked for, then only its new chunks
// while it streams, and whole again once when its other parts change (start, finish).
import { chunkCount, readOnce } from "../../log/chunkSlot";
import type { RequestLog } from "../../log/requestLog";
import type { LogEntry } from "../../../shared/requestLog";
import type { InspectorToPage } from "../../../shared/pages/inspector/protocol";

/** What of an entry, besides its chunks, a detail shows; a change means the page needs the entry again. */
function detailFingerprint(e: LogEntry): string {
  const r = e.response;
  return [
    e.status,
    e.durationMs,
    e.model,
    e.stream,
    e.request.body.length,
    Object.keys(e.request.headers).length,
    r.body.length,
    r.bodyTruncated,
    Object.keys(r.headers).length,
    e.usage?.total_tokens,
    e.error?.code,
  ].join("|");
}

export interface DetailFollower {
  /** Sends `id`'s full entry (null when gone) and watches it from now on. */
  send(id: string): void;
  /** After each batch of updates: the watched entry's new chunks, or the whole entry when more changed. */
  follow(updated: LogEntry[]): void;
  /** A new page session watches nothing yet. */
  reset(): void;
}

export function createDetailFollower(log: RequestLog, send: (m: InspectorToPage) => void): DetailFollower {
  let watched: { id: string; chunks: number; fingerprint: string } | null = null;
  const sendDetail = (id: string) => {
    const entry = log.get(id) ?? null;
    watched = entry ? { id, chunks: chunkCount(entry), fingerprint: detailFingerprint(entry) } : null;
    // A copy with the chunks unpacked for this message only: an open stream's stay packed.
    send({ type: "requests/detail", id, entry: entry && readOnce(entry) });
  };
  return {
    send: sendDetail,
    follow(updated) {
      if (!watched) return;
      const w = watched;
      const e = updated.find((x) => x.id === w.id);
      if (!e) return;
      if (detailFingerprint(e) !== w.fingerprint) return sendDetail(e.id);
      const count = chunkCount(e);
      if (count > w.chunks) {
        // Read through the entry: the followed stream is unpacked once and then grows chunk by chunk,
        // where unpacking it for each flush would cost its whole length every 100 ms.
        send({ type: "requests/chunks", id: e.id, from: w.chunks, chunks: e.chunks.slice(w.chunks) });
        w.chunks = count;
      }
    },
    reset() {
      watched = null;
    },
  };
}
