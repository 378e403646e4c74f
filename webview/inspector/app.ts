// The inspector page, composed from its parts: filters, log commands and the virtual request list
// (sidebar and /ui), and the detail of the open entry (everywhere; alone in the editor tab, which
// follows the entry chosen in the sidebar). The list holds summaries; the open detail's full entry
// is fetched from the host, the body search is answered by the host, exports are built by the host.
import { el, replaceChildren } from "../components";
import type { HostTransport } from "../transport";
import { normalizeQuery, type InspectorFilter } from "../../src/shared/pages/inspector/filter";
import type { InspectorToHost, InspectorToPage } from "../../src/shared/pages/inspector/protocol";
import { download } from "./browserActions";
import { createDetailSession } from "./detailSession";
import { createFilterBar } from "./filterBar";
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
  let restored = false;
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

  host.onMessage((m) => {
    if (m.type === "inspector/notice") return status.say(m.text, m.level);
    if (m.type === "requests/exported") {
      download(m.fileName, m.content, "application/json");
      return status.say(`Downloaded ${m.count} request(s) as ${m.format.toUpperCase()}`);
    }
    if (m.type === "detail/focus") return detail.open(m.id);
    if (m.type === "requests/detail") detail.answered(m.id, !!m.entry);
    const { listChanged, updated } = store.apply(m);
    // Chunks out of step with the detail we hold (e.g. a dropped message): fetch the entry again.
    if (m.type === "requests/chunks" && m.id === state.openId && !store.detailFor(m.id)) {
      detail.forgetFetch();
      return detail.open(m.id);
    }
    if (listChanged) refreshList();
    if (listChanged || m.type === "inspector/context" || m.type === "requests/snapshot") listing.refreshWelcome();
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
  });
  const query = normalizeQuery(state.filter.text);
  store.search(query); // a restored body search: the snapshot's match flags answer it
  host.post(query ? { type: "ready", query } : { type: "ready" });
}
