// The one entry whose detail the page has open: sent whole when asked for, then only its new chunks
// while it streams, and whole again once when its other parts change (start, finish).
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
    watched = entry ? { id, chunks: entry.chunks.length, fingerprint: detailFingerprint(entry) } : null;
    send({ type: "requests/detail", id, entry });
  };
  return {
    send: sendDetail,
    follow(updated) {
      if (!watched) return;
      const w = watched;
      const e = updated.find((x) => x.id === w.id);
      if (!e) return;
      if (detailFingerprint(e) !== w.fingerprint) return sendDetail(e.id);
      if (e.chunks.length > w.chunks) {
        send({ type: "requests/chunks", id: e.id, from: w.chunks, chunks: e.chunks.slice(w.chunks) });
        w.chunks = e.chunks.length;
      }
    },
    reset() {
      watched = null;
    },
  };
}
