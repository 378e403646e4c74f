// How the page answers the host: notices and downloads, the editor tab's focus, the log's snapshot
// and deltas (into the store, then the list, the welcome and the open detail), and the first
// snapshot's restore of the saved place.
import type { VirtualList } from "../components";
import type { HostTransport } from "../transport";
import type { InspectorToHost, InspectorToPage, RequestSummary } from "../../src/shared/pages/inspector/protocol";
import { download } from "./browserActions";
import type { DetailSession } from "./detailSession";
import type { InspectorState } from "./state";
import type { EntryStore } from "./store";

export interface HostMessageContext {
  host: HostTransport<InspectorToPage, InspectorToHost>;
  store: EntryStore;
  state: InspectorState;
  list: VirtualList<RequestSummary>;
  detail: DetailSession;
  listing: { refreshWelcome(): void };
  say(text: string, level?: "info" | "error"): void;
  /** Re-filters the list (and closes a detail the filters now hide). */
  refreshList(): void;
}

export function createHostMessageHandler(c: HostMessageContext): (m: InspectorToPage) => void {
  const { host, store, state, list, detail } = c;
  let restored = false;
  return (m) => {
    if (m.type === "inspector/notice") return c.say(m.text, m.level);
    if (m.type === "requests/exported") {
      download(m.fileName, m.content, "application/json");
      return c.say(`Downloaded ${m.count} request(s) as ${m.format.toUpperCase()}`);
    }
    if (m.type === "detail/focus") return detail.open(m.id);
    if (m.type === "requests/detail") detail.answered(m.id, !!m.entry);
    const { listChanged, updated } = store.apply(m);
    // Chunks out of step with the detail we hold (e.g. a dropped message): fetch the entry again.
    if (m.type === "requests/chunks" && m.id === state.openId && !store.detailFor(m.id)) {
      detail.forgetFetch();
      return detail.open(m.id);
    }
    if (listChanged) c.refreshList();
    if (listChanged || m.type === "inspector/context" || m.type === "requests/snapshot") c.listing.refreshWelcome();
    if (m.type === "requests/snapshot") {
      // A snapshot starts a host session (first load, or a reconnect replaying the old "ready"):
      // it knows no search and watches no detail beyond what that "ready" said.
      if (store.searchOutOfStep) host.post({ type: "requests/search", query: store.sentQuery });
      detail.forgetFetch();
      if (!restored) {
        restored = true; // restore the saved place once the entries it refers to exist
        if (state.selectedId) list.select(state.selectedId);
        list.scrollTo(state.scrollTop);
        if (state.openId) detail.open(state.openId, state.tab);
        return;
      }
      if (state.openId && store.entries.has(state.openId)) return detail.open(state.openId);
    }
    if (state.openId && (updated === "all" || updated.has(state.openId))) {
      if (store.entries.has(state.openId)) detail.refresh();
      else detail.open(null);
    }
  };
}
