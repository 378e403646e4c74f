// Credentials in request headers other than Authorization: the names SDKs and gateways send
// (Gemini's x-goog-api-key, Azure API Management's ocp-apim-subscription-key, x-auth-token, …) are
// redacted in the log, the journal, HAR and copy-as-cURL, and a replay sends a stand-in. A header
// sent twice with two keys is two keys: the first names the rate-limit caller, the log shows both.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import type { LogEntry } from "../../src/shared/requestLog";
import { toHar } from "../../src/shared/pages/inspector/har";
import { replayRequest } from "../../src/core/pages/inspector/replay";
import { toCurl } from "../../webview/inspector/model/curl";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ rate_limits: { enforce: true, requests_per_minute: 2, tokens_per_minute: 1_000_000 } });
});
after(() => s.close());

const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

async function post(headers: Record<string, string | string[]>): Promise<{ status: number; entry: LogEntry }> {
  const r = await request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    dispatcher: s.agent,
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  await r.body.text();
  const id = r.headers["x-request-id"] as string;
  return { status: r.statusCode, entry: s.server.log.get(id)! };
}

const SECRET = "TOPSECRET0123456789abcdef";
const CREDENTIALS: Record<string, [sent: string, logged: string]> = {
  "x-goog-api-key": [`AIza${SECRET}`, "AIz…cdef"],
  "ocp-apim-subscription-key": [`0123${SECRET}`, "012…cdef"],
  "x-auth-token": [`tok-${SECRET}`, "tok…cdef"],
  "x-functions-key": [`fn-${SECRET}`, "fn-…cdef"],
  "helicone-auth": [`Bearer sk-helicone-${SECRET}`, "Bearer sk-…cdef"],
  "cf-aig-authorization": [`Bearer cf-${SECRET}`, "Bearer cf-…cdef"],
  "x-portkey-api-key": [`pk-${SECRET}`, "pk-…cdef"],
  "x-portkey-virtual-key": [`vk-${SECRET}`, "vk-…cdef"],
  cookie: [`session=${SECRET}`, "ses…cdef"],
  "set-cookie": [`session=${SECRET}`, "ses…cdef"],
};

describe("credential headers beyond Authorization", () => {
  test("are redacted in the log, the journal, HAR and copy-as-cURL", async () => {
    const sent = Object.fromEntries(Object.entries(CREDENTIALS).map(([k, [v]]) => [k, v]));
    const idempotency = "idem-0123456789abcdef0123";
    const { status, entry } = await post({
      ...sent,
      authorization: "Bearer sk-first-caller-0123456789",
      "idempotency-key": idempotency,
    });
    assert.equal(status, 200);
    assert.equal(entry.request.headers["idempotency-key"], idempotency, "an ordinary *-key header is kept");
    for (const [name, [, logged]] of Object.entries(CREDENTIALS))
      assert.equal(entry.request.headers[name], logged, name);
    const journal = await request(`${s.url}/__mock/requests`, { dispatcher: s.agent });
    const har = JSON.stringify(toHar([entry], { serverUrl: s.url }));
    const curl = toCurl(entry, { serverUrl: s.url, clientTls: null });
    const texts: Array<[string, string]> = [
      ["log", JSON.stringify(entry)],
      ["journal", await journal.body.text()],
      ["HAR", har],
      ["curl", curl],
    ];
    for (const [where, text] of texts) assert.ok(!text.includes("TOPSECRET"), `${where} holds a key`);
    // curl and replay send a stand-in key where a key was redacted, and leave a redacted cookie out.
    assert.match(curl, /-H 'x-goog-api-key: sk-mock-gpt-replay'/);
    assert.match(curl, /-H 'helicone-auth: Bearer sk-mock-gpt-replay'/);
    assert.doesNotMatch(curl, /cookie/i);
  });

  test("a replay sends the user's key in their place", async () => {
    const { entry } = await post({ "x-goog-api-key": `AIza${SECRET}`, "ocp-apim-subscription-key": `0123${SECRET}` });
    const tls = { caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey };
    const r = await replayRequest(entry, { serverUrl: s.url, clientTls: tls, apiKey: "sk-user-replay-key-0123" });
    assert.equal(r.credential, "key");
    const again = s.server.log.get(r.requestId!)!;
    assert.equal(again.request.headers["x-goog-api-key"], "sk-…0123");
    assert.equal(again.request.headers["ocp-apim-subscription-key"], "sk-…0123");
  });
});

describe("a credential with commas of its own", () => {
  test("a Digest Authorization or a structured token is one credential, shown as one hint", async () => {
    const digest =
      'Digest username="alice@example.com", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
      'uri="/v1/chat/completions", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
    const token = "v2.local.TOPSECRET0123,kid=0123456789abcdef,exp=1767225600";
    const { status, entry } = await post({ authorization: digest, "x-auth-token": token });
    assert.equal(status, 200);
    assert.equal(entry.request.headers.authorization, 'Digest use…e41"');
    assert.equal(entry.request.headers["x-auth-token"], "v2.…5600");
    const har = JSON.stringify(toHar([entry], { serverUrl: s.url }));
    const curl = toCurl(entry, { serverUrl: s.url, clientTls: null });
    const texts: Array<[string, string]> = [
      ["HAR", har],
      ["curl", curl],
    ];
    for (const [where, text] of texts)
      for (const part of ["0c093", "4ef1", "TOPSECRET", "cdef"])
        assert.ok(!text.includes(part), `${where} shows ${part}`);
  });
});

describe("a credential header sent twice", () => {
  const K1 = "sk-proj-first-key-0123456789AAAA";
  const K2 = "sk-proj-second-key-0123456789BBBB";

  test("is logged as two hints, and counts as its first key, not a third, joined one", async () => {
    const label = (e: LogEntry) => e.request.headers["api-key"];
    const a = await post({ "api-key": K1 });
    const both = await post({ "api-key": [K1, K2] });
    assert.deepEqual([a.status, both.status], [200, 200]);
    assert.equal(label(both.entry), "sk-…AAAA, sk-…BBBB", "each key's own hint, none mixing the two");
    // requests_per_minute = 2 per caller: K1's budget is spent by the two requests above.
    const third = await post({ "api-key": K1 });
    assert.equal(third.status, 429, "the request with both keys spent K1's budget");
    const other = await post({ "api-key": K2 });
    assert.equal(other.status, 200, "K2 alone is another caller, untouched");
    const callers = s.server.rateLimits.snapshot().clients.map((c) => c.client.label);
    assert.ok(callers.includes("sk-…AAAA") && callers.includes("sk-…BBBB"), callers.join(" | "));
    assert.ok(!callers.some((l) => l.includes(",")), `no joined caller: ${callers.join(" | ")}`);
  });

  test("x-api-key (Anthropic-style) twice: the same rule", async () => {
    const { entry } = await post({ "x-api-key": [`sk-ant-${SECRET}`, `sk-ant-other-${SECRET}x`] });
    assert.equal(entry.request.headers["x-api-key"], "sk-…cdef, sk-…defx");
  });
});
