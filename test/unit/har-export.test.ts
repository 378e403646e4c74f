import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildExport, requestBase, toHar } from "../../src/shared/pages/inspector/har";
import { httpEntry, streamEntry, tlsEntry } from "../browser/inspectorFixtures";

const withHost = (host: string | undefined, path = "/v1/chat/completions") => {
  const e = httpEntry({ path });
  const headers = { ...e.request.headers };
  if (host !== undefined) headers.host = host;
  return { ...e, request: { ...e.request, headers } };
};

describe("HAR export", () => {
  test("the reported count is the number of entries written; refused TLS handshakes are named apart", () => {
    // The case: 24 rows in the list, 2 of them refused handshakes, 22 HTTP exchanges.
    const entries = [
      ...Array.from({ length: 20 }, () => httpEntry()),
      tlsEntry(),
      streamEntry(),
      httpEntry({ status: null, durationMs: null }),
      tlsEntry(),
    ];
    const built = buildExport(entries, "har", { serverUrl: "https://127.0.0.1:8443" });
    const har = JSON.parse(built.content);
    assert.equal(har.log.entries.length, 22);
    assert.equal(built.count, 22);
    assert.equal(built.summary, "22 requests (2 refused TLS handshakes left out)");
    assert.match(har.log.comment, /^2 refused TLS handshakes left out/);

    const json = buildExport(entries, "json", { serverUrl: null });
    assert.equal(JSON.parse(json.content).entries.length, 24);
    assert.equal(json.count, 24);
    assert.equal(json.summary, "24 entries");
    assert.equal(buildExport([httpEntry()], "har", { serverUrl: null }).summary, "1 request");
    assert.equal(toHar([httpEntry()], { serverUrl: null }).log.comment, undefined);
  });

  test("each entry keeps the host and port it was sent to, not the server's current one", () => {
    const before = withHost("127.0.0.1:8443", "/v1/models?limit=2");
    const after = withHost("localhost:9443");
    const har = toHar([before, after], { serverUrl: "https://127.0.0.1:9443" });
    assert.deepEqual(
      har.log.entries.map((e) => e.request.url),
      ["https://127.0.0.1:8443/v1/models?limit=2", "https://localhost:9443/v1/chat/completions"],
    );
    assert.equal(requestBase(withHost("[::1]:8443"), null), "https://[::1]:8443");
    assert.equal(requestBase(withHost("127.0.0.1:8443"), "http://127.0.0.1:1"), "http://127.0.0.1:8443");
  });

  test("a 200 the client left or a fault cut says so; a clean 200 has no comment", () => {
    const left = streamEntry({
      error: { code: "client_closed", message: "The client closed the connection mid-stream." },
    });
    const cut = httpEntry({ fault: "reset mid-body (x-mock-fault)", error: { code: "fault_reset", message: "cut" } });
    const [a, b, clean] = toHar([left, cut, httpEntry()], { serverUrl: null }).log.entries;
    assert.equal(a!.response.status, 200);
    assert.equal(a!.comment, "ended: client_closed (The client closed the connection mid-stream.)");
    assert.equal(b!.comment, "fault: reset mid-body (x-mock-fault); ended: fault_reset (cut)");
    assert.equal(clean!.comment, undefined);
  });

  test("without a usable Host header the current server URL stands in", () => {
    assert.equal(requestBase(withHost(undefined), "https://127.0.0.1:8443/"), "https://127.0.0.1:8443");
    assert.equal(requestBase(withHost("evil.example/path?x"), "https://127.0.0.1:8443"), "https://127.0.0.1:8443");
    assert.equal(requestBase(withHost('a"b'), null), "https://127.0.0.1");
  });
});
