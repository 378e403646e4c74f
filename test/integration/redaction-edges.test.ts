// Credentials in request targets that never reach a route: requests Node's parser or the listener
// refuse (no Host, a bad Expect, a malformed header) are still logged with their key redacted, and a
// key with an emoji at the hint's edge is answered and logged like any other.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import tls from "node:tls";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

const SECRET = "sk-proj-protocolerror0123456789SECRET";
let s: TestServer;
before(async () => {
  s = await startTestServer({ rate_limits: { enforce: true, requests_per_minute: 2, tokens_per_minute: 100_000 } });
});
after(() => s.close());

/** Writes `text` over mTLS as is and resolves with what the server answered. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = tls.connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      sock.write(text),
    );
    let out = "";
    sock.on("data", (d) => (out += d.toString()));
    sock.on("close", () => resolve(out));
    sock.on("error", reject);
  });
}

for (const [name, status, text] of [
  ["no Host", "400", `GET /v1/models?api_key=${SECRET} HTTP/1.1\r\n\r\n`],
  [
    "Expect: nope",
    "417",
    `POST /v1/chat/completions?api-key=${SECRET} HTTP/1.1\r\nHost: x\r\nExpect: nope\r\nContent-Length: 2\r\n\r\n{}`,
  ],
  ["a malformed header", "400", `GET /v1/models?api_key=${SECRET} HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n`],
] as const) {
  test(`${name} (${status}): the refused request is logged, its query key redacted`, async () => {
    const seen = s.server.log.list().length;
    const answer = await raw(text);
    assert.match(answer.split("\r\n")[0]!, new RegExp(` ${status} `));
    const added = s.server.log.list().slice(seen);
    assert.equal(added.length, 1, "one row");
    assert.match(added[0]!.path, /\?api[-_]key=sk-%E2%80%A6CRET$/);
    const journal = await request(`${s.url}/__mock/requests`, { dispatcher: s.agent });
    const text2 = await journal.body.text();
    assert.ok(!JSON.stringify(added).includes(SECRET), "the log holds the full key");
    assert.ok(!text2.includes(SECRET), "the journal holds the full key");
  });
}

test("a query key with an emoji at the hint's edge is answered, logged and rate limited", async () => {
  const seen = s.server.log.list().length;
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await request(`${s.url}/v1/chat/completions?api_key=ab%F0%9F%98%80cdefghijklmnopqrstuvwxyz`, {
      dispatcher: s.agent,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    statuses.push(r.statusCode);
    await r.body.text();
  }
  assert.deepEqual(statuses, [200, 200, 429], "2 requests per minute for this key");
  assert.equal(s.server.log.list().length - seen, 3, "every request is logged");
});
