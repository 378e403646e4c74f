// The inspector's host side without VS Code: batching of log events and the page controller.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { RequestLog } from "../../src/core/log/requestLog";
import type { LogEntry } from "../../src/core/log/types";
import type { ServerStatus } from "../../src/core/server/types";
import { batchRequestEvents } from "../../src/core/server/ui/requestBatcher";
import { createInspectorController } from "../../src/core/server/ui/inspectorController";
import type { InspectorToPage } from "../../webview/inspector/protocol";
import { httpEntry } from "../browser/inspectorFixtures";

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
    assert.deepEqual(sent.map((m) => m.type), ["requests/added"]);
    const added = sent[0] as Extract<InspectorToPage, { type: "requests/added" }>;
    assert.equal(added.entries.length, 1000);
    assert.equal(added.entries[0]!.status, 201, "sends the latest state");
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
    assert.deepEqual(sent.map((m) => m.type), ["requests/evicted", "requests/added"]);
    assert.deepEqual((sent[0] as { ids: string[] }).ids, [a.id]);
    assert.deepEqual((sent[1] as { entries: LogEntry[] }).entries.map((e) => e.id).includes(n1.id), false);
    assert.ok((sent[1] as { entries: LogEntry[] }).entries.some((e) => e.id === n2.id));
    sent.length = 0;
    add(log);
    log.clear();
    add(log);
    b.flush();
    assert.deepEqual(sent.map((m) => m.type), ["requests/cleared", "requests/added"]);
    b.dispose();
    add(log);
    b.flush();
    assert.equal(sent.length, 2, "disposed: no more messages");
  });
});

describe("inspector controller", () => {
  const status = (url: string | null): ServerStatus => ({ state: url ? "running" : "stopped", url, host: null, port: null, startedAt: null, connections: 0, requestCount: 0, scenario: "normal", mtls: true, lastError: null });

  function setup(extra: Partial<Parameters<typeof createInspectorController>[1]> = {}) {
    const log = new RequestLog();
    const sent: InspectorToPage[] = [];
    const c = createInspectorController((m) => sent.push(m), { log, status: () => status(null), clientTls: () => ({ caPath: "ca", certPath: "cert", keyPath: "key" }), batchMs: 5, ...extra });
    return { log, sent, c };
  }

  test("answers ready with a snapshot and context, then forwards deltas", async () => {
    const { log, sent, c } = setup({ status: () => status("https://127.0.0.1:1") });
    add(log);
    await c.onMessage({ type: "ready" });
    assert.equal(sent[0]!.type, "requests/snapshot");
    const snap = sent[0] as Extract<InspectorToPage, { type: "requests/snapshot" }>;
    assert.equal(snap.entries.length, 1);
    assert.deepEqual(snap.context, { serverUrl: "https://127.0.0.1:1", clientTls: { caPath: "ca", certPath: "cert", keyPath: "key" }, capacity: 1000 });
    add(log);
    await sleep(30);
    assert.deepEqual(sent.map((m) => m.type), ["requests/snapshot", "requests/added"]);
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
    const { log, sent, c } = setup({ saveExport: async (content, name, format) => ((saved = { content, name, format }), "out.har") });
    const a = add(log);
    add(log);
    await c.onMessage({ type: "requests/export", format: "har", ids: [a.id] });
    assert.ok(saved);
    const s = saved as { content: string; name: string; format: string };
    assert.equal(s.format, "har");
    assert.match(s.name, /\.har$/);
    assert.equal(JSON.parse(s.content).log.entries.length, 1);
    assert.deepEqual(sent.at(-1), { type: "inspector/notice", level: "info", text: "Exported 1 request(s) to out.har" });
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
