// The dashboard's rate-limit card: one row per client and model, as its next x-ratelimit-* headers
// would say. Client labels come from requests (API keys, certificate CNs), so they go in as text only.
import { badge, dataGrid, el, replaceChildren } from "../components";
import type { RateLimitClientState, RateLimitSnapshot } from "../../src/shared/rateLimits";
import { formatCount } from "./format";

const COLUMNS = [
  { title: "Client", width: "minmax(120px, 2fr)", className: "mg-mono" },
  { title: "Model", width: "minmax(100px, 1.5fr)" },
  { title: "Requests Left", width: "minmax(90px, 1fr)" },
  { title: "Tokens Left", width: "minmax(110px, 1fr)" },
  { title: "Reset", width: "minmax(70px, 0.8fr)" },
  { title: "Refused", width: "minmax(60px, 0.6fr)" },
];

/** "12 / 30"; the caller marks a budget that ran out. */
function left(remaining: number, limit: number): string {
  return `${formatCount(remaining)} / ${formatCount(limit)}`;
}

function row(c: RateLimitClientState) {
  // The later of the two resets is when the client can send at full budget again.
  const reset = c.resetRequestsMs >= c.resetTokensMs ? c.resetRequests : c.resetTokens;
  return {
    data: { client: c.client.id, model: c.model },
    cells: [
      el("span", { attrs: { title: `${c.client.kind}: ${c.client.id}` } }, c.client.label),
      c.model || "–",
      el(
        "span",
        { className: c.remainingRequests <= 0 ? "mg-error" : undefined },
        left(c.remainingRequests, c.limitRequests),
      ),
      el(
        "span",
        { className: c.remainingTokens <= 0 ? "mg-error" : undefined },
        left(c.remainingTokens, c.limitTokens),
      ),
      reset,
      c.refused > 0 ? badge(formatCount(c.refused), "error") : formatCount(c.refused),
    ],
  };
}

export interface RateLimitTable {
  root: HTMLElement;
  render(snapshot: RateLimitSnapshot): void;
}

export function createRateLimitTable(): RateLimitTable {
  const summary = el("span", { className: "db-limits__summary mg-muted", attrs: { id: "db-limits-summary" } });
  const body = el("div", { className: "db-limits__body" }, el("p", { className: "mg-muted" }, "Waiting for data…"));
  const root = el(
    "section",
    { className: "db-limits", attrs: { "aria-label": "Rate Limits per Client", id: "db-limits" } },
    el("h2", null, "Rate Limits per Client ", summary),
    body,
  );
  return {
    root,
    render(s) {
      summary.textContent =
        `${s.enforced ? "enforced" : "counted only"} · default ` +
        `${formatCount(s.requestsPerMinute)} req/min, ${formatCount(s.tokensPerMinute)} tokens/min`;
      // Most recently active first: the snapshot lists least recently used first.
      const clients = [...s.clients].reverse();
      replaceChildren(
        body,
        clients.length === 0
          ? el(
              "p",
              { className: "mg-muted", attrs: { id: "db-limits-empty" } },
              "No client has spent from a budget yet.",
            )
          : dataGrid(COLUMNS, clients.map(row), { label: "Rate Limits per Client", id: "db-limits-grid" }),
      );
    },
  };
}
