// Credentials sent in the query string never reach the request log, the journal or the inspector's URL.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

test("?api_key= and ?api-key= are redacted in the log and the control API's journal", async () => {
  const secret = "sk-proj-query0123456789secret";
  const res = await request(`${s.url}/v1/models?api_key=${secret}&limit=2`, { dispatcher: s.agent });
  assert.equal(res.statusCode, 200);
  await res.body.text();
  const chat = await request(`${s.url}/v1/chat/completions?api-key=${secret}`, {
    dispatcher: s.agent,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
  });
  assert.equal(chat.statusCode, 200);
  await chat.body.text();

  const paths = s.server.log.list().map((e) => e.path);
  assert.deepEqual(paths.slice(-2), [
    "/v1/models?api_key=sk-%E2%80%A6cret&limit=2",
    "/v1/chat/completions?api-key=sk-%E2%80%A6cret",
  ]);
  const journal = await request(`${s.url}/__mock/requests`, { dispatcher: s.agent });
  const text = await journal.body.text();
  assert.equal(journal.statusCode, 200);
  assert.ok(text.includes("api_key=sk-%E2%80%A6cret"), text.slice(0, 300));
  assert.ok(!text.includes(secret), "the journal never holds the key");
});
