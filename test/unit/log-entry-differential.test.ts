// Log entries built by src/core/log/entry.ts (request headers copied and redacted when the entry is made)
// against the builder they replaced (frozen in test/oracle), over many generated requests: every
// snapshot a subscriber takes on each event, the final list, its HAR and JSON exports, journal
// queries and structured clones must be identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { inspect } from "node:util";
import { finishBefore, newEntryBefore } from "../oracle/logEntryBefore";
import { closeEntry, completeEntry, openEntry, type EntryEnd, type EntryStart } from "../../src/core/log/entry";
import { RequestLog } from "../../src/core/log/requestLog";
import { queryJournal } from "../../src/core/journal/query";
import { toHar, toJsonExport } from "../../src/shared/pages/inspector/har";
import type { LogEntry } from "../../src/shared/requestLog";

const COUNT = 800;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ {}":,.é東京😀\n';

function generated(i: number) {
  const r = rng(i + 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const text = (max: number) => {
    let s = "";
    const n = Math.floor(r() * max);
    for (let k = 0; k < n; k++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
    return s;
  };
  // Header values as Node's parser delivers them: no line breaks.
  const value = (max: number) => text(max).replace(/\n/g, " ");
  const h: IncomingHttpHeaders = { host: "127.0.0.1:8443", "content-type": "application/json" };
  if (r() < 0.7) h.authorization = pick(["Bearer ", "Basic ", ""]) + "sk-" + value(60);
  if (r() < 0.2) h["x-api-key"] = value(20);
  if (r() < 0.2) h["api-key"] = value(12);
  if (r() < 0.2) h.cookie = `session=${value(30)}; theme=dark`;
  if (r() < 0.3) h["x-forwarded-for"] = [value(10), value(10)] as unknown as string;
  if (r() < 0.3) h["set-cookie"] = [value(8), value(8), value(8)];
  if (r() < 0.5) h["user-agent"] = `OpenAI/JS 6.${Math.floor(r() * 50)}.0`;
  if (r() < 0.3) h[`x-custom-${Math.floor(r() * 5)}`] = value(40);
  if (r() < 0.3) h["x-mock-fault"] = pick(["429", "reset", "truncate:3", "hang"]);
  const fetchStyle = r() < 0.2;
  let headers: IncomingHttpHeaders | Headers = h;
  if (fetchStyle) {
    const f = new Headers();
    for (const [k, v] of Object.entries(h)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) if (!/[\u0100-\uffff]/.test(one)) f.append(k, one);
    }
    headers = f;
  }
  const stream = r() < 0.35;
  const start: EntryStart = {
    id: `req_${i}`,
    time: 1_735_689_600_000 + i * 7,
    client: r() < 0.8 ? { commonName: "client", fingerprint256: "AA:BB", serialNumber: "01" } : null,
    caller: { id: "cn:client", label: "client", kind: "certificate" },
    remoteAddress: "127.0.0.1",
    method: pick(["POST", "POST", "GET", "DELETE"]),
    path: pick(["/v1/chat/completions", "/v1/responses", "/v1/models/gpt-4o-mini", "/v1/nope?x=1"]),
    model: r() < 0.8 ? pick(["gpt-4o-mini", "gpt-4o", "unknown-model"]) : null,
    stream,
    scenario: pick(["normal", "fast", "flaky-stream"]),
    fault: r() < 0.2 ? "reset after 3 chunks (queued)" : null,
    rule: r() < 0.1 ? "greeting" : null,
    headers,
    body: text(r() < 0.1 ? 600 : 250),
  };
  const flow = stream ? "stream" : pick(["immediate", "immediate", "delayed", "ended"] as const);
  const chunks = stream
    ? Array.from({ length: 1 + Math.floor(r() * 40) }, (_, k) => `{"i":${k},"d":${JSON.stringify(text(20))}}`)
    : [];
  if (stream && r() < 0.8) chunks.push("[DONE]");
  const status = flow === "ended" ? 499 : pick([200, 200, 200, 400, 404, 429, 500]);
  const end: EntryEnd = {
    status,
    durationMs: Math.round(r() * 100_000) / 100,
    model: start.model,
    stream,
    scenario: start.scenario,
    fault: start.fault,
    rule: start.rule,
    headers: flow === "ended" ? {} : { "content-type": "application/json", "x-request-id": start.id },
    body:
      flow === "ended" || stream
        ? stream && r() < 0.2
          ? chunks.map((c) => `data: ${c}\n\n`).join("")
          : ""
        : text(900),
    usage: status === 200 ? { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } : null,
    error: flow === "ended" ? { code: "client_closed", message: "The client closed the connection." } : null,
  };
  const readEarly = r() < 0.3; // a subscriber reads the headers while the entry is in flight
  return { start, end, flow, chunks, readEarly };
}

type Builder = {
  open(log: RequestLog, s: EntryStart): void;
  finish(log: RequestLog, s: EntryStart, live: boolean, end: EntryEnd): void;
};

const before: Builder = {
  open: (log, s) => void log.add(newEntryBefore(s, log)),
  finish: (log, s, live, end) => finishBefore(log, s, live, end),
};
const after: Builder = {
  open: (log, s) => void log.add(openEntry(s, log.maxBodyChars)),
  finish(log, s, live, end) {
    // As Exchange.finish: either way the log keeps the finished entry packed (a stream's stays live).
    if (live) {
      log.update(s.id, (e) => closeEntry(e, end, log.maxBodyChars));
      log.settle(s.id);
    } else log.addFinished(completeEntry(s, end, log.maxBodyChars));
  },
};

/** Runs every generated request through a log built by `b`; returns what subscribers saw and the log. */
function run(b: Builder, options: ConstructorParameters<typeof RequestLog>[0]) {
  const log = new RequestLog(options);
  const seen: string[] = [];
  log.on("added", (e) => seen.push("added " + JSON.stringify(e)));
  log.on("updated", (e) => seen.push("updated " + e.id + " " + e.durationMs));
  log.on("evicted", (ids, bySize) => seen.push(`evicted ${ids.join(",")} ${bySize}`));
  for (let i = 0; i < COUNT; i++) {
    const g = generated(i);
    if (g.flow === "immediate") {
      b.finish(log, g.start, false, g.end);
      if (g.readEarly) seen.push("read " + JSON.stringify(log.get(g.start.id)));
      continue;
    }
    b.open(log, g.start);
    if (g.readEarly) seen.push("early " + JSON.stringify(log.get(g.start.id)?.request));
    g.chunks.forEach((c, k) => log.appendChunk(g.start.id, k * 20, c));
    b.finish(log, g.start, true, g.end);
    seen.push("done " + JSON.stringify(log.get(g.start.id)));
  }
  return { log, seen };
}

for (const [name, options] of [
  ["defaults", {}],
  ["small bodies, few chunks, small capacity", { capacity: 200, maxBodyChars: 200, maxChunks: 25 }],
  ["a size bound that evicts", { capacity: 1000, maxTotalChars: 60_000 }],
] as const) {
  test(`log entries are identical to the old builder's over ${COUNT} generated requests (${name})`, () => {
    const old = run(before, options);
    const now = run(after, options);
    assert.equal(now.seen.length, old.seen.length);
    for (let i = 0; i < old.seen.length; i++) assert.equal(now.seen[i], old.seen[i], `event #${i}`);
    const a = old.log.list();
    const b = now.log.list();
    assert.ok(a.length > 0);
    assert.equal(JSON.stringify(b), JSON.stringify(a));
    assert.deepEqual(structuredClone(b), structuredClone(a));
    assert.deepEqual(
      b.map((e) => ({ ...e, request: { ...e.request } })),
      a.map((e) => ({ ...e, request: { ...e.request } })),
    );
    const har = (es: LogEntry[]) => JSON.stringify(toHar(es, { serverUrl: "https://127.0.0.1:8443", version: "t" }));
    assert.equal(har(b), har(a));
    const exported = (es: LogEntry[]) => ({ ...JSON.parse(toJsonExport(es, { serverUrl: null })), exportedAt: 0 });
    assert.deepEqual(exported(b), exported(a));
    for (const headers of [[{ name: "authorization" }], [{ name: "x-mock-fault", value: "429" }], [{ name: "Cookie" }]])
      assert.equal(
        JSON.stringify(queryJournal(b, { kind: "all", headers })),
        JSON.stringify(queryJournal(a, { kind: "all", headers })),
      );
  });
}

test("a logged request's headers are a redacted copy, made once and kept", () => {
  const node: IncomingHttpHeaders = { authorization: "Bearer sk-proj-abcdefghijklmnop", "x-two": ["a", "b"] as never };
  const log = new RequestLog();
  const s = generated(0).start;
  const e = log.add(openEntry({ ...s, headers: node }, log.maxBodyChars));
  const first = e.request.headers;
  assert.equal(first.authorization, "Bearer sk-…mnop");
  assert.equal(first["x-two"], "a, b");
  assert.equal(node.authorization, "Bearer sk-proj-abcdefghijklmnop", "Node's object is left alone");
  assert.equal(e.request.headers, first, "built once");
  assert.deepEqual(Object.keys(e.request), ["headers", "body", "bodyTruncated"]);
  e.request.headers = { replaced: "yes" };
  assert.deepEqual(e.request.headers, { replaced: "yes" });
});

test("console.log shows a logged request's headers (redacted), not [Getter/Setter]", () => {
  const node: IncomingHttpHeaders = { authorization: "Bearer sk-proj-abcdefghijklmnop", "x-one": "1" };
  const log = new RequestLog();
  const unread = log.add(openEntry({ ...generated(1).start, headers: node }, log.maxBodyChars));
  const text = inspect(unread.request);
  assert.doesNotMatch(text, /Getter|Setter/, text);
  assert.match(text, /'x-one': '1'/);
  assert.match(text, /Bearer sk-…mnop/);
  assert.doesNotMatch(text, /abcdefghijkl/, "redacted as on any read");
  assert.match(inspect(unread), /'x-one': '1'/, "inside the whole entry too");

  const read = log.add(openEntry({ ...generated(2).start, headers: node }, log.maxBodyChars));
  const headers = read.request.headers;
  const own = Object.getOwnPropertyDescriptor(read.request, "headers")!;
  assert.equal(own.value, headers, "a plain data property once read");
  assert.doesNotMatch(inspect(read.request), /Getter|Setter/);
  assert.deepEqual(Object.keys(read.request), ["headers", "body", "bodyTruncated"]);
  assert.deepEqual(structuredClone(unread.request).headers, unread.request.headers);
});
