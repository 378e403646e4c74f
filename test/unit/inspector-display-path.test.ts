// A redacted query credential reads "sk-…cret" where the inspector shows it, while the logged path,
// the HAR url and curl copies stay valid percent-encoded URLs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { redactPath } from "../../src/core/server/redact";
import { displayPath } from "../../src/shared/pages/inspector/query";
import { matchesFilter, type InspectorFilter } from "../../src/shared/pages/inspector/filter";
import { toHar } from "../../src/shared/pages/inspector/har";
import { httpEntry } from "../browser/inspectorFixtures";

const SECRET = "sk-proj-query0123456789secret";
const logged = redactPath(`/v1/models?api_key=${SECRET}&limit=2&q=a%20b`);

describe("displayPath", () => {
  it("decodes the redaction hint of a credential parameter, and nothing else", () => {
    assert.equal(logged, "/v1/models?api_key=sk-%E2%80%A6cret&limit=2&q=a%20b", "the log keeps a valid URL");
    assert.equal(displayPath(logged), "/v1/models?api_key=sk-…cret&limit=2&q=a%20b");
    assert.equal(
      displayPath(redactPath(`/v1/chat/completions?api-key=${SECRET}`)),
      "/v1/chat/completions?api-key=sk-…cret",
    );
  });

  it("leaves paths without a hint, and encoded text in other parameters, as they are", () => {
    for (const p of ["/v1/models", "/v1/models?after=%E2%80%A6x", "/v1/x?note=sk-%E2%80%A6cret", "/v1/x?api_key"])
      assert.equal(displayPath(p), p);
  });

  it("keeps what would change the query's shape, or is unprintable, encoded", () => {
    // A hint's visible ends come from the client: "&", "#", "%" and control or bidi characters stay escaped.
    const hostile = redactPath(`/v1/models?token=${encodeURIComponent("a&bzzzzzzzzz%\u202E#\u0007")}`);
    const shown = displayPath(hostile);
    assert.match(shown, /^\/v1\/models\?token=a%26b…/);
    assert.equal(shown, "/v1/models?token=a%26b…%25%E2%80%AE%23%07");
    assert.equal(shown.split("&").length, 1, "still one parameter");
  });

  it("the path filter finds the entry by what the list shows, or by what was logged", () => {
    const e = httpEntry({ method: "GET", path: logged });
    const f = (path: string): InspectorFilter => ({ method: "", status: "all", path, text: "" });
    assert.ok(matchesFilter(e, f("api_key=sk-…cret")));
    assert.ok(matchesFilter(e, f("sk-%E2%80%A6")));
    assert.ok(!matchesFilter(e, f("sk-…nope")));
  });

  it("HAR: the url stays a valid encoded URL; its queryString reads decoded", () => {
    const har = toHar([httpEntry({ method: "GET", path: logged })], { serverUrl: "https://127.0.0.1:1" });
    const req = har.log.entries[0]!.request;
    assert.equal(new URL(req.url).search, "?api_key=sk-%E2%80%A6cret&limit=2&q=a%20b");
    assert.deepEqual(req.queryString, [
      { name: "api_key", value: "sk-…cret" },
      { name: "limit", value: "2" },
      { name: "q", value: "a b" },
    ]);
  });
});
