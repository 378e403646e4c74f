import assert from "node:assert/strict";
import { test } from "node:test";
import { failedAfterHeaders } from "../../src/shared/pages/inspector/status";

const http = { kind: "http" as const, status: 200, error: null };

test("a stream that failed after its 200 headers counts as failed (list and detail mark it so)", () => {
  const cut = { ...http, error: { code: "server_error", message: "The stream failed mid-way." } };
  assert.equal(failedAfterHeaders(cut), true);
  assert.equal(failedAfterHeaders(http), false);
  assert.equal(failedAfterHeaders({ ...http, status: null, error: cut.error }), false, "still in flight");
  assert.equal(failedAfterHeaders({ ...http, status: 404, error: cut.error }), false, "already an error status");
  assert.equal(failedAfterHeaders({ kind: "tls-rejected" as const, status: null, error: cut.error }), false);
});
