// The inspector page, composed from its parts: filters, log commands and the virtual request list
// (sidebar and /ui), and the detail of the open entry (everywhere; alone in the editor tab, which
// follows the entry chosen in the sidebar). The list holds summaries; the open detail's full entry
// is fetched from the host, the body search is answered by the host, exports are built by the host.
import { el, replaceChildren } from "../components";
import type { HostTransport } from "../transport";
import { normalizeQuery, type InspectorFilter } from "../../src/shared/pages/inspector/filter";
import type { InspectorToHost, InspectorToPage } from "../../src/shared/pages/inspector/protocol";
import { createDetailSession } from "./detailSession";
import { createFilterBar } from "./filterBar";
import { createHostMessageHandler } from "./hostMessages";
import { createListView } from "./listView";
import { createLogToolbar } from "./logToolbar";
import { createRequestListing } from "./requestListing";
import { loadState, type InspectorState } from "./state";
import { createStatusLine } from "./statusLine";
import { EntryStore } from "./store";
import { createWelcome } from "./welcome";

export type { InspectorState };

export interface InspectorPageOptions {
  /** "editor": the detail alone, in an editor tab, following the sidebar's choice. @default "sidebar" */
  view?: "sidebar" | "editor";
}

export function startInspector(
  root: HTMLElement,
  host: HostTransport<InspectorToPage, InspectorToHost>,
  o: InspectorPageOptions = {},
): void {
  const editor = o.view === "editor";
  const state = loadState(host);
  if (editor) state.filter = { ...state.filter, method: "", status: "all", path: "", control: "", text: "" };
  const save = () => host.setState<InspectorState>(state);
  const store = new EntryStore();
  const status = createStatusLine();
  let reported: string | null = null;
  /** The sidebar tells the host what it shows, so an editor tab can follow it. */
  const report = (id: string | null) => {
    if (editor || !id || id === reported) return;
    reported = id;
    host.post({ type: "requests/select", id });
  };

  const list = createListView({
    onSelect(id) {
      state.selectedId = id;
      save();
      report(id);
    },
    onActivate: (id) => detail.open(id),
    onScroll(top) {
      state.scrollTop = top;
      save();
    },
  });
  const detail = createDetailSession({
    host,
    store,
    state,
    save,
    say: status.say,
    editor,
    onOpen(id, shown) {
      root.classList.toggle("mg-inspector--detail", shown);
      if (id) report(id);
      if (editor) editorHint.hidden = shown;
    },
    onClose: () => list.scroller.focus(),
  });
  const welcome = createWelcome(() => host.post({ type: "server/start" }));
  const listing = createRequestListing({ store, state, list, welcome, environment: host.environment });
  const editorHint = el(
    "p",
    { className: "mg-empty mg-muted", attrs: { id: "editor-hint" } },
    "Choose a request in the Requests view to see it here.",
  );

  const setFilter = (patch: Partial<InspectorFilter>) => {
    const before = normalizeQuery(state.filter.text);
    state.filter = { ...state.filter, ...patch };
    save();
    const query = normalizeQuery(state.filter.text);
    if (query !== before) {
      store.search(query);
      host.post({ type: "requests/search", query });
    }
    refreshList();
  };
  /** Re-filters the list; an open entry the filters now hide closes with it. */
  const refreshList = () => {
    listing.refresh();
    if (!editor && state.openId && !listing.isListed(state.openId)) detail.open(null);
  };
  const logToolbar = createLogToolbar({
    clear: () => host.post({ type: "requests/clear" }),
    // The page has no bodies: the host builds the export from its log (VS Code saves it, browsers download it).
    export: (format) => host.post({ type: "requests/export", format, ids: listing.visibleIds() }),
  });
  listing.onCount(logToolbar.setCount);
  list.scroller.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && state.openId) detail.open(null);
  });

  if (editor) replaceChildren(root, editorHint, detail.element, status.element);
  else
    replaceChildren(
      root,
      createFilterBar(state.filter, setFilter),
      logToolbar.element,
      el("div", { className: "mg-inspector__list" }, list.element, listing.empty, welcome),
      detail.element,
      status.element,
    );
  root.classList.add("mg-inspector");
  root.classList.toggle("mg-inspector--editor", editor);

  host.onMessage(createHostMessageHandler({ host, store, state, list, detail, listing, say: status.say, refreshList }));
  const query = normalizeQuery(state.filter.text);
  store.search(query); // a restored body search: the snapshot's match flags answer it
  host.post(query ? { type: "ready", query } : { type: "ready" });
}
