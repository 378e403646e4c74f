// A refused TLS handshake has no request: its detail is where it came from and why it failed.
import { el } from "../../components";
import type { RequestSummary } from "../../../src/shared/pages/inspector/protocol";

export function tlsSummary(e: RequestSummary): HTMLElement {
  return el(
    "table",
    { className: "mg-kv" },
    el(
      "tbody",
      null,
      el("tr", null, el("th", null, "Remote Address"), el("td", { className: "mg-mono" }, e.remoteAddress)),
      el("tr", null, el("th", null, "Time"), el("td", null, new Date(e.time).toISOString())),
      el("tr", null, el("th", null, "Error Code"), el("td", { className: "mg-mono" }, e.error?.code ?? "")),
      el("tr", null, el("th", null, "Message"), el("td", { className: "mg-error" }, e.error?.message ?? "")),
    ),
  );
}
