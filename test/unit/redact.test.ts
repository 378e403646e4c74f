import { test } from "node:test";
import assert from "node:assert/strict";
import { loggedHeaders, redactPath, redactSecret } from "../../src/core/server/redact";
import { REPLAY_PLACEHOLDER_KEY } from "../../src/shared/pages/inspector/headers";
import { replayPath } from "../../src/shared/pages/inspector/query";

test("redactSecret keeps the scheme and a hint of the key", () => {
  assert.equal(redactSecret("Bearer sk-proj-abcdefghijklmnop"), "Bearer sk-…mnop");
  assert.equal(redactSecret("short"), "…");
  assert.equal(redactSecret("Basic abc"), "Basic …");
});

test("loggedHeaders redacts credentials and joins repeats on a copy, leaving Node's object alone", () => {
  const node = {
    authorization: "Bearer sk-proj-abcdefghijklmnop",
    cookie: "session=0123456789abcdef",
    "x-custom": ["a", "b"],
    "content-type": "application/json",
  };
  const original = structuredClone(node);
  const logged = loggedHeaders(node);
  assert.deepEqual(logged, {
    authorization: "Bearer sk-…mnop",
    cookie: "ses…cdef",
    "x-custom": "a, b",
    "content-type": "application/json",
  });
  assert.deepEqual(node, original, "the request's own headers are unchanged");
  assert.deepEqual(Object.keys(logged), Object.keys(node), "same order as received");
});

test("redactPath cuts credential query parameters to a hint and leaves the rest byte for byte", () => {
  assert.equal(redactPath("/v1/models"), "/v1/models");
  assert.equal(
    redactPath("/v1/responses/resp_1?stream=true&starting_after=3"),
    "/v1/responses/resp_1?stream=true&starting_after=3",
  );
  assert.equal(
    redactPath("/v1/chat/completions?api_key=sk-proj-abcdefghijklmnop&x=1%202"),
    "/v1/chat/completions?api_key=sk-%E2%80%A6mnop&x=1%202",
  );
  assert.equal(redactPath("/v1/models?API-KEY=0123456789abcdef"), "/v1/models?API-KEY=012%E2%80%A6cdef");
  assert.equal(
    redactPath("/v1/models?access_token=short&token=sk%2Dproj%2Dzyxwvutsrq"),
    "/v1/models?access_token=%E2%80%A6&token=sk-%E2%80%A6tsrq",
  );
  assert.equal(
    redactPath("/v1/models?api%5Fkey=sk-proj-abcdefghijklmnop#frag"),
    "/v1/models?api%5Fkey=sk-%E2%80%A6mnop#frag",
  );
  assert.equal(redactPath("/v1/models?key=%E0%A4%A"), "/v1/models?key=%E2%80%A6", "malformed escapes are still cut");
});

test("a redacted query stays an ASCII URL that Node and WHATWG URL parse back to the hint", () => {
  const logged = redactPath("/v1/models?api-key=azure-secret-key-123456&x=%C3%A9");
  assert.equal(logged, "/v1/models?api-key=azu%E2%80%A63456&x=%C3%A9");
  assert.match(logged, /^[\x21-\x7e]*$/, "printable ASCII only");
  assert.equal(new URL(logged, "https://h").searchParams.get("api-key"), "azu\u20263456");
  assert.equal(
    redactPath("/v1/models?auth=Bearer%20sk-proj-abcdefghijklmnop"),
    "/v1/models?auth=Bearer%20sk-%E2%80%A6mnop",
  );
});

test("replayPath puts the placeholder or the user's key in place of redacted query credentials only", () => {
  const logged = redactPath("/v1/models?api-key=azure-secret-key-123456&note=a%E2%80%A6b&x=1");
  assert.deepEqual(replayPath(logged), {
    path: `/v1/models?api-key=${REPLAY_PLACEHOLDER_KEY}&note=a%E2%80%A6b&x=1`,
    credential: "placeholder",
  });
  assert.deepEqual(replayPath(logged, " my key+1 "), {
    path: "/v1/models?api-key=my%20key%2B1&note=a%E2%80%A6b&x=1",
    credential: "key",
  });
  assert.deepEqual(
    replayPath(redactPath("/v1/models?auth=Bearer%20sk-proj-abcdefghijklmnop"), "sk-u")!.path,
    "/v1/models?auth=Bearer%20sk-u",
  );
  assert.deepEqual(replayPath("/v1/models?api_key=not-redacted"), {
    path: "/v1/models?api_key=not-redacted",
    credential: null,
  });
  assert.deepEqual(replayPath("/v1/models"), { path: "/v1/models", credential: null });
});
