// A client that authenticates with a query credential (Azure's ?api-key=, or ?api_key=) and no
// Authorization header has its own rate-limit budget, keyed by that credential as a header key is.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ rate_limits: { enforce: true, requests_per_minute: 60, tokens_per_minute: 100_000 } });
});
after(() => s.close());

const KEY_A = "sk-azure-query-key-a-0001";
const KEY_B = "sk-azure-query-key-b-0002";

async function chat(query: string, headers: Record<string, string> = {}) {
  const r = await request(`${s.url}/v1/chat/completions${query}`, {
    method: "POST",
    dispatcher: s.agent,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
  });
  await r.body.text();
  assert.equal(r.statusCode, 200);
  return r.headers["x-ratelimit-remaining-requests"];
}

describe("rate limits keyed by a query credential", () => {
  test("each ?api-key= has its own budget, shared with the same key sent as a header", async () => {
    await chat(""); // warm up as the certificate's client (no key at all)
    assert.equal(await chat(`?api-key=${KEY_A}`), "59");
    assert.equal(await chat(`?api-version=2024-10-21&api-key=${KEY_A}`), "58");
    assert.equal(await chat(`?api_key=${KEY_B}`), "59", "another key, another budget");
    assert.equal(await chat("", { authorization: `Bearer ${KEY_A}` }), "57", "the same key in a header: same budget");

    const entries = s.server.log.list().filter((e) => e.path.startsWith("/v1/chat/completions"));
    const callers = entries.map((e) => e.caller?.label);
    assert.deepEqual(callers, ["mock-gpt-client", "sk-…0001", "sk-…0001", "sk-…0002", "sk-…0001"]);
    assert.equal(entries[1]!.caller?.kind, "api-key");
    assert.ok(!JSON.stringify(s.server.log.list()).includes("query-key"), "the key itself is never logged");
    const clients = s.server.rateLimits.snapshot().clients.map((c) => c.client.label);
    assert.ok(clients.includes("sk-…0001") && clients.includes("sk-…0002"), clients.join(", "));
  });
});
