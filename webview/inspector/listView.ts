// The request list: a virtual list with one fixed-height row per entry (newest first).
import { el, replaceChildren, virtualList, type VirtualList } from "../components";
import { failedAfterHeaders, formatDuration, formatTime, statusLabel, statusTone } from "./format";
import type { RequestSummary } from "../../src/shared/pages/inspector/protocol";
import { displayPath } from "../../src/shared/pages/inspector/query";

export const ROW_HEIGHT = 22;

const COLUMNS = ["Time", "Method", "Path", "Status", "Duration", "Model", "Stream", "Client"];
const CELL = ["time", "method", "path", "status", "duration", "model", "stream", "client"];

export interface ListViewOptions {
  onSelect(id: string | null): void;
  onActivate(id: string): void;
  onScroll(top: number): void;
}

export function createListView(o: ListViewOptions): VirtualList<RequestSummary> {
  const header = el(
    "div",
    { className: "mg-req-row mg-req-header", attrs: { "aria-hidden": "true" } },
    ...COLUMNS.map((c, i) => el("span", { className: `mg-c-${CELL[i]}` }, c)),
  );
  return virtualList<RequestSummary>({
    rowHeight: ROW_HEIGHT,
    label: "Requests",
    key: (e) => e.id,
    header,
    renderRow: renderRequestRow,
    onSelect: o.onSelect,
    onActivate: o.onActivate,
    onScroll: o.onScroll,
  });
}

export function renderRequestRow(row: HTMLElement, e: RequestSummary): void {
  row.classList.add("mg-req-row");
  row.classList.toggle("mg-req-row--tls", e.kind === "tls-rejected");
  const tone = statusTone(e);
  if (e.kind === "tls-rejected") {
    row.removeAttribute("data-stream");
    row.title = `TLS handshake refused from ${e.remoteAddress}: ${e.error?.message ?? ""}`;
    replaceChildren(
      row,
      el("span", { className: "mg-c-time" }, formatTime(e.time)),
      el("span", { className: "mg-c-method" }, "TLS"),
      el(
        "span",
        { className: "mg-c-path mg-error" },
        `handshake refused: ${e.error?.message ?? e.error?.code ?? "unknown"}`,
      ),
      el("span", { className: `mg-c-status mg-tone-${tone}` }, "TLS"),
      el("span", { className: "mg-c-duration" }, ""),
      el("span", { className: "mg-c-model" }, ""),
      el("span", { className: "mg-c-stream" }, ""),
      el("span", { className: "mg-c-client" }, e.remoteAddress),
    );
    return;
  }
  const control = [e.fault && `fault: ${e.fault}`, e.rule && `rule: ${e.rule}`].filter(Boolean).join(" · ");
  const failed = failedAfterHeaders(e) ? ` · failed: ${e.error?.message ?? e.error?.code ?? ""}` : "";
  const path = displayPath(e.path);
  row.title = `${e.method} ${path}${e.stream ? " (streamed)" : ""} · scenario: ${e.scenario}${control ? ` · ${control}` : ""}${failed}`;
  row.toggleAttribute("data-stream", e.stream); // lets the narrow layout mark streams once the SSE column is hidden
  replaceChildren(
    row,
    el("span", { className: "mg-c-time" }, formatTime(e.time)),
    el("span", { className: "mg-c-method" }, e.method),
    el(
      "span",
      { className: "mg-c-path" },
      path,
      ...(control ? [" ", el("span", { className: "mg-c-fault mg-tone-warning" }, e.fault ?? `rule ${e.rule}`)] : []),
    ),
    el("span", { className: `mg-c-status mg-tone-${tone}` }, statusLabel(e)),
    el("span", { className: "mg-c-duration" }, formatDuration(e.durationMs)),
    el("span", { className: "mg-c-model" }, e.model ?? ""),
    el("span", { className: "mg-c-stream" }, e.stream ? "SSE" : ""),
    el("span", { className: "mg-c-client" }, e.clientCn ?? ""),
  );
}
