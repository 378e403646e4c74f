// What the list shows: the store's entries through the filters, the count line, and the empty and
// welcome notes.
import { el, type VirtualList } from "../components";
import { filterEntries, isFilterActive } from "../../src/shared/pages/inspector/filter";
import type { RequestSummary } from "../../src/shared/pages/inspector/protocol";
import type { InspectorState } from "./state";
import type { EntryStore } from "./store";

export interface RequestListingOptions {
  store: EntryStore;
  state: InspectorState;
  list: VirtualList<RequestSummary>;
  welcome: HTMLElement;
  environment: "vscode" | "browser";
}

export function createRequestListing(o: RequestListingOptions) {
  const { store, state, list, welcome } = o;
  let visible: RequestSummary[] = [];
  let listed = new Set<string>();
  let setCount: (text: string) => void = () => undefined;
  const empty = el("p", { className: "mg-empty mg-muted", attrs: { hidden: true } });

  function refresh(): void {
    visible = filterEntries(store.entries.values(), state.filter, (e) => store.textMatches(e.id));
    listed = new Set(visible.map((e) => e.id));
    list.setItems(visible);
    const total = store.entries.size;
    setCount(
      (isFilterActive(state.filter) ? `${visible.length} of ${total}` : `${total} request${total === 1 ? "" : "s"}`) +
        (store.droppedForSize ? ` · ${store.droppedForSize} older dropped: the log's size limit` : ""),
    );
    empty.hidden = visible.length > 0 || !store.loaded;
    empty.textContent =
      total === 0
        ? "No requests yet. Requests to the server appear here as they happen."
        : "No request matches the filters.";
  }
  function refreshWelcome(): void {
    const off = o.environment === "vscode" && store.loaded && !store.context.serverUrl;
    welcome.hidden = !(off && store.entries.size === 0);
    if (!welcome.hidden) empty.hidden = true;
  }
  return {
    empty,
    refresh,
    refreshWelcome,
    isListed: (id: string) => listed.has(id),
    visibleIds: () => visible.map((e) => e.id),
    onCount(f: (text: string) => void) {
      setCount = f;
    },
  };
}
