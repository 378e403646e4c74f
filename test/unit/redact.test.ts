import { test } from "node:test";
import assert from "node:assert/strict";
import { loggedHeaders, redactPath, redactSecret } from "../../src/core/server/redact";

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
    "/v1/chat/completions?api_key=sk-…mnop&x=1%202",
  );
  assert.equal(redactPath("/v1/models?API-KEY=0123456789abcdef"), "/v1/models?API-KEY=012…cdef");
  assert.equal(
    redactPath("/v1/models?access_token=short&token=sk%2Dproj%2Dzyxwvutsrq"),
    "/v1/models?access_token=…&token=sk-…tsrq",
  );
  assert.equal(redactPath("/v1/models?api%5Fkey=sk-proj-abcdefghijklmnop#frag"), "/v1/models?api%5Fkey=sk-…mnop#frag");
  assert.equal(redactPath("/v1/models?key=%E0%A4%A"), "/v1/models?key=…", "malformed escapes are still cut");
});
