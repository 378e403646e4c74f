// The page's body search, run here where the bodies are: "" for none; otherwise every summary sent
// says whether its entry matches.
import type { LogEntry } from "../../../shared/requestLog";
import { summarize, type RequestSummary } from "../../../shared/pages/inspector/protocol";
import { normalizeQuery, textMatcher } from "../../../shared/pages/inspector/filter";
import { chunkCount, readOnce } from "../../log/chunkSlot";

const NO_CHUNKS: LogEntry["chunks"] = [];

/** `summarize`, counting an open stream's chunks without unpacking them (see chunkSlot.ts). */
export function summarizeLive(e: LogEntry): RequestSummary {
  const s = summarize(readOnce(e, NO_CHUNKS));
  s.chunkCount = chunkCount(e);
  return s;
}

export interface BodySearch {
  readonly query: string;
  set(query: string): void;
  /** The ids of every entry matching the current query (none when there is no query). */
  matching(entries: Iterable<LogEntry>): string[];
  /** The list's summary of an entry, with its match flag while a search is active. */
  summary(e: LogEntry): RequestSummary;
}

export function createBodySearch(): BodySearch {
  let query = "";
  let matcher: ((e: LogEntry) => boolean) | null = null;
  return {
    get query() {
      return query;
    },
    set(q) {
      query = normalizeQuery(q);
      matcher = query ? textMatcher(query) : null;
    },
    matching(entries) {
      if (!matcher) return [];
      const ids: string[] = [];
      // readOnce: read through the entry, an open stream's chunks would stay unpacked while it runs.
      for (const e of entries) if (matcher(readOnce(e))) ids.push(e.id);
      return ids;
    },
    summary(e) {
      const s = summarizeLive(e);
      // The bodies first, with no chunks; only then the chunks, read through the entry: an open stream is
      // unpacked once and then grows, where unpacking it for each flush would cost its length every time.
      if (matcher) s.match = matcher(readOnce(e, NO_CHUNKS)) || (chunkCount(e) > 0 && matcher(e));
      return s;
    },
  };
}
