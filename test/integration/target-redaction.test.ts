// Credentials anywhere a raw request target can carry them: after a `#` (raw targets may hold a
// fragment), after `;`, repeated, behind a percent-encoded delimiter (also encoded twice), under a
// gateway's own parameter name (`subscription-key`, `code`, `api_key[]`). Each is cut to the same hint
// as a query key in the log, the journal, HAR and copy-as-cURL; the request itself is answered.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import tls from "node:tls";
import { request } from "undici";
import { toHar } from "../../src/shared/pages/inspector/har";
import { displayPath } from "../../src/shared/pages/inspector/query";
import { replayRequest } from "../../src/core/pages/inspector/replay";
import { toCurl } from "../../webview/inspector/model/curl";
import { startTestServer, type TestServer } from "../helpers/server";

const KEY = "sk-proj-TOPSECRET0123456789wxyz";
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

/** Sends `target` as the raw request target over mTLS; resolves with the status and x-request-id. */
function raw(method: string, target: string): Promise<{ status: number; id: string }> {
  return new Promise((resolve, reject) => {
    const sock = tls.connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      sock.write(
        `${method} ${target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${method === "POST" ? body.length : 0}\r\nConnection: close\r\n\r\n${method === "POST" ? body : ""}`,
      ),
    );
    let out = "";
    sock.on("data", (d) => (out += d.toString()));
    sock.on("close", () =>
      resolve({ status: Number(out.split(" ")[1]), id: /x-request-id: (\S+)/i.exec(out)?.[1] ?? "" }),
    );
    sock.on("error", reject);
  });
}

const CASES: Array<[what: string, method: string, target: string, logged: string, status: number]> = [
  [
    "a key after # in the target",
    "POST",
    `/v1/chat/completions#api-key=${KEY}`,
    "/v1/chat/completions#api-key=sk-%E2%80%A6wxyz",
    200,
  ],
  [
    "a key in a fragment after a query",
    "POST",
    `/v1/chat/completions?x=1#api_key=${KEY}&b=2`,
    "/v1/chat/completions?x=1#api_key=sk-%E2%80%A6wxyz&b=2",
    200,
  ],
  ["an OAuth-style fragment", "GET", `/v1/models#access_token=${KEY}`, "/v1/models#access_token=sk-%E2%80%A6wxyz", 200],
  ["a key after ;", "GET", `/v1/models?limit=2;api_key=${KEY}`, "/v1/models?limit=2;api_key=sk-%E2%80%A6wxyz", 200],
  [
    "a key repeated",
    "GET",
    `/v1/models?api_key=${KEY}&api_key=x${KEY}`,
    "/v1/models?api_key=sk-%E2%80%A6wxyz&api_key=xsk%E2%80%A6wxyz",
    200,
  ],
  [
    "a key behind an encoded # in the query",
    "GET",
    `/v1/models?after=1%23api_key%3D${KEY}`,
    "/v1/models?after=1%23api_key%3Dsk-%E2%80%A6wxyz",
    200,
  ],
  [
    "a key behind an encoded # in the path",
    "POST",
    `/v1/chat/completions%23api_key=${KEY}`,
    "/v1/chat/completions%23api_key%3Dsk-%E2%80%A6wxyz",
    404,
  ],
  ["a short key: no hint at all", "GET", "/v1/models#api_key=hunter2", "/v1/models#api_key=%E2%80%A6", 200],
  [
    "a key behind an encoded & in a part with no =",
    "GET",
    `/v1/models?%26api_key%3D${KEY}`,
    "/v1/models?%26api_key%3Dsk-%E2%80%A6wxyz",
    200,
  ],
  ["the same after #", "GET", `/v1/models#%26api_key%3D${KEY}`, "/v1/models#%26api_key%3Dsk-%E2%80%A6wxyz", 200],
  [
    "a key encoded twice, for a server that decodes twice",
    "GET",
    `/v1/models?after=1%2526api_key%253D${KEY}`,
    "/v1/models?after=1%2526api_key%253Dsk-%E2%80%A6wxyz",
    200,
  ],
  [
    "Azure API Management's subscription-key",
    "GET",
    `/v1/models?subscription-key=${KEY}`,
    "/v1/models?subscription-key=sk-%E2%80%A6wxyz",
    200,
  ],
  ["Azure Functions' code", "GET", `/v1/models?code=${KEY}`, "/v1/models?code=sk-%E2%80%A6wxyz", 200],
  ["x-api-key as a parameter", "GET", `/v1/models?x-api-key=${KEY}`, "/v1/models?x-api-key=sk-%E2%80%A6wxyz", 200],
  ["a bracketed name", "GET", `/v1/models?api_key[]=${KEY}`, "/v1/models?api_key[]=sk-%E2%80%A6wxyz", 200],
];

describe("credentials anywhere in the request target", () => {
  for (const [what, method, target, logged, status] of CASES)
    test(`${what}: ${target.replace(KEY, "<key>")}`, async () => {
      const r = await raw(method, target);
      assert.equal(r.status, status, "answered as usual");
      const entry = s.server.log.get(r.id);
      assert.ok(entry, "logged under its x-request-id");
      assert.equal(entry.path, logged);
      const journal = await request(`${s.url}/__mock/requests/${r.id}`, { dispatcher: s.agent });
      const texts: Array<[string, string]> = [
        ["log", JSON.stringify(entry)],
        ["journal", await journal.body.text().then((t) => (assert.match(t, new RegExp(r.id)), t))],
        ["HAR", JSON.stringify(toHar([entry], { serverUrl: s.url }))],
        ["curl", toCurl(entry, { serverUrl: s.url, clientTls: null })],
        ["inspector", displayPath(entry.path)],
      ];
      for (const [where, text] of texts) assert.ok(!text.includes("TOPSECRET"), `the ${where} holds the key`);
    });

  test("the inspector reads a fragment's hint decoded; HAR's queryString stops at the #", async () => {
    const r = await raw("POST", `/v1/chat/completions?x=1#api_key=${KEY}`);
    const entry = s.server.log.get(r.id)!;
    assert.equal(displayPath(entry.path), "/v1/chat/completions?x=1#api_key=sk-…wxyz");
    const har = toHar([entry], { serverUrl: s.url }).log.entries[0]!.request;
    assert.deepEqual(har.queryString, [{ name: "x", value: "1" }]);
  });

  test("ordinary parameters are logged and replayed as sent", async () => {
    const target = "/v1/models?limit=2&after=model_1&order=desc&page_token=tok_0123456789abcdef&include[]=x";
    const r = await raw("GET", target);
    const entry = s.server.log.get(r.id)!;
    assert.equal(entry.path, target);
    const tlsPaths = { caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey };
    const again = await replayRequest(entry, { serverUrl: s.url, clientTls: tlsPaths });
    assert.equal(s.server.log.get(again.requestId!)!.path, target);
  });

  test("a replay sends the user's key for a gateway's key parameter", async () => {
    const r = await raw("GET", `/v1/models?subscription-key=${KEY}&limit=2`);
    const tlsPaths = { caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey };
    const entry = s.server.log.get(r.id)!;
    const again = await replayRequest(entry, {
      serverUrl: s.url,
      clientTls: tlsPaths,
      apiKey: "sk-user-replay-0123abcd",
    });
    assert.equal(again.status, 200);
    assert.equal(s.server.log.get(again.requestId!)!.path, "/v1/models?subscription-key=sk-%E2%80%A6abcd&limit=2");
  });

  test("a replay drops the fragment and answers like the original", async () => {
    const r = await raw("POST", `/v1/chat/completions#api-key=${KEY}`);
    const tlsPaths = { caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey };
    const again = await replayRequest(s.server.log.get(r.id)!, { serverUrl: s.url, clientTls: tlsPaths });
    assert.equal(again.status, 200);
    assert.equal(s.server.log.get(again.requestId!)!.path, "/v1/chat/completions");
  });
});
