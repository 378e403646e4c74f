import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadConfig } from "../../src/core/config";
import { MockServer } from "../../src/core/server/mockServer";
import { StatsTracker } from "../../src/core/stats";
import { createDashboardController } from "../../src/core/pages/dashboard/controller";
import type { DashboardToPage } from "../../src/shared/pages/dashboard/protocol";
import type { RateLimitClient } from "../../src/shared/rateLimits";

function server(): MockServer {
  const r = loadConfig({ projectDir: null, env: {} });
  if (!r.ok) throw new Error("config");
  return new MockServer(r.loaded);
}

const alice: RateLimitClient = { id: "cn:alice", label: "alice", kind: "certificate" };

describe("dashboard controller: rate limits", () => {
  it("sends each client's budget standing with the snapshot and with every update", () => {
    const s = server();
    const sent: DashboardToPage[] = [];
    const c = createDashboardController((m) => sent.push(m), {
      server: s,
      tracker: new StatsTracker(),
      throttleMs: 10,
      tickMs: 0,
    });
    // Small budgets, so a few milliseconds of refill cannot hide what was spent.
    s.rateLimits.configure({ enforce: true, requests_per_minute: 5, tokens_per_minute: 1000, models: {} });
    s.rateLimits.admit(alice, "gpt-4o-mini", 100);
    c.onMessage({ type: "ready" });
    const first = sent[0];
    assert.equal(first?.type, "dashboard/snapshot");
    const snap = first!.rateLimits!;
    assert.equal(snap.clients.length, 1);
    const row = snap.clients[0]!;
    assert.equal(row.client.label, "alice");
    assert.equal(row.model, "gpt-4o-mini");
    assert.equal(row.limitRequests, 5);
    assert.equal(snap.enforced, true);
    assert.equal(row.remainingRequests, row.limitRequests - 1, "one request spent");
    assert.equal(row.remainingTokens, row.limitTokens - 100, "the token estimate spent");

    s.rateLimits.admit(alice, "gpt-4o-mini", 50);
    s.rateLimits.admit({ id: "ip:127.0.0.2", label: "127.0.0.2", kind: "address" }, "gpt-4o", 1);
    c.onMessage({ type: "stats/refresh" });
    const update = sent[1];
    assert.equal(update?.type, "stats/update");
    const rows = update!.rateLimits!.clients;
    assert.deepEqual(rows.map((r) => `${r.client.id} ${r.model}`).sort(), [
      "cn:alice gpt-4o-mini",
      "ip:127.0.0.2 gpt-4o",
    ]);
    const a = rows.find((r) => r.client.id === "cn:alice")!;
    assert.equal(a.remainingRequests, a.limitRequests - 2);
    assert.equal(a.remainingTokens, a.limitTokens - 150);
    c.dispose();
  });

  it("reflects a reset of the budgets", () => {
    const s = server();
    const sent: DashboardToPage[] = [];
    const c = createDashboardController((m) => sent.push(m), { server: s, tracker: new StatsTracker(), tickMs: 0 });
    s.rateLimits.admit(alice, "gpt-4o-mini", 1);
    c.onMessage({ type: "ready" });
    const limits = (m: DashboardToPage | undefined) => (m && m.type !== "server/status" ? m.rateLimits : undefined);
    assert.equal(limits(sent[0])!.clients.length, 1);
    s.rateLimits.reset();
    c.onMessage({ type: "stats/refresh" });
    assert.equal(limits(sent[1])!.clients.length, 0);
    c.dispose();
  });
});
