// A query credential is redacted however the client's code spelled its name (`api.key`, `apiKey`,
// `accessToken`, `api key`), and wherever a URL reaches the log (the target, a Referer): in the
// request log, the control API's journal, the HAR export and a replay. The server still routes and
// reads rate-limit keys from what was sent; only the logged copy is cut.
import { after, before, describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { toHar } from "../../src/shared/pages/inspector/har";
import { isSecretParam, replayPath } from "../../src/shared/pages/inspector/query";
import { REPLAY_PLACEHOLDER_KEY } from "../../src/shared/pages/inspector/headers";
import { loggedHeaders, redactPath } from "../../src/core/server/redact";
import { startTestServer, type TestServer } from "../helpers/server";

const SECRET = "sk-proj-spelled0123456789wxyz";
const HINT = "sk-%E2%80%A6wxyz";

describe("credential parameter names, as client code spells them", () => {
  for (const name of [
    "api.key",
    "API.KEY",
    "apiKey",
    "APIKey",
    "api+key",
    "api%20key",
    "api%2Ekey",
    "api__key",
    "accessToken",
    "access.token",
    "authToken",
    "clientSecret",
    "openaiApiKey",
    "subscriptionKey",
    "x.api.key",
    "auth[api.key]",
  ])
    it(name, () => {
      const logged = redactPath(`/v1/models?limit=2&${name}=${SECRET}`);
      assert.equal(logged, `/v1/models?limit=2&${name}=${HINT}`);
      assert.equal(replayPath(logged).path, `/v1/models?limit=2&${name}=${REPLAY_PLACEHOLDER_KEY}`);
    });
  it("paging tokens and the client's own fields stay as sent, camelCase or dotted", () => {
    for (const name of [
      "nextPageToken",
      "pageToken",
      "continuationToken",
      "maxTokens",
      "max.tokens",
      "idempotencyKey",
      "metadata[apiKey]",
      "metadata[api.key]",
      "keyword",
      "monkey",
      "apiKeyIds",
    ])
      assert.equal(isSecretParam(name), false, name);
  });
});

describe("a URL-valued request header is redacted as the target is", () => {
  for (const name of [
    "referer",
    "x-original-url",
    "x-original-uri",
    "x-original-request-uri",
    "x-auth-request-redirect",
    "x-forwarded-uri",
    "x-forwarded-url",
    "x-rewrite-url",
    "x-waws-unencoded-url",
  ])
    it(name, () => {
      const value = `https://app.example/chat?user=7&api.key=${SECRET}`;
      assert.equal(loggedHeaders({ [name]: value })[name], `https://app.example/chat?user=7&api.key=${HINT}`);
    });
  it("x-envoy-original-path: Envoy's path before a rewrite, query included", () => {
    const value = `/openai/v1/models?limit=2&api-key=${SECRET}`;
    assert.equal(
      loggedHeaders({ "x-envoy-original-path": value })["x-envoy-original-path"],
      `/openai/v1/models?limit=2&api-key=${HINT}`,
    );
  });
  it("a Referer without a credential stays byte for byte", () => {
    const value = "https://app.example/chat?user=7&q=%E2%9C%93";
    assert.equal(loggedHeaders({ referer: value }).referer, value);
  });
});

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

test("a live request: log, journal and HAR hold the hint; the server answered as sent", async () => {
  const res = await request(`${s.url}/v1/models?api.key=${SECRET}&accessToken=${SECRET}`, {
    dispatcher: s.agent,
    headers: {
      referer: `https://app.example/?apiKey=${SECRET}`,
      "x-envoy-original-path": `/openai/v1/models?api-key=${SECRET}`,
      "x-forwarded-url": `/v1/models?api_key=${SECRET}`,
    },
  });
  assert.equal(res.statusCode, 200, "routing read the real target");
  await res.body.text();
  const id = res.headers["x-request-id"];
  const entry = s.server.log.list().find((e) => e.id === id)!;
  assert.equal(entry.path, `/v1/models?api.key=${HINT}&accessToken=${HINT}`);
  assert.equal(entry.request.headers.referer, `https://app.example/?apiKey=${HINT}`);
  assert.equal(entry.request.headers["x-envoy-original-path"], `/openai/v1/models?api-key=${HINT}`);
  assert.equal(entry.request.headers["x-forwarded-url"], `/v1/models?api_key=${HINT}`);
  const har = JSON.stringify(toHar([entry], { serverUrl: s.url }));
  assert.ok(!har.includes(SECRET), har.slice(0, 400));
  const journal = await request(`${s.url}/__mock/requests`, { dispatcher: s.agent });
  const text = await journal.body.text();
  assert.equal(journal.statusCode, 200);
  assert.ok(text.includes(`api.key=${HINT}`), text.slice(0, 300));
  assert.ok(!text.includes(SECRET), "the journal never holds the key");
});
