// The detail of one entry, one render for the sidebar and the editor tab: head, actions, then tabs
// for the request and response (body first, headers folded) and a stream's compact event timeline,
// or a refused handshake's summary. Every request-derived string goes in as text. The head and tabs
// render from the list's summary at once; bodies fill in when the host sends the full entry.
import { el, replaceChildren, tabs, type Tabs } from "../../components";
import { detailActions, detailHead, type DetailActions } from "./detailHead";
import { messagePart, type MessageSide } from "./messagePart";
import { streamPart } from "./streamTimeline";
import { tlsSummary } from "./tlsSummary";
import type { LogEntry, RequestSummary } from "../../../src/shared/pages/inspector/protocol";

export type { DetailActions };
export type DetailTab = "request" | "response" | "stream" | "summary";

export interface DetailView {
  element: HTMLElement;
  /** `entry`: the full entry once fetched; `missing`: the host no longer has it. */
  show(summary: RequestSummary | null, entry: LogEntry | null, o?: { tab?: DetailTab; missing?: boolean }): void;
  readonly tab: DetailTab;
}

export function createDetailView(actions: DetailActions & { onTab(tab: DetailTab): void }): DetailView {
  const element = el("section", { className: "mg-detail", attrs: { "aria-label": "Request detail", hidden: true } });
  let current: Tabs<DetailTab> | null = null;
  let lastTab: DetailTab = "response";
  /** What the reader unfolded, kept while the same entry re-renders (live updates). */
  let unfoldedFor: string | null = null;
  const headersOpen: Record<MessageSide, boolean> = { request: false, response: false };
  let expandedEvents = new Set<number>();

  function show(e: RequestSummary | null, full: LogEntry | null, o: { tab?: DetailTab; missing?: boolean } = {}): void {
    if (!e) {
      element.hidden = true;
      replaceChildren(element);
      current = null;
      return;
    }
    if (unfoldedFor !== e.id) {
      unfoldedFor = e.id;
      expandedEvents = new Set();
    }
    const scroll = element.querySelector(".mg-tabpanel")?.scrollTop ?? 0;
    const wanted = o.tab ?? current?.active ?? lastTab;
    element.hidden = false;
    const part = (side: MessageSide) => () => {
      if (!full) return placeholder(o.missing);
      const m = full[side];
      // "Streaming…" only while in flight: a finished stream with no body sent no events at all.
      if (side === "response" && full.stream && !m.body)
        return full.durationMs === null ? streamPending() : streamEmpty(full);
      return messagePart({
        headers: m.headers,
        body: m.body,
        truncated: m.bodyTruncated,
        side,
        headersOpen: headersOpen[side],
        onHeadersToggle: (open) => (headersOpen[side] = open),
      });
    };
    const specs =
      e.kind === "tls-rejected"
        ? [{ key: "summary" as const, label: "Handshake", render: () => tlsSummary(e) }]
        : [
            { key: "request" as const, label: "Request", render: part("request") },
            { key: "response" as const, label: "Response", render: part("response") },
            ...(e.stream
              ? [
                  {
                    key: "stream" as const,
                    label: `Stream (${full?.chunks.length ?? e.chunkCount})`,
                    render: () => (full ? streamPart(full, { expanded: expandedEvents }) : placeholder(o.missing)),
                  },
                ]
              : []),
          ];
    current = tabs<DetailTab>(specs, wanted, (t) => {
      lastTab = t;
      actions.onTab(t);
    });
    replaceChildren(element, detailHead(e, actions.close), detailActions(e, actions), current.element);
    const panel = element.querySelector(".mg-tabpanel");
    if (panel && !o.tab) panel.scrollTop = scroll; // live updates keep the reader's place
  }

  return {
    element,
    show,
    get tab() {
      return current?.active ?? lastTab;
    },
  };
}

function placeholder(missing = false): HTMLElement {
  return el(
    "p",
    { className: "mg-muted", attrs: { "data-part": missing ? "missing" : "loading" } },
    missing ? "This request is no longer in the log." : "Loading…",
  );
}

function streamPending(): HTMLElement {
  return el("p", { className: "mg-muted" }, "Streaming… see the Stream tab for the chunks received so far.");
}

function streamEmpty(e: LogEntry): HTMLElement {
  const why = e.fault ? ` (fault: ${e.fault})` : e.error ? ` (${e.error.message})` : "";
  return el(
    "p",
    { className: "mg-muted", attrs: { "data-part": "stream-empty" } },
    `The stream ended without sending any events${why}.`,
  );
}
