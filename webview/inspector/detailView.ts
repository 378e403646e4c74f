// The detail of one entry: headers and bodies (pretty JSON, as text), a stream's chunk timeline and
// reassembled text, or a refused handshake's error. Every request-derived string goes in as text.
// The head and tabs render from the list's summary at once; bodies fill in when the host sends the
// full entry (null until then).
import { badge, button, dataGrid, el, replaceChildren, tabs, toolbar, type Tabs } from "../components";
import { formatDuration, formatTime, statusLabel, statusTone } from "./format";
import { prettyJson, reassembleStream } from "./model/stream";
import type { LogEntry, RequestSummary } from "../../src/shared/pages/inspector/protocol";

export type DetailTab = "request" | "response" | "stream" | "summary";

/** Chunks rendered in the timeline; the reassembled text still uses all of them. */
const MAX_TIMELINE_ROWS = 1000;

export interface DetailActions {
  copyCurl(s: RequestSummary): void;
  copyResponse(s: RequestSummary): void;
  replay(s: RequestSummary): void;
  close(): void;
  onTab(tab: DetailTab): void;
}

export interface DetailView {
  element: HTMLElement;
  /** `entry`: the full entry once fetched; `missing`: the host no longer has it. */
  show(summary: RequestSummary | null, entry: LogEntry | null, o?: { tab?: DetailTab; missing?: boolean }): void;
  readonly tab: DetailTab;
}

export function createDetailView(actions: DetailActions): DetailView {
  const element = el("section", { className: "mg-detail", attrs: { "aria-label": "Request detail", hidden: true } });
  let current: Tabs<DetailTab> | null = null;
  let lastTab: DetailTab = "response";

  function show(e: RequestSummary | null, full: LogEntry | null, o: { tab?: DetailTab; missing?: boolean } = {}): void {
    const tab = o.tab;
    if (!e) {
      element.hidden = true;
      replaceChildren(element);
      current = null;
      return;
    }
    const scroll = element.querySelector(".mg-tabpanel")?.scrollTop ?? 0;
    const wanted = tab ?? current?.active ?? lastTab;
    element.hidden = false;
    const specs =
      e.kind === "tls-rejected"
        ? [{ key: "summary" as const, label: "Handshake", render: () => tlsSummary(e) }]
        : [
            {
              key: "request" as const,
              label: "Request",
              render: () =>
                full
                  ? messagePart(full.request.headers, full.request.body, full.request.bodyTruncated, "request")
                  : placeholder(o.missing),
            },
            {
              key: "response" as const,
              label: "Response",
              render: () =>
                !full
                  ? placeholder(o.missing)
                  : full.stream && !full.response.body
                    ? streamPending()
                    : messagePart(full.response.headers, full.response.body, full.response.bodyTruncated, "response"),
            },
            ...(e.stream
              ? [
                  {
                    key: "stream" as const,
                    label: `Stream (${full?.chunks.length ?? e.chunkCount})`,
                    render: () => (full ? streamPart(full) : placeholder(o.missing)),
                  },
                ]
              : []),
          ];
    current = tabs<DetailTab>(specs, wanted, (t) => {
      lastTab = t;
      actions.onTab(t);
    });
    const head = el(
      "div",
      { className: "mg-detail__head" },
      badge(statusLabel(e, { long: true }), statusTone(e)),
      el(
        "span",
        { className: "mg-detail__title mg-mono" },
        e.kind === "tls-rejected" ? `TLS handshake from ${e.remoteAddress}` : `${e.method} ${e.path}`,
      ),
      el(
        "span",
        { className: "mg-muted" },
        `${formatTime(e.time)} · ${formatDuration(e.durationMs)}${e.model ? ` · ${e.model}` : ""}${e.clientCn ? ` · CN=${e.clientCn}` : ""}`,
      ),
      ...(e.kind === "http"
        ? [
            el(
              "span",
              { className: "mg-muted mg-detail__control" },
              `scenario: ${e.scenario}${e.fault ? ` · fault: ${e.fault}` : ""}${e.rule ? ` · rule: ${e.rule}` : ""}`,
            ),
          ]
        : []),
    );
    const bar =
      e.kind === "http"
        ? toolbar(
            button({
              label: "Copy as curl",
              appearance: "secondary",
              onClick: () => actions.copyCurl(e),
              id: "copy-curl",
            }),
            button({
              label: "Copy response",
              appearance: "secondary",
              onClick: () => actions.copyResponse(e),
              id: "copy-response",
            }),
            button({ label: "Replay", appearance: "secondary", onClick: () => actions.replay(e), id: "replay" }),
            button({
              label: "Close",
              title: "Close detail (Escape)",
              appearance: "secondary",
              onClick: actions.close,
              id: "close-detail",
            }),
          )
        : toolbar(
            button({
              label: "Close",
              title: "Close detail (Escape)",
              appearance: "secondary",
              onClick: actions.close,
              id: "close-detail",
            }),
          );
    replaceChildren(element, head, bar, current.element);
    const panel = element.querySelector(".mg-tabpanel");
    if (panel && !tab) panel.scrollTop = scroll; // live updates keep the reader's place
  }

  return {
    element,
    show,
    get tab() {
      return current?.active ?? lastTab;
    },
  };
}

function headersTable(headers: Record<string, string>): HTMLElement {
  const rows = Object.entries(headers);
  if (!rows.length) return el("p", { className: "mg-muted" }, "No headers.");
  return dataGrid(
    [
      { title: "Name", width: "minmax(120px, 1fr)", className: "mg-mono" },
      { title: "Value", width: "2.5fr", className: "mg-mono" },
    ],
    rows,
    { label: "Headers" },
  );
}

function messagePart(headers: Record<string, string>, body: string, truncated: boolean, which: string): HTMLElement {
  return el(
    "div",
    { className: `mg-part mg-part--${which}` },
    el("h3", null, "Headers"),
    headersTable(headers),
    el("h3", null, "Body"),
    truncated
      ? el("p", { className: "mg-warning" }, "Truncated in the log (logging limit); the client received all of it.")
      : null,
    body
      ? el("pre", { className: "mg-code", attrs: { "data-part": `${which}-body` } }, prettyJson(body))
      : el("p", { className: "mg-muted" }, "Empty body."),
  );
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

function streamPart(e: LogEntry): HTMLElement {
  const r = reassembleStream(e.chunks);
  const rows = e.chunks.slice(0, MAX_TIMELINE_ROWS);
  return el(
    "div",
    { className: "mg-part mg-part--stream" },
    el("h3", null, "Reassembled text"),
    el("pre", { className: "mg-code", attrs: { "data-part": "reassembled" } }, r.text || "(no content deltas)"),
    ...r.toolCalls.map((tc) =>
      el(
        "div",
        null,
        el("h3", null, `Tool call ${tc.index}: ${tc.name ?? "?"}${tc.id ? ` (${tc.id})` : ""}`),
        el("pre", { className: "mg-code", attrs: { "data-part": "tool-arguments" } }, prettyJson(tc.arguments)),
      ),
    ),
    el(
      "p",
      { className: "mg-muted" },
      `${e.chunks.length} ${r.api === "responses" ? "event" : "chunk"}(s)${r.finishReason ? ` · ${r.api === "responses" ? "status" : "finish_reason"}: ${r.finishReason}` : ""}${r.done ? (r.api === "responses" ? "" : " · [DONE]") : e.durationMs === null ? " · in flight" : ""}`,
    ),
    el("h3", null, "Chunk timeline"),
    el(
      "table",
      { className: "mg-kv mg-mono mg-timeline" },
      el(
        "tbody",
        null,
        ...rows.map((c) =>
          el("tr", null, el("th", { attrs: { scope: "row" } }, `+${Math.round(c.t)} ms`), el("td", null, c.data)),
        ),
      ),
    ),
    e.chunks.length > rows.length
      ? el("p", { className: "mg-muted" }, `${e.chunks.length - rows.length} more chunk(s) not shown.`)
      : null,
  );
}

function tlsSummary(e: RequestSummary): HTMLElement {
  return el(
    "table",
    { className: "mg-kv" },
    el(
      "tbody",
      null,
      el("tr", null, el("th", null, "Remote address"), el("td", { className: "mg-mono" }, e.remoteAddress)),
      el("tr", null, el("th", null, "Time"), el("td", null, new Date(e.time).toISOString())),
      el("tr", null, el("th", null, "Error code"), el("td", { className: "mg-mono" }, e.error?.code ?? "")),
      el("tr", null, el("th", null, "Message"), el("td", { className: "mg-error" }, e.error?.message ?? "")),
    ),
  );
}
