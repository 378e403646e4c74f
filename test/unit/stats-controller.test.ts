import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "../../src/core/config";
import { MockServer } from "../../src/core/server/mockServer";
import { StatsTracker } from "../../src/core/stats";
import { createDashboardController } from "../../src/core/pages/dashboard/controller";
import type { DashboardToPage } from "../../src/shared/pages/dashboard/protocol";

function server(): MockServer {
  const r = loadConfig({ projectDir: null, env: {} });
  if (!r.ok) throw new Error("config");
  return new MockServer(r.loaded);
}

function add(s: MockServer, i: number) {
  const e = s.log.add({
    id: `r${i}`,
    kind: "http",
    time: Date.now(),
    durationMs: null,
    client: null,
    remoteAddress: "",
    method: "POST",
    path: "/v1/chat/completions",
    status: null,
    model: null,
    stream: false,
    scenario: "normal",
    request: { headers: {}, body: "", bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: null,
  });
  s.log.update(e.id, (x) => ((x.status = 200), (x.durationMs = 1)));
}

describe("createDashboardController", () => {
  it("answers ready with a snapshot, then coalesces a burst of 1,000 requests into few updates", async () => {
    const s = server();
    const sent: DashboardToPage[] = [];
    const tracker = new StatsTracker();
    tracker.attach(s.log);
    const c = createDashboardController((m) => sent.push(m), { server: s, tracker, throttleMs: 50, tickMs: 0 });
    add(s, 0);
    assert.equal(sent.length, 0, "nothing is posted before the page is ready");
    c.onMessage({ type: "ready" });
    assert.equal(sent[0]?.type, "dashboard/snapshot");
    for (let i = 1; i <= 1000; i++) add(s, i);
    await sleep(150);
    const updates = sent.filter((m) => m.type === "stats/update");
    assert.ok(updates.length >= 1 && updates.length <= 3, `got ${updates.length} updates`);
    const last = updates.at(-1)!;
    assert.equal(last.type === "stats/update" && last.stats.total, 1001);
    c.dispose();
  });

  it("ignores unknown messages, refreshes on demand and stops after dispose", async () => {
    const s = server();
    const sent: DashboardToPage[] = [];
    const before = s.log.listenerCount("added");
    const c = createDashboardController((m) => sent.push(m), {
      server: s,
      tracker: new StatsTracker(),
      throttleMs: 10,
      tickMs: 0,
    });
    c.onMessage({ type: "evil", payload: "<script>" });
    c.onMessage(null);
    assert.equal(sent.length, 0);
    c.onMessage({ type: "ready" });
    c.onMessage({ type: "stats/refresh" });
    assert.deepEqual(
      sent.map((m) => m.type),
      ["dashboard/snapshot", "stats/update"],
    );
    c.setVisible(false);
    add(s, 1);
    await sleep(40);
    assert.equal(sent.length, 2, "hidden pages get nothing");
    c.setVisible(true);
    assert.equal(sent.length, 3);
    c.dispose();
    add(s, 2);
    await sleep(40);
    assert.equal(sent.length, 3);
    assert.equal(s.log.listenerCount("added"), before, "the controller unsubscribed");
  });
});
