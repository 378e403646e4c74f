// The rows of "Mock GPT: Inject Fault…": each catalogue fault with what the client will see.
// Pure (no vscode), so the list and its wording are unit-tested.

export interface FaultPick {
  /** The fault's spelling for server.faults.queue (same as x-mock-fault). */
  spec: string;
  label: string;
  description: string;
}

export const FAULT_PICKS: readonly FaultPick[] = [
  { spec: "429", label: "429 rate_limit_exceeded", description: "with retry-after: SDKs wait and retry" },
  { spec: "429:quota", label: "429 insufficient_quota", description: "not retried (x-should-retry: false)" },
  { spec: "500", label: "500 server_error", description: "retried by the SDKs" },
  { spec: "502", label: "502 Bad gateway", description: "Cloudflare's cf_bad_gateway" },
  { spec: "503", label: "503 overloaded", description: "model overloaded, retry-after 1 s" },
  { spec: "504", label: "504 Gateway timeout", description: "Cloudflare's cf_gateway_timeout" },
  { spec: "400", label: "400 invalid_request_error", description: "unparseable body" },
  { spec: "401", label: "401 invalid_api_key", description: "incorrect API key" },
  { spec: "403", label: "403 unsupported_country_region_territory", description: "request_forbidden" },
  { spec: "404", label: "404 model_not_found", description: "the model does not exist" },
  { spec: "409", label: "409 conflict", description: "another request holds the resource" },
  { spec: "422", label: "422 unprocessable_entity", description: "well-formed but not processable" },
  { spec: "reset", label: "Connection reset", description: "before any byte: APIConnectionError" },
  { spec: "hang", label: "Hang", description: "never answers until the client times out" },
  { spec: "slow-headers:5000", label: "Slow headers", description: "headers after 5 s" },
  { spec: "truncate:3", label: "Stream reset after 3 chunks", description: "no [DONE], connection broken" },
  { spec: "truncate:3:done", label: "Stream [DONE] after 3 chunks", description: "ends cleanly, answer cut short" },
  { spec: "truncate:3:eof", label: "Stream ends after 3 chunks", description: "clean end without [DONE]" },
  { spec: "error-event:2", label: "Error event mid-stream", description: "data: {error} after 2 chunks" },
  { spec: "malformed:2", label: "Malformed chunk", description: "broken JSON after 2 chunks" },
];

/** "1" → 1; anything but a whole number 1–1000 is an error message for the input box. */
export function validateCount(text: string): string | undefined {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 1000
    ? undefined
    : "A whole number from 1 to 1000";
}

/** The confirmation shown after queueing. */
export function queuedMessage(label: string, count: number, pending: number): string {
  const next = count === 1 ? "the next request" : `the next ${count} requests`;
  return `Mock GPT: ${label} queued for ${next}${pending > 1 ? ` (${pending} queued faults in all)` : ""}.`;
}
