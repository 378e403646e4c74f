// The Stream tab: the reassembled text and tool calls, then one compact row per event (offset,
// type, delta text). A row unfolds to its raw JSON, built only when opened; which rows are open
// survives live re-renders.
import { el } from "../../components";
import { prettyJson, reassembleStream } from "../model/stream";
import { describeStreamEvent } from "../model/streamEvents";
import type { LogEntry } from "../../../src/shared/pages/inspector/protocol";

/** Events rendered in the timeline; the reassembled text still uses all of them. */
const MAX_TIMELINE_ROWS = 1000;

export interface StreamTimelineOptions {
  /** Indexes of the rows the reader unfolded (kept by the caller across renders). */
  expanded: Set<number>;
}

export function streamPart(e: LogEntry, o: StreamTimelineOptions): HTMLElement {
  const r = reassembleStream(e.chunks);
  const rows = e.chunks.slice(0, MAX_TIMELINE_ROWS);
  const unit = r.api === "responses" ? "event" : "chunk";
  return el(
    "div",
    { className: "mg-part mg-part--stream" },
    el("h3", null, "Reassembled Text"),
    el("pre", { className: "mg-code", attrs: { "data-part": "reassembled" } }, r.text || "(no content deltas)"),
    ...r.toolCalls.map((tc) =>
      el(
        "div",
        null,
        el("h3", null, `Tool Call ${tc.index}: ${tc.name ?? "?"}${tc.id ? ` (${tc.id})` : ""}`),
        el("pre", { className: "mg-code", attrs: { "data-part": "tool-arguments" } }, prettyJson(tc.arguments)),
      ),
    ),
    el(
      "p",
      { className: "mg-muted" },
      `${e.chunks.length} ${unit}(s)${r.finishReason ? ` · ${r.api === "responses" ? "status" : "finish_reason"}: ${r.finishReason}` : ""}${r.done ? (r.api === "responses" ? "" : " · [DONE]") : e.durationMs === null ? " · in flight" : ""}`,
    ),
    el("h3", null, "Events"),
    el(
      "div",
      {
        className: `mg-timeline mg-timeline--${r.api}`,
        attrs: { role: "list", "aria-label": "Stream events", "data-part": "timeline" },
      },
      ...rows.map((c, i) => eventRow(c, i, o.expanded)),
    ),
    e.chunks.length > rows.length
      ? el("p", { className: "mg-muted" }, `${e.chunks.length - rows.length} more ${unit}(s) not shown.`)
      : null,
  );
}

function eventRow(c: LogEntry["chunks"][number], index: number, expanded: Set<number>): HTMLElement {
  const line = describeStreamEvent(c);
  const raw = el("pre", { className: "mg-code mg-event__raw", attrs: { "data-part": "raw-event" } });
  const fill = () => {
    if (!raw.textContent) raw.textContent = prettyJson(c.data);
  };
  const row: HTMLDetailsElement = el(
    "details",
    {
      className: `mg-event mg-event--${line.tone}`,
      attrs: { role: "listitem", "data-index": index, open: expanded.has(index) },
      on: {
        toggle: () => {
          if (row.open) {
            expanded.add(index);
            fill();
          } else expanded.delete(index);
        },
      },
    },
    el(
      "summary",
      { attrs: { title: "Show the raw JSON" } },
      el("span", { className: "mg-event__t" }, `+${line.offsetMs} ms`),
      el("span", { className: "mg-event__type" }, line.type),
      el("span", { className: "mg-event__text" }, line.text),
    ),
    raw,
  );
  if (row.open) fill();
  return row;
}
