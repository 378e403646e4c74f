// The page's copy of the log: summaries by id, fed by the snapshot and the batched deltas, plus
// the host's answer to the body search and the one full entry the detail view shows. No DOM here.
import { normalizeQuery } from "../../src/shared/pages/inspector/filter";
import type {
  InspectorContext,
  InspectorToPage,
  LogEntry,
  RequestSummary,
} from "../../src/shared/pages/inspector/protocol";

export class EntryStore {
  readonly entries = new Map<string, RequestSummary>();
  context: InspectorContext = { serverUrl: null, clientTls: null, capacity: 0 };
  /** Entries the host's log dropped for its size limit since it was cleared (the list's count says so). */
  droppedForSize = 0;
  /** False until the snapshot arrives. */
  loaded = false;
  /** The search last sent to the host, and the one `matches` answers (they differ while an answer is pending). */
  sentQuery = "";
  private answeredQuery = "";
  private readonly matches = new Set<string>();
  /** The full entry the detail shows (chunks appended live), or null. */
  detail: LogEntry | null = null;

  /** Records a search sent to the host. */
  search(text: string): void {
    this.sentQuery = normalizeQuery(text);
  }

  /** True while the host's flags answer another search than the last one sent (after a reconnect's snapshot, say). */
  get searchOutOfStep(): boolean {
    return this.sentQuery !== this.answeredQuery;
  }

  /** Whether an entry matches the current body search; before the host answers, the previous answer stands. */
  textMatches(id: string): boolean {
    return this.answeredQuery === "" || this.matches.has(id);
  }

  /** Applies a host message; returns which ids changed in place (for a live detail view), or "all". */
  apply(m: InspectorToPage): { listChanged: boolean; updated: Set<string> | "all" } {
    const updated = new Set<string>();
    switch (m.type) {
      case "requests/snapshot":
        this.entries.clear();
        this.matches.clear();
        this.answeredQuery = m.query ?? "";
        for (const e of m.entries) this.put(e);
        this.context = m.context;
        this.droppedForSize = m.context.droppedForSize ?? 0;
        this.loaded = true;
        this.detail = null; // a new host session watches nothing yet

        return { listChanged: true, updated: "all" };
      case "requests/added":
        for (const e of m.entries) this.put(e);
        return { listChanged: true, updated };
      case "requests/updated":
        for (const e of m.entries) {
          // An update for an entry we never saw (e.g. it arrived between snapshot and subscription) is an add.
          this.put(e);
          updated.add(e.id);
        }
        return { listChanged: true, updated };
      case "requests/evicted":
        this.droppedForSize += m.bySize ?? 0;
        for (const id of m.ids) {
          this.entries.delete(id);
          this.matches.delete(id);
        }
        return { listChanged: true, updated: new Set(m.ids) };
      case "requests/cleared":
        this.droppedForSize = 0;
        this.entries.clear();
        this.matches.clear();
        return { listChanged: true, updated: "all" };
      case "requests/matches":
        if (m.query !== this.sentQuery) return { listChanged: false, updated }; // superseded by a newer search
        this.answeredQuery = m.query;
        this.matches.clear();
        for (const id of m.ids) this.matches.add(id);
        return { listChanged: true, updated };
      case "requests/detail":
        this.detail = m.entry ? { ...m.entry, chunks: m.entry.chunks.slice() } : null;
        return { listChanged: false, updated: new Set([m.id]) };
      case "requests/chunks": {
        const d = this.detail;
        if (!d || d.id !== m.id) return { listChanged: false, updated };
        if (m.from !== d.chunks.length) {
          this.detail = null; // out of step: the app fetches the entry again
          return { listChanged: false, updated };
        }
        d.chunks.push(...m.chunks);
        return { listChanged: false, updated: new Set([m.id]) };
      }
      case "inspector/context":
        this.context = m.context;
        return { listChanged: false, updated };
      default:
        return { listChanged: false, updated };
    }
  }

  /** The full entry if it is `id`'s (the host re-sends it when more than its chunks change). */
  detailFor(id: string): LogEntry | null {
    return this.detail?.id === id ? this.detail : null;
  }

  private put(e: RequestSummary): void {
    this.entries.set(e.id, e);
    // Flags computed for an older search are ignored; the pending answer covers this entry.
    if (e.match !== undefined && this.sentQuery === this.answeredQuery) {
      if (e.match) this.matches.add(e.id);
      else this.matches.delete(e.id);
    }
  }
}
