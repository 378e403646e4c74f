// The /__mock/ control API over the real mTLS listener: scenario, journal with filters and counts,
// stats, rate limits, reset. Its own traffic never shows in the journal it reads.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Agent, request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ rate_limits: { requests_per_minute: 100, tokens_per_minute: 100_000 } });
});
after(() => s.close());
beforeEach(() => s.server.reset());

async function call(method: string, path: string, body?: unknown, dispatcher: Agent = s.agent) {
  const r = await request(`${s.url}${path}`, {
    method: method as "GET",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    dispatcher,
  });
  const text = await r.body.text();
  return { status: r.statusCode, headers: r.headers, json: JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const chat = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    dispatcher: s.agent,
    headers: { "content-type": "application/json", authorization: "Bearer sk-control-test-0001", ...headers },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...extra }),
  }).then(async (r) => ({ status: r.statusCode, headers: r.headers, text: await r.body.text() }));

describe("control API", () => {
  test("GET /__mock/ lists the routes; unknown routes and methods answer 404 / 405 in the error shape", async () => {
    const index = await call("GET", "/__mock/");
    assert.equal(index.status, 200);
    assert.ok(index.json.routes.some((r: { path: string }) => r.path === "/__mock/requests"));
    const missing = await call("GET", "/__mock/nope");
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, "not_found");
    const wrong = await call("PATCH", "/__mock/scenario", {});
    assert.equal(wrong.status, 405);
    assert.match(wrong.json.error.message, /use GET or PUT/);
    assert.equal(wrong.headers["allow"], "GET, PUT", "a 405 says what is allowed, as the API's own 405s do");
  });

  test("status lines carry their reason phrase", async () => {
    const { request: httpsRequest } = await import("node:https");
    const statusLine = (method: string, path: string) =>
      new Promise<string>((resolve, reject) => {
        const req = httpsRequest(
          `${s.url}${path}`,
          { method, ...s.tls, servername: "localhost", agent: false },
          (r) => {
            r.resume();
            resolve(`${r.statusCode} ${r.statusMessage}`);
          },
        );
        req.on("error", reject).end();
      });
    assert.deepEqual(
      [
        await statusLine("GET", "/__mock/"),
        await statusLine("GET", "/__mock/nope"),
        await statusLine("PATCH", "/__mock/scenario"),
      ],
      ["200 OK", "404 Not Found", "405 Method Not Allowed"],
    );
  });

  test("read and set the scenario; an unknown one is a 404 naming the known ones", async () => {
    const before = await call("GET", "/__mock/scenario");
    assert.equal(before.json.active, "normal");
    assert.ok(before.json.scenarios.some((x: { name: string }) => x.name === "errors"));
    const set = await call("PUT", "/__mock/scenario", { name: "errors" });
    assert.equal(set.status, 200);
    assert.equal(set.json.active, "errors");
    assert.equal(s.server.scenario, "errors");
    assert.equal((await chat()).status >= 400, true, "the next request follows it");
    const bad = await call("PUT", "/__mock/scenario", { name: "nope" });
    assert.equal(bad.status, 404);
    assert.equal(bad.json.error.param, "name");
    assert.match(bad.json.error.message, /Known: .*normal/);
    assert.equal((await call("PUT", "/__mock/scenario", "x")).status, 400);
    assert.equal((await call("POST", "/__mock/scenario", { nom: "x" })).status, 400);
  });

  test("queue faults for the next matching requests; list and clear them; bad specs are 400", async () => {
    const queued = await call("POST", "/__mock/faults", { fault: "503", count: 2, match: { model: "gpt-4o" } });
    assert.equal(queued.status, 201);
    assert.equal(queued.json.queued.fault, "503");
    assert.equal(queued.json.queued.remaining, 2);
    assert.equal((await chat()).status, 200, "gpt-4o-mini does not match");
    assert.equal((await chat({ model: "gpt-4o" })).status, 503);
    assert.equal((await call("GET", "/__mock/faults")).json.queued[0].remaining, 1);
    assert.equal((await chat({ model: "gpt-4o" })).status, 503);
    assert.equal((await chat({ model: "gpt-4o" })).status, 200, "used up");
    await call("POST", "/__mock/faults", { fault: "429" });
    assert.equal((await call("DELETE", "/__mock/faults")).json.cleared, 1);
    assert.equal((await chat()).status, 200);
    for (const bad of [
      { fault: "teapot" },
      { fault: "429", count: 0 },
      { fault: "429", match: { user_regex: "(" } },
      { fault: "429", match: { user_regex: "^(a+)+$" } },
      { fault: "429", match: { system_regex: "(\\w+\\s?)*" } },
      { fault: "429", match: { user_regex: "a".repeat(501) } },
      {},
    ])
      assert.equal((await call("POST", "/__mock/faults", bad)).status, 400, JSON.stringify(bad));
    const faulted = await call("GET", "/__mock/requests?status=503");
    assert.equal(faulted.json.matched, 2);
    await call("POST", "/__mock/faults", { fault: "500" });
    await call("POST", "/__mock/reset");
    assert.deepEqual((await call("GET", "/__mock/faults")).json.queued, [], "reset drops queued faults");
  });

  test("the journal: filters by endpoint, status, model, client, time and header value, with counts", async () => {
    const t0 = Date.now();
    await chat({}, { "x-stainless-retry-count": "0", "x-test": "a" });
    await chat({ model: "gpt-4o" }, { "x-stainless-retry-count": "1", "x-test": "a" });
    await chat({ model: "nope" }, { "x-test": "b" });
    await request(`${s.url}/v1/models`, { dispatcher: s.agent }).then((r) => r.body.text());
    await call("GET", "/__mock/scenario"); // control traffic: never journaled

    const all = await call("GET", "/__mock/requests");
    assert.equal(all.json.total, 4);
    assert.equal(all.json.matched, 4);
    assert.deepEqual(all.json.counts.byStatus, { "200": 3, "400": 1 });
    assert.deepEqual(all.json.counts.byEndpoint, { "POST /v1/chat/completions": 3, "GET /v1/models": 1 });
    assert.deepEqual(all.json.counts.byRetryCount, { "0": 1, "1": 1, none: 2 });
    assert.ok(!all.json.entries.some((e: { path: string }) => e.path.startsWith("/__mock")));

    const q = async (query: string) => (await call("GET", `/__mock/requests?${query}`)).json;
    assert.equal((await q("endpoint=/v1/chat/completions")).matched, 3);
    assert.equal((await q("status=400")).matched, 1);
    assert.equal((await q("status=2xx&model=gpt-4o")).matched, 1);
    assert.equal((await q("header=x-test:a")).matched, 2);
    assert.equal((await q("header=x-stainless-retry-count:1")).entries[0].model, "gpt-4o");
    assert.equal((await q(`since=${t0}`)).matched, 4);
    assert.equal((await q(`until=${t0 - 1}`)).matched, 0);
    const byKey = await q(`client=${encodeURIComponent("sk-…0001")}`);
    assert.equal(byKey.matched, 3, "the three chat requests carried the key");
    const byCn = await q("client=mock-gpt-client");
    assert.equal(byCn.matched, 4, "every request came with the client certificate");
    const summary = await q("limit=1&summary=1");
    assert.equal(summary.entries.length, 1);
    assert.equal(summary.entries[0].path, "/v1/models");
    assert.equal(summary.entries[0].response.body, "");

    const one = await call("GET", `/__mock/requests/${all.json.entries[0].id}`);
    assert.equal(one.json.id, all.json.entries[0].id);
    assert.equal((await call("GET", "/__mock/requests/req_nope")).status, 404);
    const bad = await call("GET", "/__mock/requests?status=abc");
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.param, "status");

    const cleared = await call("DELETE", "/__mock/requests");
    assert.equal(cleared.json.cleared, 4);
    assert.equal((await q("")).total, 0);
  });

  test("stats and rate-limit state; reset brings back the configured state", async () => {
    await call("PUT", "/__mock/scenario", { name: "fast" });
    for (let i = 0; i < 3; i++) assert.equal((await chat()).status, 200);
    const stats = await call("GET", "/__mock/stats");
    assert.equal(stats.json.total, 3);
    assert.equal(stats.json.byStatus["200"], 3);
    const rl = await call("GET", "/__mock/rate-limits");
    assert.equal(rl.json.enforced, false);
    assert.equal(rl.json.requestsPerMinute, 100);
    const mine = rl.json.clients.find((c: { client: { label: string } }) => c.client.label === "sk-…0001");
    assert.ok(mine, JSON.stringify(rl.json.clients));
    assert.equal(mine.model, "gpt-4o-mini");
    assert.equal(mine.remainingRequests, 97);
    assert.match(mine.resetRequests, /^\d+(\.\d+)?s$/);

    const reset = await call("POST", "/__mock/reset");
    assert.equal(reset.status, 200);
    assert.equal(reset.json.scenario.active, "normal");
    assert.deepEqual(reset.json.rateLimits.clients, []);
    assert.equal((await call("GET", "/__mock/stats")).json.total, 0);
    assert.equal((await call("GET", "/__mock/requests")).json.total, 0);
  });

  test("budgets can be refilled alone", async () => {
    await chat();
    assert.equal((await call("GET", "/__mock/rate-limits")).json.clients.length, 1);
    const refilled = await call("DELETE", "/__mock/rate-limits");
    assert.deepEqual(refilled.json.clients, []);
    assert.equal((await call("GET", "/__mock/requests")).json.total, 1, "the journal stays");
  });

  test("the control API is behind the same mTLS: no client certificate, no handshake", async () => {
    const bare = new Agent({ connect: { ca: s.tls.ca } });
    try {
      await assert.rejects(call("GET", "/__mock/scenario", undefined, bare));
    } finally {
      await bare.close();
    }
  });
});
