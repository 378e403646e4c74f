// The detail's head (status badge, method and path, timing, scenario) and its action bar. In the
// editor tab there is no Close (×) and no Open in Editor: the tab itself is both.
import { badge, button, el, toolbar } from "../../components";
import { formatDuration, formatTime, statusLabel, statusTone } from "../format";
import type { RequestSummary } from "../../../src/shared/pages/inspector/protocol";
import { displayPath } from "../../../src/shared/pages/inspector/query";

export interface DetailActions {
  copyCurl(s: RequestSummary): void;
  copyResponse(s: RequestSummary): void;
  replay(s: RequestSummary): void;
  /** Sidebar only: the same detail in an editor tab beside the code. */
  openInEditor?(s: RequestSummary): void;
  /** Sidebar only. */
  close?(): void;
}

export function detailHead(e: RequestSummary, close?: () => void): HTMLElement {
  return el(
    "div",
    { className: "mg-detail__head" },
    badge(statusLabel(e, { long: true }), statusTone(e)),
    el(
      "span",
      { className: "mg-detail__title mg-mono" },
      e.kind === "tls-rejected" ? `TLS handshake from ${e.remoteAddress}` : `${e.method} ${displayPath(e.path)}`,
    ),
    close
      ? button({
          label: "×",
          title: "Close Detail (Escape)",
          appearance: "icon",
          onClick: close,
          id: "close-detail",
        })
      : null,
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
}

export function detailActions(e: RequestSummary, a: DetailActions): HTMLElement {
  const http = e.kind === "http";
  return toolbar(
    ...(http
      ? [
          button({ label: "Copy as cURL", appearance: "secondary", onClick: () => a.copyCurl(e), id: "copy-curl" }),
          button({
            label: "Copy Response",
            appearance: "secondary",
            onClick: () => a.copyResponse(e),
            id: "copy-response",
          }),
          button({ label: "Replay", appearance: "secondary", onClick: () => a.replay(e), id: "replay" }),
        ]
      : []),
    ...(a.openInEditor
      ? [
          button({
            label: "Open in Editor",
            title: "Open this request's detail in an editor tab beside the code",
            appearance: "secondary",
            onClick: () => a.openInEditor!(e),
            id: "open-in-editor",
          }),
        ]
      : []),
  );
}
