// The inspector's host side without VS Code: batching of log events and the page controller.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { RequestLog } from "../../src/core/log/requestLog";
import type { LogEntry } from "../../src/shared/requestLog";
import type { ServerStatus } from "../../src/core/server/types";
import { batchRequestEvents } from "../../src/core/pages/inspector/requestBatcher";
import { completeEntry } from "../../src/core/log/entry";
import { createInspectorController } from "../../src/core/pages/inspector/controller";
import type { InspectorToPage, RequestSummary } from "../../src/shared/pages/inspector/protocol";
import { httpEntry, streamEntry } from "../browser/inspectorFixtures";

const add = (log: RequestLog, over: Partial<LogEntry> = {}) => {
  const { seq: _seq, ...e } = httpEntry(over);
  return log.add(e);
};

describe("batchRequestEvents", () => {
  test("a burst of 1,000 requests reaches the page as one message", async () => {
    const log = new RequestLog({ capacity: 5000 });
    const sent: InspectorToPage[] = [];
    const b = batchRequestEvents(log, (m) => sent.push(m), { intervalMs: 20 });
    for (let i = 0; i < 1000; i++) {
      const e = add(log);
      log.update(e.id, (x) => (x.status = 201));
    }
    assert.equal(sent.length, 0, "nothing before the interval");
    await sleep(60);
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/added"],
    );
    const added = sent[0] as Extract<InspectorToPage, { type: "requests/added" }>;
    assert.equal(added.entries.length, 1000);
    assert.equal(added.entries[0]!.status, 201, "sends the latest state");
    b.dispose();
  });

  test("an entry the log keeps packed, changed before the flush, goes out changed", () => {
    const log = new RequestLog();
    const sent: InspectorToPage[] = [];
    const b = batchRequestEvents(log, (m) => sent.push(m), { intervalMs: 1000 });
    const { seq: _seq, request, response, ...e } = httpEntry({ id: "packed", status: 200, durationMs: 3 });
    const start = { ...e, caller: { id: "cn:c", label: "c", kind: "certificate" as const }, fault: null, rule: null };
    const end = {
      ...start,
      status: 200,
      durationMs: 3,
      headers: response.headers,
      body: response.body,
      usage: null,
      error: null,
    };
    log.addFinished(completeEntry({ ...start, headers: request.headers, body: request.body }, end, log.maxBodyChars));
    log.update("packed", (x) => (x.status = 499)); // rebuilt from its packed form: a new object
    b.flush();
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/added"],
    );
    assert.equal((sent[0] as { entries: RequestSummary[] }).entries[0]!.status, 499);
    b.dispose();
  });

  test("orders cleared → evicted → added → updated and drops what never reached the page", () => {
    const log = new RequestLog({ capacity: 2 });
    const sent: InspectorToPage[] = [];
    const b = batchRequestEvents(log, (m) => sent.push(m), { intervalMs: 1000 });
    const a = add(log);
    b.flush();
    sent.length = 0;
    log.update(a.id, (x) => (x.durationMs = 5));
    const n1 = add(log);
    const n2 = add(log); // evicts a (sent before) …
    add(log); // … and n1 (never sent)
    b.flush();
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/evicted", "requests/added"],
    );
    assert.deepEqual((sent[0] as { ids: string[] }).ids, [a.id]);
    assert.deepEqual((sent[1] as { entries: RequestSummary[] }).entries.map((e) => e.id).includes(n1.id), false);
    assert.ok((sent[1] as { entries: RequestSummary[] }).entries.some((e) => e.id === n2.id));
    sent.length = 0;
    add(log);
    log.clear();
    add(log);
    b.flush();
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/cleared", "requests/added"],
    );
    b.dispose();
    add(log);
    b.flush();
    assert.equal(sent.length, 2, "disposed: no more messages");
  });
});

describe("inspector controller", () => {
  const status = (url: string | null): ServerStatus => ({
    state: url ? "running" : "stopped",
    url,
    host: null,
    port: null,
    startedAt: null,
    connections: 0,
    requestCount: 0,
    scenario: "normal",
    mtls: true,
    lastError: null,
  });

  function setup(extra: Partial<Parameters<typeof createInspectorController>[1]> = {}) {
    const log = new RequestLog();
    const sent: InspectorToPage[] = [];
    const c = createInspectorController((m) => sent.push(m), {
      log,
      status: () => status(null),
      clientTls: () => ({ caPath: "ca", certPath: "cert", keyPath: "key" }),
      batchMs: 5,
      ...extra,
    });
    return { log, sent, c };
  }

  test("answers ready with a snapshot and context, then forwards deltas", async () => {
    const { log, sent, c } = setup({ status: () => status("https://127.0.0.1:1") });
    add(log);
    await c.onMessage({ type: "ready" });
    assert.equal(sent[0]!.type, "requests/snapshot");
    const snap = sent[0] as Extract<InspectorToPage, { type: "requests/snapshot" }>;
    assert.equal(snap.entries.length, 1);
    assert.deepEqual(snap.context, {
      serverUrl: "https://127.0.0.1:1",
      clientTls: { caPath: "ca", certPath: "cert", keyPath: "key" },
      capacity: 1000,
    });
    add(log);
    await sleep(30);
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/snapshot", "requests/added"],
    );
    c.dispose();
    add(log);
    await sleep(30);
    assert.equal(sent.length, 2);
  });

  test("no deltas before ready; clear empties the log; invalid messages are ignored", async () => {
    const { log, sent, c } = setup();
    add(log);
    await sleep(20);
    assert.equal(sent.length, 0);
    await c.onMessage({ type: "requests/replay" }); // missing id
    await c.onMessage({ type: "nonsense" });
    assert.equal(sent.length, 0);
    await c.onMessage({ type: "requests/clear" });
    assert.equal(log.size, 0);
  });

  test("export hands HAR or JSON of the requested ids to the host's save function", async () => {
    let saved: { content: string; name: string; format: string } | null = null;
    const { log, sent, c } = setup({
      saveExport: async (content, name, format) => ((saved = { content, name, format }), "out.har"),
    });
    const a = add(log);
    add(log);
    await c.onMessage({ type: "requests/export", format: "har", ids: [a.id] });
    assert.ok(saved);
    const s = saved as { content: string; name: string; format: string };
    assert.equal(s.format, "har");
    assert.match(s.name, /\.har$/);
    assert.equal(JSON.parse(s.content).log.entries.length, 1);
    assert.deepEqual(sent.at(-1), {
      type: "inspector/notice",
      level: "info",
      text: "Exported 1 request to out.har",
    });
  });

  test("clipboard writes go to the host; replay reports why it cannot run", async () => {
    const copied: string[] = [];
    const { log, sent, c } = setup({ writeClipboard: async (t) => void copied.push(t) });
    await c.onMessage({ type: "clipboard/write", text: "curl …", what: "curl command" });
    assert.deepEqual(copied, ["curl …"]);
    assert.deepEqual(sent.at(-1), { type: "inspector/notice", level: "info", text: "Copied curl command" });
    await c.onMessage({ type: "requests/replay", id: "gone" });
    assert.match((sent.at(-1) as { text: string }).text, /no longer in the log/);
    const e = add(log);
    await c.onMessage({ type: "requests/replay", id: e.id });
    assert.match((sent.at(-1) as { text: string }).text, /not running/);
  });
});

describe("inspector controller: summaries and detail on demand", () => {
  const status = (url: string | null): ServerStatus => ({
    state: url ? "running" : "stopped",
    url,
    host: null,
    port: null,
    startedAt: null,
    connections: 0,
    requestCount: 0,
    scenario: "normal",
    mtls: true,
    lastError: null,
  });
  const MB = "x".repeat(1_000_000);
  const of = <T extends InspectorToPage["type"]>(sent: InspectorToPage[], type: T) =>
    sent.filter((m): m is Extract<InspectorToPage, { type: T }> => m.type === type);

  function setup(
    log = new RequestLog({ maxBodyChars: 2_000_000, maxTotalChars: 1e9 }),
    extra: Partial<Parameters<typeof createInspectorController>[1]> = {},
  ) {
    const sent: InspectorToPage[] = [];
    const wire: number[] = []; // bytes as a transport serializes them, at post time (entries are live objects)
    const c = createInspectorController((m) => (sent.push(m), wire.push(JSON.stringify(m).length)), {
      log,
      status: () => status("https://127.0.0.1:1"),
      clientTls: () => null,
      batchMs: 5,
      ...extra,
    });
    return { log, sent, c, wire };
  }
  const bigEntry = (log: RequestLog, i: number) =>
    add(log, {
      path: `/v1/chat/completions?n=${i}`,
      request: { headers: { "content-type": "application/json" }, body: MB, bodyTruncated: false },
      response: { headers: {}, body: MB, bodyTruncated: false },
    });

  test("the snapshot and deltas of entries with 1 MB bodies stay under 2 KB per entry", async () => {
    const { log, sent, c } = setup();
    for (let i = 0; i < 50; i++) bigEntry(log, i);
    await c.onMessage({ type: "ready" });
    const snap = of(sent, "requests/snapshot")[0]!;
    const size = JSON.stringify(snap).length;
    assert.equal(snap.entries.length, 50);
    assert.ok(size / 50 < 2048, `snapshot is ${size} bytes for 50 entries`);
    assert.equal(snap.entries[0]!.requestSize, 1_000_000);
    assert.equal("request" in snap.entries[0]!, false, "no bodies in summaries");
    const e = bigEntry(log, 50);
    log.update(e.id, (x) => (x.status = 201));
    await sleep(30);
    const added = of(sent, "requests/added")[0]!;
    assert.ok(JSON.stringify(added).length < 2048);
    assert.equal(added.entries[0]!.status, 201);
    c.dispose();
  });

  test("opening a detail fetches the full entry; an evicted one answers null", async () => {
    const { log, sent, c } = setup();
    const e = bigEntry(log, 0);
    await c.onMessage({ type: "ready" });
    await c.onMessage({ type: "requests/detail", id: e.id });
    const d = of(sent, "requests/detail")[0]!;
    assert.equal(d.id, e.id);
    assert.equal(d.entry?.request.body.length, 1_000_000);
    assert.equal(d.entry?.response.body, MB);
    await c.onMessage({ type: "requests/detail", id: "gone" });
    assert.deepEqual(of(sent, "requests/detail")[1], { type: "requests/detail", id: "gone", entry: null });
    c.dispose();
  });

  test("a live stream of N chunks sends each chunk once (O(N) in total), and the whole entry again only when it finishes", async () => {
    const { log, sent, c, wire } = setup();
    await c.onMessage({ type: "ready" });
    const { seq: _seq, ...s } = streamEntry({
      chunks: [],
      status: 200,
      durationMs: null,
      response: { headers: { "content-type": "text/event-stream" }, body: "", bodyTruncated: false },
    });
    const live = log.add(s);
    await sleep(20);
    await c.onMessage({ type: "requests/detail", id: live.id });
    const N = 200;
    const payload = JSON.stringify({ choices: [{ index: 0, delta: { content: "word " } }] });
    for (let i = 0; i < N; i++) {
      log.appendChunk(live.id, i, payload);
      if (i % 10 === 9) await sleep(8); // several flushes while it streams
    }
    await sleep(20);
    const chunks = of(sent, "requests/chunks");
    assert.ok(chunks.length >= 5, `${chunks.length} chunk messages`);
    assert.equal(
      chunks.reduce((n, m) => n + m.chunks.length, 0),
      N,
      "every chunk sent exactly once",
    );
    chunks.forEach((m, i) =>
      assert.equal(m.from, i === 0 ? 0 : chunks[i - 1]!.from + chunks[i - 1]!.chunks.length, "contiguous"),
    );
    assert.equal(of(sent, "requests/detail").length, 1, "no whole-entry resend while streaming");
    const updates = of(sent, "requests/updated");
    assert.ok(
      updates.every((m) => JSON.stringify(m).length < 2048),
      "summaries only",
    );
    assert.equal(updates.at(-1)!.entries[0]!.chunkCount, N);
    // Linear: chunk messages hold each payload once (+ its JSON framing); the rest is one small summary per flush.
    const size = (ms: InspectorToPage[]) => ms.reduce((n, m) => n + JSON.stringify(m).length, 0);
    assert.ok(size(chunks) < N * (JSON.stringify(payload).length + 24), `${size(chunks)} bytes of chunk messages`);
    const total = wire.reduce((a, b) => a + b, 0);
    assert.ok(total < size(chunks) + updates.length * 1024 + 2048, `${total} bytes in total`);
    // Finishing changes more than chunks: the page gets the entry once more, with the raw body.
    log.update(live.id, (x) => {
      x.durationMs = 250;
      x.response = { ...x.response, body: "data: …", bodyTruncated: false };
    });
    await sleep(20);
    const last = of(sent, "requests/detail").at(-1)!;
    assert.equal(of(sent, "requests/detail").length, 2);
    assert.equal(last.entry?.durationMs, 250);
    assert.equal(last.entry?.chunks.length, N);
    c.dispose();
  });

  test("body search runs on the host: ready and search answer with ids, deltas carry match flags", async () => {
    const { log, sent, c } = setup();
    const hit = add(log, {
      request: { headers: {}, body: `${"y".repeat(300_000)} Needle deep inside`, bodyTruncated: false },
    });
    const miss = add(log);
    const tls = add(log, { kind: "tls-rejected", error: { code: "E", message: "peer did not return a certificate" } });
    await c.onMessage({ type: "ready", query: "  NEEDLE " });
    const snap = of(sent, "requests/snapshot")[0]!;
    assert.equal(snap.query, "needle");
    assert.deepEqual(
      snap.entries.map((e) => e.match),
      [true, false, false],
    );
    await c.onMessage({ type: "requests/search", query: "did not return" });
    assert.deepEqual(of(sent, "requests/matches")[0], {
      type: "requests/matches",
      query: "did not return",
      ids: [tls.id],
    });
    const later = add(log, { response: { headers: {}, body: "it did NOT return", bodyTruncated: false } });
    await sleep(20);
    assert.equal(of(sent, "requests/added")[0]!.entries.find((e) => e.id === later.id)?.match, true);
    await c.onMessage({ type: "requests/search", query: "" });
    assert.deepEqual(of(sent, "requests/matches")[1], { type: "requests/matches", query: "", ids: [] });
    log.update(miss.id, (x) => (x.status = 500));
    await sleep(20);
    assert.equal(of(sent, "requests/updated")[0]!.entries[0]!.match, undefined, "no flags without a search");
    assert.ok(hit);
    c.dispose();
  });

  test("10,000 entries: a body search finds the one match without stalling", async () => {
    const { log, c, sent } = setup(new RequestLog({ capacity: 10_000 }));
    for (let i = 0; i < 10_000; i++)
      add(log, {
        request: {
          headers: {},
          body: `{"messages":[{"content":"request number ${i} ${"lorem ipsum ".repeat(200)}"}]}`,
          bodyTruncated: false,
        },
      });
    await c.onMessage({ type: "ready" });
    const t0 = performance.now();
    await c.onMessage({ type: "requests/search", query: "number 4242 " });
    const ms = performance.now() - t0;
    assert.equal(of(sent, "requests/matches")[0]!.ids.length, 1);
    // A stall guard, not a speed target (speed is for `npm run bench`): a linear scan takes ~50 ms.
    assert.ok(ms < 5000, `search took ${ms.toFixed(0)} ms`);
    c.dispose();
  });

  test("export without a save function goes back to the page, built from the log with full bodies", async () => {
    const { log, sent, c } = setup();
    const a = bigEntry(log, 0);
    bigEntry(log, 1);
    await c.onMessage({ type: "requests/export", format: "json", ids: [a.id] });
    const out = of(sent, "requests/exported")[0]!;
    assert.equal(out.count, 1);
    assert.match(out.fileName, /\.json$/);
    const parsed = JSON.parse(out.content) as { entries: LogEntry[] };
    assert.equal(parsed.entries[0]!.request.body, MB);
    await c.onMessage({ type: "requests/export", format: "har", ids: [a.id] });
    const har = JSON.parse(of(sent, "requests/exported")[1]!.content) as {
      log: { entries: Array<{ response: { content: { text: string } } }> };
    };
    assert.equal(har.log.entries[0]!.response.content.text, MB);
  });
});
