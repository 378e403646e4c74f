import { test } from "node:test";
import assert from "node:assert/strict";
import { loggedHeaders, redactSecret } from "../../src/core/server/redact";

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
