// The "Open in Editor" tab is titled after the request it shows: short, plain, and safe.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { REQUEST_TAB_FALLBACK, requestTabTitle } from "../../src/extension/webviews/requestTitle";

type Entry = NonNullable<Parameters<typeof requestTabTitle>[0]>;
const entry = (over: Partial<Entry> = {}): Entry => ({
  kind: "http",
  method: "POST",
  path: "/v1/chat/completions",
  status: 200,
  durationMs: 12,
  remoteAddress: "127.0.0.1",
  error: null,
  ...over,
});

describe("requestTabTitle", () => {
  it("names the method, path and status", () => {
    assert.equal(requestTabTitle(entry()), "POST /v1/chat/completions · 200");
    assert.equal(requestTabTitle(entry({ method: "GET", path: "/v1/models", status: 404 })), "GET /v1/models · 404");
  });

  it("says when the answer is still coming, never came, or failed after its 200", () => {
    assert.equal(requestTabTitle(entry({ status: null, durationMs: null })), "POST /v1/chat/completions · …");
    assert.equal(
      requestTabTitle(entry({ status: null, error: { code: "fault_reset", message: "reset" } })),
      "POST /v1/chat/completions · no response",
    );
    assert.equal(
      requestTabTitle(entry({ error: { code: "client_closed", message: "closed" } })),
      "POST /v1/chat/completions · 200 failed",
    );
    assert.equal(
      requestTabTitle(entry({ status: 429, error: { code: "rate_limit_exceeded", message: "slow down" } })),
      "POST /v1/chat/completions · 429",
    );
  });

  it("falls back to the generic title with no entry, and names refused handshakes by address", () => {
    assert.equal(requestTabTitle(undefined), REQUEST_TAB_FALLBACK);
    assert.equal(
      requestTabTitle(entry({ kind: "tls-rejected", method: "", path: "", status: null, remoteAddress: "::1" })),
      "TLS refused · ::1",
    );
  });

  it("leaves out the query string, where credentials would be", () => {
    assert.equal(
      requestTabTitle(entry({ path: "/v1/models?api-key=sk-…abcd&x=1", method: "GET" })),
      "GET /v1/models · 200",
    );
  });

  it("keeps a long path short, cut in its middle on whole characters", () => {
    const id = "ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:9abcdefgh😀xyz";
    const title = requestTabTitle(entry({ method: "GET", path: `/v1/models/${id}` }));
    assert.ok(title.length <= 60, title);
    assert.match(title, /^GET \/v1\/models\/ft:gpt-4o.*….*xyz · 200$/);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(title), "no lone surrogate");
  });

  it("removes control and bidi-override characters from request-derived text", () => {
    const title = requestTabTitle(entry({ method: "PO\u0000ST", path: "/v1/\u202Eevil\u0007\n/x\u2028" }));
    assert.equal(title, "POST /v1/evil/x · 200");
    assert.equal(requestTabTitle(entry({ path: "\u0001\u0002" })), "POST / · 200");
  });
});
