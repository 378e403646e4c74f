// The inspector page: filters + virtual request list + detail, driven by host messages. Filter,
// selection, open entry, tab and scroll survive hide/reload through the transport's state.
// The list holds summaries; the open detail's full entry is fetched from the host ("requests/detail"),
// the body search is answered by the host ("requests/search"), exports are built by the host.
import { button, dropdown, el, replaceChildren, textField, toolbar } from "../components";
import type { HostTransport } from "../transport";
import { API_ENDPOINTS } from "../../src/shared/endpoints";
import { copyText, download } from "./browserActions";
import { createDetailView, type DetailTab } from "./detailView";
import { createListView } from "./listView";
import { toCurl } from "./model/curl";
import {
  EMPTY_FILTER,
  filterEntries,
  isFilterActive,
  normalizeQuery,
  type InspectorFilter,
  type StatusClass,
} from "../../src/shared/pages/inspector/filter";
import type {
  ExportFormat,
  InspectorToHost,
  InspectorToPage,
  LogEntry,
  RequestSummary,
} from "../../src/shared/pages/inspector/protocol";
import { EntryStore } from "./store";

export interface InspectorState {
  filter: InspectorFilter;
  selectedId: string | null;
  openId: string | null;
  tab: DetailTab | null;
  scrollTop: number;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const STATUSES: Array<{ value: StatusClass; label: string }> = [
  { value: "all", label: "Any status" },
  { value: "2xx", label: "2xx" },
  { value: "3xx", label: "3xx" },
  { value: "4xx", label: "4xx" },
  { value: "5xx", label: "5xx" },
  { value: "tls", label: "TLS refused" },
  { value: "pending", label: "In flight" },
];

export function startInspector(root: HTMLElement, host: HostTransport<InspectorToPage, InspectorToHost>): void {
  const saved = host.getState<InspectorState>();
  const state: InspectorState = {
    filter: { ...EMPTY_FILTER, ...saved?.filter },
    selectedId: saved?.selectedId ?? null,
    openId: saved?.openId ?? null,
    tab: saved?.tab ?? null,
    scrollTop: saved?.scrollTop ?? 0,
  };
  const store = new EntryStore();
  let visible: RequestSummary[] = [];
  let restored = false;
  /** The id whose full entry was asked for and not yet answered; the id the host said is gone. */
  let fetching: string | null = null;
  let missing: string | null = null;
  const save = () => host.setState<InspectorState>(state);

  const status = el("div", {
    className: "mg-status-line",
    attrs: { role: "status", "aria-live": "polite", id: "status" },
  });
  const say = (text: string, level: "info" | "error" = "info") => {
    status.className = `mg-status-line${level === "error" ? " mg-error" : ""}`;
    status.textContent = text;
  };
  const count = el("span", { className: "mg-muted mg-count", attrs: { id: "count" } });

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
  let textTimer = 0;
  let pendingPatch: Partial<InspectorFilter> = {};
  const debounced = (patch: Partial<InspectorFilter>) => {
    pendingPatch = { ...pendingPatch, ...patch }; // both fields may change within one debounce window
    clearTimeout(textTimer);
    textTimer = window.setTimeout(() => {
      const p = pendingPatch;
      pendingPatch = {};
      setFilter(p);
    }, 120);
  };
  const method = dropdown({
    label: "Method",
    id: "filter-method",
    value: state.filter.method,
    options: [{ value: "", label: "Any method" }, ...METHODS.map((m) => ({ value: m, label: m }))],
    onChange: (v) => setFilter({ method: v }),
  });
  const statusFilter = dropdown<StatusClass>({
    label: "Status",
    id: "filter-status",
    value: state.filter.status,
    options: STATUSES,
    onChange: (v) => setFilter({ status: v }),
  });
  const isEndpoint = (p: string) => (API_ENDPOINTS as readonly string[]).includes(p);
  // A shortcut for the path filter: picking an endpoint fills "Path contains" with its route.
  const endpoint = dropdown({
    label: "Endpoint",
    id: "filter-endpoint",
    value: isEndpoint(state.filter.path) ? state.filter.path : "",
    options: [{ value: "", label: "Any endpoint" }, ...API_ENDPOINTS.map((e) => ({ value: e, label: e }))],
    onChange: (v) => {
      (pathField as HTMLElement & { value: string }).value = v;
      setFilter({ path: v });
    },
  });
  const pathField = textField({
    label: "Path contains",
    placeholder: "Path contains…",
    id: "filter-path",
    value: state.filter.path,
    onInput: (v) => {
      endpoint.value = isEndpoint(v) ? v : "";
      debounced({ path: v });
    },
  });
  const controlField = textField({
    label: "Scenario, fault or rule contains",
    placeholder: "Scenario / fault / rule…",
    id: "filter-control",
    value: state.filter.control ?? "",
    onInput: (v) => debounced({ control: v }),
  });
  const textFieldEl = textField({
    label: "Search bodies",
    placeholder: "Search bodies…",
    id: "filter-text",
    value: state.filter.text,
    onInput: (v) => debounced({ text: v }),
  });

  // The page has no bodies: the host builds the export from its log (VS Code saves it, browsers get it back to download).
  const exportAs = (format: ExportFormat) =>
    host.post({ type: "requests/export", format, ids: visible.map((e) => e.id) });
  /** The open entry's full form, or null (with a status-line note) while it is still loading. */
  const full = (s: RequestSummary): LogEntry | null => {
    const e = store.detailFor(s.id);
    if (!e)
      say(
        missing === s.id ? "That request is no longer in the log." : "Still loading the request…",
        missing === s.id ? "error" : "info",
      );
    return e;
  };
  const copy = (text: string, what: string) => {
    if (host.environment === "vscode") return host.post({ type: "clipboard/write", text, what });
    copyText(text).then(
      () => say(`Copied ${what}`),
      (err: unknown) => say(err instanceof Error ? err.message : String(err), "error"),
    );
  };

  const list = createListView({
    onSelect(id) {
      state.selectedId = id;
      save();
    },
    onActivate(id) {
      openDetail(id, null);
    },
    onScroll(top) {
      state.scrollTop = top;
      save();
    },
  });
  const detail = createDetailView({
    copyCurl: (s) => {
      const e = full(s);
      if (e) copy(toCurl(e, store.context), "curl command");
    },
    copyResponse: (s) => {
      const e = full(s);
      if (e) copy(e.response.body, "response body");
    },
    replay: (e) => {
      host.post({ type: "requests/replay", id: e.id });
      // VS Code reports the outcome as a notification, so the page keeps no line that would go stale.
      if (host.environment !== "vscode") say(`Replaying ${e.method} ${e.path.split("?")[0]}…`);
    },
    close: () => {
      openDetail(null, null);
      list.scroller.focus();
    },
    onTab: (t) => {
      state.tab = t;
      save();
    },
  });

  function openDetail(id: string | null, tab: DetailTab | null): void {
    state.openId = id;
    save();
    if (id && store.entries.has(id) && !store.detailFor(id) && fetching !== id) {
      fetching = id;
      missing = null;
      host.post({ type: "requests/detail", id });
    }
    showDetail(tab ?? state.tab ?? undefined);
    root.classList.toggle("mg-inspector--detail", !!id && store.entries.has(id));
  }
  function showDetail(tab?: DetailTab): void {
    const id = state.openId;
    detail.show(id ? (store.entries.get(id) ?? null) : null, id ? store.detailFor(id) : null, {
      tab,
      missing: !!id && missing === id,
    });
  }

  function refreshList(): void {
    visible = filterEntries(store.entries.values(), state.filter, (e) => store.textMatches(e.id));
    list.setItems(visible);
    const total = store.entries.size;
    count.textContent =
      (isFilterActive(state.filter) ? `${visible.length} of ${total}` : `${total} request${total === 1 ? "" : "s"}`) +
      (store.droppedForSize ? ` · ${store.droppedForSize} older dropped: the log's size limit` : "");
    empty.hidden = visible.length > 0 || !store.loaded;
    empty.textContent =
      total === 0
        ? "No requests yet. Requests to the server appear here as they happen."
        : "No request matches the filters.";
  }
  const empty = el("p", { className: "mg-empty mg-muted", attrs: { hidden: true } });
  // VS Code does not show contributes.viewsWelcome in webview views, so the page has its own:
  // while the server is off (VS Code only; /ui is served by a running server) and nothing is listed.
  const welcome = el(
    "div",
    { className: "mg-welcome", attrs: { id: "welcome", hidden: true } },
    el("p", {}, "The Mock GPT server is not running. Start it to see every request your code sends to it."),
    button({
      label: "Start Server",
      title: "Mock GPT: Start Server",
      id: "welcome-start",
      onClick: () => host.post({ type: "server/start" }),
    }),
    el("p", { className: "mg-muted" }, "Help: Get Started with Mock GPT walks through the first steps."),
  );
  function refreshWelcome(): void {
    const off = host.environment === "vscode" && store.loaded && !store.context.serverUrl;
    welcome.hidden = !(off && store.entries.size === 0);
    if (!welcome.hidden) empty.hidden = true;
  }

  list.scroller.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && state.openId) openDetail(null, null);
  });

  replaceChildren(
    root,
    toolbar(method.element, statusFilter.element, endpoint.element, pathField, controlField, textFieldEl),
    toolbar(
      button({
        label: "Clear",
        title: "Clear the request log",
        appearance: "secondary",
        id: "clear",
        onClick: () => host.post({ type: "requests/clear" }),
      }),
      button({
        label: "Export JSON",
        title: "Export the listed requests as JSON",
        appearance: "secondary",
        id: "export-json",
        onClick: () => exportAs("json"),
      }),
      button({
        label: "Export HAR",
        title: "Export the listed requests as HAR 1.2",
        appearance: "secondary",
        id: "export-har",
        onClick: () => exportAs("har"),
      }),
      count,
    ),
    el("div", { className: "mg-inspector__list" }, list.element, empty, welcome),
    detail.element,
    status,
  );
  root.classList.add("mg-inspector");

  host.onMessage((m) => {
    if (m.type === "inspector/notice") return say(m.text, m.level);
    if (m.type === "requests/exported") {
      download(m.fileName, m.content, "application/json");
      return say(`Downloaded ${m.count} request(s) as ${m.format.toUpperCase()}`);
    }
    if (m.type === "requests/detail" && m.id === fetching) {
      fetching = null;
      missing = m.entry ? null : m.id;
    }
    const { listChanged, updated } = store.apply(m);
    // Chunks out of step with the detail we hold (e.g. a dropped message): fetch the entry again.
    if (m.type === "requests/chunks" && m.id === state.openId && !store.detailFor(m.id)) {
      fetching = null;
      return openDetail(m.id, null);
    }
    if (listChanged) refreshList();
    if (listChanged || m.type === "inspector/context" || m.type === "requests/snapshot") refreshWelcome();
    if (m.type === "requests/snapshot") {
      // A snapshot starts a host session (first load, or a reconnect replaying the old "ready"):
      // it knows no search and watches no detail beyond what that "ready" said.
      if (store.searchOutOfStep) host.post({ type: "requests/search", query: store.sentQuery });
      fetching = null;
      if (!restored) {
        restored = true; // restore the saved place once the entries it refers to exist
        if (state.selectedId) list.select(state.selectedId);
        list.scrollTo(state.scrollTop);
        if (state.openId) openDetail(state.openId, state.tab);
        return;
      }
      if (state.openId && store.entries.has(state.openId)) return openDetail(state.openId, null);
    }
    if (state.openId && (updated === "all" || updated.has(state.openId))) {
      if (store.entries.has(state.openId)) showDetail();
      else openDetail(null, null);
    }
  });
  const query = normalizeQuery(state.filter.text);
  store.search(query); // a restored body search: the snapshot's match flags answer it
  host.post(query ? { type: "ready", query } : { type: "ready" });
}
