// A request's or response's part of the detail: the body first (a 400's message is what the reader
// wants), then the headers folded into a <details> whose open state survives live re-renders.
import { el } from "../../components";
import { prettyJson } from "../model/stream";

export type MessageSide = "request" | "response";

export interface MessagePartOptions {
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  side: MessageSide;
  /** Whether the headers start unfolded, and where to report the reader's toggles. */
  headersOpen: boolean;
  onHeadersToggle(open: boolean): void;
}

export function messagePart(o: MessagePartOptions): HTMLElement {
  const rows = Object.entries(o.headers);
  const headers = el(
    "details",
    {
      className: "mg-headers",
      attrs: { "data-part": `${o.side}-headers`, open: o.headersOpen },
      on: { toggle: () => o.onHeadersToggle(headers.open) },
    },
    el("summary", null, `Headers (${rows.length})`),
    rows.length ? headersTable(rows) : el("p", { className: "mg-muted" }, "No headers."),
  );
  return el(
    "div",
    { className: `mg-part mg-part--${o.side}` },
    o.truncated
      ? el("p", { className: "mg-warning" }, "Truncated in the log (logging limit); the client received all of it.")
      : null,
    o.body
      ? el("pre", { className: "mg-code", attrs: { "data-part": `${o.side}-body` } }, prettyJson(o.body))
      : el("p", { className: "mg-muted", attrs: { "data-part": `${o.side}-body` } }, "Empty body."),
    headers,
  );
}

/** Names never wrap (no "content-/type"); long values wrap anywhere. */
function headersTable(rows: Array<[string, string]>): HTMLElement {
  return el(
    "table",
    { className: "mg-kv mg-mono mg-headers__table", attrs: { "aria-label": "Headers" } },
    el(
      "tbody",
      null,
      ...rows.map(([name, value]) =>
        el("tr", null, el("th", { attrs: { scope: "row" } }, name), el("td", null, value)),
      ),
    ),
  );
}
