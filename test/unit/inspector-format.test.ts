import assert from "node:assert/strict";
import { test } from "node:test";
import { failedAfterHeaders, statusLabel, statusTone } from "../../webview/inspector/format";

const http = { kind: "http" as const, status: 200, error: null };

test("a stream that failed after its 200 headers is marked failed in the list and the detail", () => {
  const cut = { ...http, error: { code: "server_error", message: "The stream failed mid-way." } };
  assert.equal(failedAfterHeaders(cut), true);
  assert.equal(statusTone(cut), "error");
  assert.equal(statusLabel(cut), "200", "the list keeps the code (narrow column), in the error tone");
  assert.equal(statusLabel(cut, { long: true }), "200 · failed");
  assert.equal(statusTone(http), "success");
  assert.equal(statusLabel(http, { long: true }), "200");
  assert.equal(failedAfterHeaders({ ...http, status: null, error: cut.error }), false, "still in flight");
  assert.equal(statusTone({ ...http, status: 404, error: { code: "x", message: "y" } }), "warning");
});
