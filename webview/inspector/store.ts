// The page's copy of the log: a Map by id, fed by the snapshot and the batched deltas. No DOM here.
import type { InspectorContext, InspectorToPage, LogEntry } from "./protocol";

export class EntryStore {
  readonly entries = new Map<string, LogEntry>();
  context: InspectorContext = { serverUrl: null, clientTls: null, capacity: 0 };
  /** False until the snapshot arrives. */
  loaded = false;

  /** Applies a host message; returns which ids changed in place (for a live detail view), or "all". */
  apply(m: InspectorToPage): { listChanged: boolean; updated: Set<string> | "all" } {
    const updated = new Set<string>();
    switch (m.type) {
      case "requests/snapshot":
        this.entries.clear();
        for (const e of m.entries) this.entries.set(e.id, e);
        this.context = m.context;
        this.loaded = true;
        return { listChanged: true, updated: "all" };
      case "requests/added":
        for (const e of m.entries) this.entries.set(e.id, e);
        return { listChanged: true, updated };
      case "requests/updated":
        for (const e of m.entries) {
          // An update for an entry we never saw (e.g. it arrived between snapshot and subscription) is an add.
          this.entries.set(e.id, e);
          updated.add(e.id);
        }
        return { listChanged: true, updated };
      case "requests/evicted":
        for (const id of m.ids) this.entries.delete(id);
        return { listChanged: true, updated: new Set(m.ids) };
      case "requests/cleared":
        this.entries.clear();
        return { listChanged: true, updated: "all" };
      case "inspector/context":
        this.context = m.context;
        return { listChanged: false, updated };
      default:
        return { listChanged: false, updated };
    }
  }
}
