// Log entries for the inspector's browser and unit tests.
import type { LogEntry } from "../../src/shared/requestLog";

let seq = 0;

export function httpEntry(over: Partial<LogEntry> = {}): LogEntry {
  seq++;
  return {
    id: `req_${String(seq).padStart(6, "0")}`,
    seq,
    kind: "http",
    time: Date.UTC(2025, 0, 2, 10, 0, 0) + seq * 1000,
    durationMs: 12,
    client: { commonName: "mock-gpt-client", fingerprint256: "AA:BB", serialNumber: "01" },
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    status: 200,
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    request: {
      headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
      body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}',
      bodyTruncated: false,
    },
    response: {
      headers: { "content-type": "application/json", "x-request-id": "x" },
      body: '{"id":"chatcmpl-1","choices":[{"message":{"content":"Hello there"}}]}',
      bodyTruncated: false,
    },
    chunks: [],
    usage: null,
    error: null,
    ...over,
  };
}

export function tlsEntry(over: Partial<LogEntry> = {}): LogEntry {
  return httpEntry({
    kind: "tls-rejected",
    method: "",
    path: "",
    status: null,
    model: null,
    client: null,
    durationMs: null,
    remoteAddress: "127.0.0.9",
    request: { headers: {}, body: "", bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    error: { code: "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE", message: "peer did not return a certificate" },
    ...over,
  });
}

const delta = (content: string, extra: object = {}) =>
  JSON.stringify({
    id: "chatcmpl-s",
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta: { content }, finish_reason: null, ...extra }],
  });

export function streamEntry(over: Partial<LogEntry> = {}): LogEntry {
  const chunks = [
    {
      t: 5,
      data: JSON.stringify({ choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] }),
    },
    { t: 9, data: delta("Streamed ") },
    { t: 14, data: delta("hello ") },
    { t: 20, data: delta("world.") },
    { t: 22, data: JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }) },
    { t: 23, data: "[DONE]" },
  ];
  return httpEntry({
    stream: true,
    durationMs: 23,
    chunks,
    response: {
      headers: { "content-type": "text/event-stream" },
      body: chunks.map((c) => `data: ${c.data}\n\n`).join(""),
      bodyTruncated: false,
    },
    request: {
      headers: { "content-type": "application/json" },
      body: '{"model":"gpt-4o-mini","stream":true,"messages":[]}',
      bodyTruncated: false,
    },
    ...over,
  });
}

export const XSS = {
  script: "<script>window.__xss=1</script>",
  img: '<img src=x onerror="window.__xss=1">',
  link: "javascript:window.__xss=1",
};

export function xssEntry(): LogEntry {
  return httpEntry({
    path: `/v1/${XSS.script}?next=${XSS.link}`,
    model: XSS.img,
    client: { commonName: XSS.img, fingerprint256: "x", serialNumber: "x" },
    request: {
      headers: { "x-evil": XSS.img, "x-link": XSS.link },
      body: JSON.stringify({ content: `${XSS.script} ${XSS.img} <a href="${XSS.link}">click</a>` }),
      bodyTruncated: false,
    },
    response: { headers: { "x-evil": XSS.script }, body: `not json ${XSS.img} ${XSS.script}`, bodyTruncated: false },
  });
}
