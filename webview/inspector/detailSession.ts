// The open entry: which one it is, fetching its full form from the host ("requests/detail"), the
// note when the host no longer has it, and the detail's commands (copy, replay, open in editor).
import type { HostTransport } from "../transport";
import type { InspectorToHost, InspectorToPage, LogEntry } from "../../src/shared/pages/inspector/protocol";
import type { RequestSummary } from "../../src/shared/pages/inspector/protocol";
import { copyText } from "./browserActions";
import { createDetailView, type DetailTab } from "./detail/detailView";
import { toCurl } from "./model/curl";
import type { InspectorState } from "./state";
import type { EntryStore } from "./store";

export interface DetailSessionOptions {
  host: HostTransport<InspectorToPage, InspectorToHost>;
  store: EntryStore;
  state: InspectorState;
  save(): void;
  say(text: string, level?: "info" | "error"): void;
  /** The editor tab has no Close and no Open in Editor. */
  editor: boolean;
  /** After the open entry changed (or was shown again): `shown` is whether a detail is on screen. */
  onOpen(id: string | null, shown: boolean): void;
  /** Sidebar: the reader closed the detail. */
  onClose?(): void;
}

export interface DetailSession {
  element: HTMLElement;
  /** Opens `id` (null closes), fetching its full entry unless already held or asked for. */
  open(id: string | null, tab?: DetailTab | null): void;
  /** Re-renders the open entry (live updates). */
  refresh(): void;
  /** The host answered "requests/detail". */
  answered(id: string, found: boolean): void;
  /** A new host session: nothing is being fetched any more. */
  forgetFetch(): void;
}

export function createDetailSession(o: DetailSessionOptions): DetailSession {
  const { host, store, state } = o;
  /** The id whose full entry was asked for and not yet answered; the id the host said is gone. */
  let fetching: string | null = null;
  let missing: string | null = null;

  /** The open entry's full form, or null (with a status-line note) while it is still loading. */
  const full = (s: RequestSummary): LogEntry | null => {
    const e = store.detailFor(s.id);
    if (!e)
      o.say(
        missing === s.id ? "That request is no longer in the log." : "Still loading the request…",
        missing === s.id ? "error" : "info",
      );
    return e;
  };
  const copy = (text: string, what: string) => {
    if (host.environment === "vscode") return host.post({ type: "clipboard/write", text, what });
    copyText(text).then(
      () => o.say(`Copied ${what}`),
      (err: unknown) => o.say(err instanceof Error ? err.message : String(err), "error"),
    );
  };

  const view = createDetailView({
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
      if (host.environment !== "vscode") o.say(`Replaying ${e.method} ${e.path.split("?")[0]}…`);
    },
    // Only VS Code has editor tabs; /ui pages are already a browser tab of their own.
    openInEditor:
      !o.editor && host.environment === "vscode"
        ? (e) => host.post({ type: "detail/openInEditor", id: e.id })
        : undefined,
    close: o.editor ? undefined : () => (open(null), o.onClose?.()),
    onTab: (t) => {
      state.tab = t;
      o.save();
    },
  });

  function render(tab?: DetailTab): void {
    const id = state.openId;
    view.show(id ? (store.entries.get(id) ?? null) : null, id ? store.detailFor(id) : null, {
      tab,
      missing: !!id && missing === id,
    });
  }

  function open(id: string | null, tab: DetailTab | null = null): void {
    state.openId = id;
    o.save();
    if (id && store.entries.has(id) && !store.detailFor(id) && fetching !== id) {
      fetching = id;
      missing = null;
      host.post({ type: "requests/detail", id });
    }
    render(tab ?? state.tab ?? undefined);
    o.onOpen(id, !!id && store.entries.has(id));
  }

  return {
    element: view.element,
    open,
    refresh: () => render(),
    answered(id, found) {
      if (id !== fetching) return;
      fetching = null;
      missing = found ? null : id;
    },
    forgetFetch() {
      fetching = null;
    },
  };
}
