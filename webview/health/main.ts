// The health page: redraws from each health snapshot the host sends (every few seconds while
// visible, and on server status changes); the uptime ticks locally in between.
import "./health.css";
import { applyBrowserTheme, button, el, replaceChildren, toolbar, loadPageStyles } from "../components";
import { connectHost } from "../transport";
import type { HealthSnapshot, HealthToHost, HealthToPage } from "../../src/shared/pages/health/protocol";
import { formatDuration } from "./format";
import { healthWarnings, renderHealth } from "./view";

loadPageStyles("health");
applyBrowserTheme();
const host = connectHost<HealthToPage, HealthToHost>("health");

const statusLine = el(
  "div",
  { className: "mg-status-line", attrs: { id: "hp-status", role: "status" } },
  "Waiting for the host…",
);
const banner = el("div", { className: "hp-banner", attrs: { id: "hp-warnings", role: "alert", hidden: true } });
const content = el("div", { className: "hp-content" });
const refresh = button({
  label: "Refresh",
  title: "Read the server's health now",
  onClick: () => host.post({ type: "health/refresh" }),
  id: "hp-refresh",
});
document
  .getElementById("app")!
  .replaceChildren(
    el(
      "div",
      { className: "hp" },
      toolbar(el("h1", { className: "hp-title" }, "Health"), el("span", { className: "hp-spacer" }), refresh),
      statusLine,
      banner,
      content,
    ),
  );

let current: { health: HealthSnapshot; receivedAt: number } | null = null;

function render(health: HealthSnapshot): void {
  current = { health, receivedAt: Date.now() };
  // Keep the reader's place: the page re-renders every few seconds.
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  const focusedId = document.activeElement?.id;
  const warnings = healthWarnings(health);
  banner.hidden = warnings.length === 0;
  replaceChildren(banner, ...warnings.map((w) => el("p", null, w)));
  replaceChildren(content, ...renderHealth(health, health.server.uptimeMs));
  statusLine.textContent = `Updated ${new Date(health.at).toLocaleTimeString()}`;
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  if (focusedId) document.getElementById(focusedId)?.focus();
}

host.onMessage((msg) => {
  if (msg.type === "health/snapshot" || msg.type === "health/update") render(msg.health);
});

setInterval(() => {
  const uptime = current?.health.server.uptimeMs;
  const node = document.getElementById("hp-uptime");
  if (current && uptime != null && node) node.textContent = formatDuration(uptime + Date.now() - current.receivedAt);
}, 1000);

host.post({ type: "ready" });
