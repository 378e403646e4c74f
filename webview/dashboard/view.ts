// The dashboard's DOM: a toolbar, the live number cards and three chart cards. Text only, via el().
import { badge, button, el, replaceChildren, toolbar, type BadgeTone } from "../components";
import type { StatsSnapshot } from "../../src/shared/stats";
import type { DashboardServerInfo } from "../../src/shared/pages/dashboard/protocol";
import type { RateLimitSnapshot } from "../../src/shared/rateLimits";
import { formatCount, formatMs, formatRate, formatRps } from "./format";
import { createRateLimitTable } from "./rateLimitTable";

type CardKey =
  | "total"
  | "success"
  | "server-errors"
  | "client-errors"
  | "p50"
  | "p95"
  | "p99"
  | "rps"
  | "streams"
  | "tokens"
  | "inflight"
  | "tls";

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

const CARDS: Array<{
  key: CardKey;
  label: string;
  /** Says what the card counts (its title attribute). */
  hint?: string;
  value: (s: StatsSnapshot) => string;
  detail?: (s: StatsSnapshot) => string;
}> = [
  {
    key: "total",
    label: "Total Requests",
    hint: "Since the server started or the request log was last cleared: Clear Requests and Stats in the Requests view resets these statistics too",
    value: (s) => formatCount(s.total),
    detail: (s) => `${formatCount(s.completed)} completed`,
  },
  {
    key: "success",
    label: "Success Rate",
    value: (s) => formatRate(s.successRate, s.completed),
    detail: (s) => `${formatCount(s.success)} ok`,
  },
  {
    // Red only for what nobody asked for, or asked the mock to inject; a test's own bad requests are apart.
    key: "server-errors",
    label: "Server & Injected Errors",
    hint: "5xx answers, streams that failed mid-way, and faults or errors the mock injected (x-mock-fault, rules, queued faults, scenarios, rate limits)",
    value: (s) => formatRate(s.serverErrorRate, s.completed),
    detail: (s) => `${plural(s.failures.injected, "injected")} · ${plural(s.failures.server, "server error")}`,
  },
  {
    key: "client-errors",
    label: "Client Errors",
    hint: "4xx answers the request itself caused (malformed JSON, unknown model, 404…) and clients that closed early",
    value: (s) => formatRate(s.clientErrorRate, s.completed),
    detail: (s) => `${formatCount(s.failures.client)} × 4xx from requests`,
  },
  {
    key: "p50",
    label: "Latency p50",
    value: (s) => formatMs(s.latency.p50),
    detail: (s) => `${formatCount(s.latency.samples)} samples`,
  },
  { key: "p95", label: "Latency p95", value: (s) => formatMs(s.latency.p95) },
  { key: "p99", label: "Latency p99", value: (s) => formatMs(s.latency.p99) },
  {
    key: "rps",
    label: "Requests per Second",
    value: (s) => formatRps(s.requestsPerSecond),
    detail: (s) => `last ${Math.round(s.rpsWindowMs / 1000)} s`,
  },
  { key: "streams", label: "Active Streams", value: (s) => formatCount(s.activeStreams) },
  {
    key: "tokens",
    label: "Tokens Served",
    value: (s) => formatCount(s.tokens.total),
    detail: (s) => `${formatCount(s.tokens.prompt)} in · ${formatCount(s.tokens.completion)} out`,
  },
  { key: "inflight", label: "In Flight", value: (s) => formatCount(s.inFlight) },
  {
    key: "tls",
    label: "TLS Rejected",
    hint: "Handshakes the server refused (no client certificate, a foreign CA, not TLS); each has a row in the Requests view. Connections a client closed mid-handshake are counted apart: they are not refusals",
    value: (s) => formatCount(s.tlsRejected),
    detail: (s) => (s.handshakesAborted ? `${plural(s.handshakesAborted, "handshake")} abandoned by clients` : ""),
  },
];

export interface DashboardView {
  root: HTMLElement;
  canvases: {
    methods: HTMLCanvasElement;
    status: HTMLCanvasElement;
    endpoints: HTMLCanvasElement;
    latency: HTMLCanvasElement;
  };
  renderNumbers(stats: StatsSnapshot): void;
  renderServer(server: DashboardServerInfo): void;
  renderRateLimits(snapshot: RateLimitSnapshot): void;
  setPaused(paused: boolean, waiting: number): void;
  /** `resetAt`: when the statistics last went back to zero (the request log was cleared), if ever. */
  setUpdatedAt(at: number, resetAt: number | null): void;
}

export function createDashboardView(handlers: { onRefresh: () => void; onTogglePause: () => void }): DashboardView {
  const values = new Map<CardKey, { value: HTMLElement; detail: HTMLElement }>();
  const cards = CARDS.map((c) => {
    const value = el("div", { className: "db-card__value", attrs: { "data-stat": c.key } }, "–");
    const detail = el("div", { className: "db-card__detail mg-muted" });
    values.set(c.key, { value, detail });
    return el(
      "section",
      { className: "db-card", attrs: { "aria-label": c.label, title: c.hint } },
      el("div", { className: "db-card__label" }, c.label),
      value,
      detail,
    );
  });

  const serverLine = el("span", { className: "db-server", attrs: { "aria-live": "polite" } });
  const pauseButton = button({
    label: "Pause",
    title: "Pause redraws (updates keep arriving)",
    appearance: "secondary",
    onClick: handlers.onTogglePause,
    id: "db-pause",
  });
  pauseButton.setAttribute("aria-pressed", "false");
  const refreshButton = button({
    label: "Refresh",
    title: "Fetch fresh statistics now",
    // The page updates live; a manual refresh is a fallback, not the main action.
    appearance: "secondary",
    onClick: handlers.onRefresh,
    id: "db-refresh",
  });
  const statusLine = el("div", { className: "mg-status-line", attrs: { id: "db-status", role: "status" } });

  const chart = (key: string, title: string) => {
    const canvas = el("canvas", { attrs: { role: "img", "aria-label": title, id: `db-chart-${key}` } });
    return {
      canvas,
      card: el(
        "section",
        { className: `db-chart db-chart--${key}`, attrs: { "aria-label": title } },
        el("h2", null, title),
        el("div", { className: "db-chart__box" }, canvas),
      ),
    };
  };
  const methods = chart("methods", "HTTP Methods");
  const status = chart("status", "Status Codes");
  const endpoints = chart("endpoints", "Endpoints");
  const latency = chart("latency", "Latency over Time");
  const limits = createRateLimitTable();

  const root = el(
    "div",
    { className: "db" },
    toolbar(
      el("h1", { className: "db-title" }, "Dashboard"),
      serverLine,
      el("span", { className: "db-spacer" }),
      refreshButton,
      pauseButton,
    ),
    statusLine,
    el("div", { className: "db-cards" }, ...cards),
    el("div", { className: "db-charts" }, methods.card, status.card, endpoints.card, latency.card),
    limits.root,
  );

  return {
    root,
    canvases: { methods: methods.canvas, status: status.canvas, endpoints: endpoints.canvas, latency: latency.canvas },
    renderNumbers(s) {
      for (const c of CARDS) {
        const slot = values.get(c.key)!;
        slot.value.textContent = c.value(s);
        slot.detail.textContent = c.detail?.(s) ?? "";
      }
      const failures = s.failures.server + s.failures.injected;
      values.get("server-errors")!.value.classList.toggle("mg-error", failures > 0);
    },
    renderRateLimits: (snapshot) => limits.render(snapshot),
    renderServer(server) {
      const tone: BadgeTone = server.state === "running" ? "success" : server.state === "failed" ? "error" : "neutral";
      replaceChildren(
        serverLine,
        badge(server.state, tone),
        " ",
        server.url ?? "not listening",
        " · scenario ",
        el("strong", null, server.scenario),
      );
    },
    setPaused(paused, waiting) {
      pauseButton.textContent = paused ? "Resume" : "Pause";
      pauseButton.setAttribute("aria-pressed", String(paused));
      pauseButton.title = paused ? "Resume redraws and catch up" : "Pause redraws (updates keep arriving)";
      root.classList.toggle("db--paused", paused);
      if (paused)
        statusLine.textContent = waiting ? `Paused: ${waiting} update${waiting === 1 ? "" : "s"} waiting.` : "Paused.";
    },
    setUpdatedAt(at, resetAt) {
      const reset =
        resetAt === null ? "" : ` · reset at ${new Date(resetAt).toLocaleTimeString()}: the request log was cleared`;
      statusLine.textContent = `Updated ${new Date(at).toLocaleTimeString()}${reset}`;
    },
  };
}
