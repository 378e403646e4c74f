// Renders a HealthSnapshot as sections of key/value tables. Every value goes in as text via el().
import { badge, dataGrid, el, type BadgeTone, type Child } from "../components";
import type { CertificateHealth, HealthSnapshot } from "../../src/shared/health";
import { formatBytes, formatDate, formatDuration } from "./format";

type Row = [label: string, ...value: Child[]];

function kv(rows: Row[], label: string): HTMLTableElement {
  return el(
    "table",
    { className: "mg-kv", attrs: { "aria-label": label } },
    el(
      "tbody",
      null,
      ...rows.map(([k, ...v]) => el("tr", null, el("th", { attrs: { scope: "row" } }, k), el("td", null, ...v))),
    ),
  );
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return el(
    "section",
    { className: "hp-section", attrs: { id: `hp-${id}`, "aria-labelledby": `hp-${id}-title` } },
    el("h2", { attrs: { id: `hp-${id}-title` } }, title),
    ...children,
  );
}

const STATE_TONE: Record<string, BadgeTone> = {
  running: "success",
  failed: "error",
  starting: "info",
  stopping: "info",
  stopped: "neutral",
};

/** The warnings worth a banner: expiring certificates, unreadable ones, a failed start. */
export function healthWarnings(h: HealthSnapshot): string[] {
  const out: string[] = [];
  for (const c of h.tls.certificates) {
    const name = c.role === "server" ? "Server certificate" : "CA certificate";
    if (c.warning) out.push(`${name}: ${c.warning}`);
    else if (c.error) out.push(`${name} unreadable: ${c.error}`);
  }
  if (h.server.lastError)
    out.push(`Server failed to start (${h.server.lastError.code}): ${h.server.lastError.message}`);
  return out;
}

function certificate(c: CertificateHealth): HTMLElement {
  const title = c.role === "server" ? "Server Certificate" : "CA Certificate";
  if (!c.info)
    return el(
      "div",
      { className: "hp-cert", attrs: { "data-cert": c.role } },
      el("h3", null, title),
      kv(
        [
          ["File", c.path],
          ["Error", el("span", { className: "mg-error" }, c.error ?? "unreadable")],
        ],
        title,
      ),
    );
  const i = c.info;
  const days = el(
    "span",
    { className: c.warning ? "hp-days mg-warning" : "hp-days", attrs: { "data-days-left": i.daysLeft } },
    String(i.daysLeft),
  );
  return el(
    "div",
    { className: "hp-cert", attrs: { "data-cert": c.role } },
    el("h3", null, title),
    kv(
      [
        ["Subject", i.subject],
        ["Issuer", i.issuer],
        ["Expires", formatDate(i.notAfter)],
        // The full warning is in the banner; a short badge keeps the table narrow.
        [
          "Days Left",
          days,
          c.warning ? " " : null,
          c.warning
            ? badge(i.daysLeft < 0 ? "expired" : "expires soon", i.daysLeft < 0 ? "error" : "warning", c.warning)
            : null,
        ],
        ["Valid From", formatDate(i.notBefore)],
        ["Alt Names", i.subjectAltNames.join(", ") || "–"],
        ["SHA-256", el("span", { className: "mg-mono hp-fingerprint" }, i.fingerprint256)],
        ["File", el("span", { className: "mg-mono" }, c.path)],
      ],
      title,
    ),
  );
}

/** Builds every section; `uptimeMs` is passed apart so the page can tick it between snapshots. */
export function renderHealth(h: HealthSnapshot, uptimeMs: number | null): HTMLElement[] {
  const s = h.server;
  const b = h.scenario.behavior;
  const uptime = el("span", { attrs: { id: "hp-uptime" } }, formatDuration(uptimeMs));
  return [
    section(
      "server",
      "Server",
      kv(
        [
          ["State", badge(s.state, STATE_TONE[s.state] ?? "neutral")],
          ["URL", s.url ?? "not listening"],
          ["Bound Address", s.boundAddress ?? "–"],
          ["Uptime", uptime],
          ["Connections", `${s.connections} of ${s.maxConnections} max`],
          ["Requests Served", String(s.requestCount)],
          [
            "Last Error",
            s.lastError ? el("span", { className: "mg-error" }, `${s.lastError.code}: ${s.lastError.message}`) : "none",
          ],
        ],
        "Server",
      ),
    ),
    section(
      "tls",
      "TLS",
      kv(
        [
          [
            "Mode",
            h.tls.mode === "mtls"
              ? "Mutual TLS: client certificate required"
              : "TLS only: client certificates not required",
          ],
        ],
        "TLS Mode",
      ),
      ...h.tls.certificates.map(certificate),
    ),
    section(
      "scenario",
      "Scenario",
      kv(
        [
          ["Active", el("strong", null, h.scenario.active)],
          ["Description", h.scenario.description || "–"],
          ["Delay", `${b.delayMs} ms`],
          ["Error Rate", `${b.errorRatePercent} % (${b.errorStatuses.join(", ")})`],
          ["Streaming", b.streamingEnabled ? "enabled" : "disabled"],
          ["Hang", b.hang ? "yes: requests never answer" : "no"],
          ["Available", h.scenario.available.join(", ")],
        ],
        "Scenario",
      ),
    ),
    section(
      "memory",
      "Server Process Memory",
      kv(
        [
          ["RSS", formatBytes(h.memory.rss)],
          ["Heap Used", `${formatBytes(h.memory.heapUsed)} of ${formatBytes(h.memory.heapTotal)}`],
          ["External", formatBytes(h.memory.external)],
        ],
        "Memory",
      ),
    ),
    section("config", "Effective Configuration", configTable(h)),
  ];
}

function configTable(h: HealthSnapshot): HTMLElement {
  return dataGrid(
    [
      { title: "Key", width: "minmax(140px, 1.2fr)", className: "mg-mono" },
      { title: "Value", width: "minmax(120px, 1.5fr)", className: "mg-mono hp-value" },
      { title: "Source", width: "minmax(90px, 0.7fr)" },
      { title: "Set By", width: "minmax(120px, 1.3fr)", className: "mg-muted hp-origin" },
    ],
    h.config.map((r) => ({
      data: { key: r.key },
      cells: [
        r.key,
        r.value === "" ? "(empty)" : r.value,
        badge(r.source, r.source === "default" ? "neutral" : "info"),
        r.origin,
      ],
    })),
    { id: "hp-config-table", className: "hp-config", label: "Effective configuration with the source of each value" },
  );
}
