// The inspector's pure view models: filtering, stream reassembly, curl and HAR 1.2 export.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  EMPTY_FILTER,
  filterEntries,
  isFilterActive,
  matchesFilter,
  normalizeQuery,
  statusClass,
  textMatcher,
} from "../../src/shared/pages/inspector/filter";
import { summarize } from "../../src/shared/pages/inspector/protocol";
import { prettyJson, reassembleStream } from "../../webview/inspector/model/stream";
import { shellQuote, toCurl } from "../../webview/inspector/model/curl";
import { exportFileName, toHar, toJsonExport } from "../../src/shared/pages/inspector/har";
import { httpEntry, streamEntry, tlsEntry } from "../browser/inspectorFixtures";

describe("filter", () => {
  const get = httpEntry({
    method: "GET",
    path: "/v1/models",
    request: { headers: {}, body: "", bodyTruncated: false },
  });
  const ok = httpEntry({ response: { headers: {}, body: '{"content":"The Quick Fox"}', bodyTruncated: false } });
  const limited = httpEntry({ status: 429 });
  const failed = httpEntry({ status: 503, path: "/v1/chat/completions?x=1" });
  const tls = tlsEntry();
  const pending = httpEntry({
    status: null,
    durationMs: null,
    stream: true,
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [{ t: 1, data: '{"choices":[{"delta":{"content":"partial answer"}}]}' }],
  });
  const all = [get, ok, limited, failed, tls, pending];
  // As page and host split it: page-side filters over summaries, the body search on the host's entries.
  const ids = (f: Partial<typeof EMPTY_FILTER>) => {
    const filter = { ...EMPTY_FILTER, ...f };
    const q = normalizeQuery(filter.text);
    const hits = new Set(q ? all.filter(textMatcher(q)).map((e) => e.id) : []);
    return filterEntries(all.map(summarize), filter, (s) => hits.has(s.id)).map((e) => e.id);
  };

  test("no filter keeps everything, newest first", () => {
    assert.deepEqual(
      ids({}),
      [...all].reverse().map((e) => e.id),
    );
    assert.equal(isFilterActive(EMPTY_FILTER), false);
  });
  test("status classes", () => {
    assert.deepEqual([get, limited, failed, tls, pending].map(statusClass), ["2xx", "4xx", "5xx", "tls", "pending"]);
    assert.deepEqual(ids({ status: "2xx" }), [ok.id, get.id]);
    assert.deepEqual(ids({ status: "4xx" }), [limited.id]);
    assert.deepEqual(ids({ status: "5xx" }), [failed.id]);
    assert.deepEqual(ids({ status: "tls" }), [tls.id]);
    assert.deepEqual(ids({ status: "pending" }), [pending.id]);
  });
  test("method is case-insensitive and excludes TLS entries", () => {
    assert.deepEqual(ids({ method: "get" }), [get.id]);
    assert.equal(ids({ method: "POST" }).includes(tls.id), false);
  });
  test("path substring, case-insensitive, includes the query", () => {
    assert.deepEqual(ids({ path: "MODELS" }), [get.id]);
    assert.deepEqual(ids({ path: "x=1" }), [failed.id]);
  });
  test("free text searches request and response bodies, in-flight chunks and TLS errors", () => {
    assert.deepEqual(ids({ text: "quick fox" }), [ok.id]);
    assert.deepEqual(ids({ text: "partial ANSWER" }), [pending.id]);
    assert.deepEqual(ids({ text: "did not return" }), [tls.id]);
    assert.deepEqual(ids({ text: "   " }), ids({}));
    assert.deepEqual(ids({ text: "nothing matches this" }), []);
    assert.equal(
      textMatcher(normalizeQuery("A.B (c)"))(
        httpEntry({ request: { headers: {}, body: "x a.b (C) y", bodyTruncated: false } }),
      ),
      true,
      "regex characters are literal",
    );
    assert.equal(textMatcher("a.b")(httpEntry({ request: { headers: {}, body: "axb", bodyTruncated: false } })), false);
  });
  test("summaries carry no bodies and cap client-chosen strings", () => {
    const s = summarize(httpEntry({ model: "m".repeat(100_000), path: `/v1/${"p".repeat(100_000)}` }));
    assert.ok(JSON.stringify(s).length < 5000);
    assert.equal("request" in s || "response" in s || "chunks" in s, false);
    assert.equal(summarize(streamEntry()).chunkCount, 6);
  });
  test("filters combine", () => {
    assert.equal(matchesFilter(failed, { method: "POST", status: "5xx", path: "chat", text: "" }), true);
    assert.equal(
      matchesFilter(failed, { method: "POST", status: "5xx", path: "chat", text: "x" }, () => false),
      false,
    );
    assert.equal(matchesFilter(failed, { method: "POST", status: "4xx", path: "chat", text: "" }), false);
  });
});

describe("stream reassembly", () => {
  test("concatenates content deltas, notes finish_reason and [DONE]", () => {
    const r = reassembleStream(streamEntry().chunks);
    assert.equal(r.text, "Streamed hello world.");
    assert.equal(r.finishReason, "stop");
    assert.equal(r.done, true);
    assert.equal(r.invalid, 0);
  });
  test("accumulates tool-call argument fragments by index", () => {
    const tc = (index: number, fn: object, id?: string) => ({
      t: 0,
      data: JSON.stringify({
        choices: [
          { index: 0, delta: { tool_calls: [{ index, ...(id ? { id, type: "function" } : {}), function: fn }] } },
        ],
      }),
    });
    const r = reassembleStream([
      tc(0, { name: "get_weather", arguments: "" }, "call_a"),
      tc(1, { name: "get_time", arguments: '{"tz"' }, "call_b"),
      tc(0, { arguments: '{"city":' }),
      tc(0, { arguments: '"Paris"}' }),
      tc(1, { arguments: ':"UTC"}' }),
      { t: 1, data: "not json" },
    ]);
    assert.deepEqual(r.toolCalls, [
      { index: 0, id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { index: 1, id: "call_b", name: "get_time", arguments: '{"tz":"UTC"}' },
    ]);
    assert.equal(r.invalid, 1);
    assert.equal(r.text, "");
  });
  test("prettyJson pretty-prints JSON and leaves other text alone", () => {
    assert.equal(prettyJson('{"a":[1]}'), '{\n  "a": [\n    1\n  ]\n}');
    assert.equal(prettyJson("<script>x</script>"), "<script>x</script>");
  });
});

describe("copy as curl", () => {
  test("shellQuote survives quotes, $, backticks and newlines in a real shell", () => {
    const nasty = `it's $HOME \`id\` "q" \n $(echo no) \\ end`;
    assert.equal(execFileSync("sh", ["-c", `printf %s ${shellQuote(nasty)}`], { encoding: "utf8" }), nasty);
  });
  test("builds flags for the client certificate, method, URL, headers (minus hop-by-hop) and body", () => {
    const e = httpEntry({
      path: "/v1/chat/completions?a=b",
      request: {
        headers: {
          "content-type": "application/json",
          host: "x",
          "content-length": "5",
          connection: "keep-alive",
          "x-note": "it's",
        },
        body: '{"a":"b"}',
        bodyTruncated: false,
      },
    });
    const cmd = toCurl(e, {
      serverUrl: "https://127.0.0.1:8443/",
      clientTls: { caPath: "/c/ca.pem", certPath: "/c/my cert.pem", keyPath: "/c/key.pem" },
    });
    assert.equal(
      cmd,
      [
        "curl",
        "--cacert '/c/ca.pem' --cert '/c/my cert.pem' --key '/c/key.pem'",
        "-X 'POST'",
        "'https://127.0.0.1:8443/v1/chat/completions?a=b'",
        "-H 'content-type: application/json'",
        `-H 'x-note: it'\\''s'`,
        `--data-raw '{"a":"b"}'`,
      ].join(" \\\n  "),
    );
    // What a POSIX shell makes of it: exactly the intended argv.
    const argv = execFileSync("sh", ["-c", `set -- ${cmd.replace(/^curl/, "")}; printf '%s\\0' "$@"`], {
      encoding: "utf8",
    })
      .split("\0")
      .slice(0, -1);
    assert.deepEqual(argv, [
      "--cacert",
      "/c/ca.pem",
      "--cert",
      "/c/my cert.pem",
      "--key",
      "/c/key.pem",
      "-X",
      "POST",
      "https://127.0.0.1:8443/v1/chat/completions?a=b",
      "-H",
      "content-type: application/json",
      "-H",
      "x-note: it's",
      "--data-raw",
      '{"a":"b"}',
    ]);
  });
  test("GET without body, streams get -N, no TLS flags when there is no client certificate", () => {
    assert.equal(
      toCurl(
        httpEntry({ method: "GET", path: "/v1/models", request: { headers: {}, body: "", bodyTruncated: false } }),
        { serverUrl: null, clientTls: null },
      ),
      "curl \\\n  'https://127.0.0.1/v1/models'",
    );
    assert.match(toCurl(streamEntry(), { serverUrl: "https://h:1", clientTls: null }), /^curl -N /);
  });
  test("a redacted query credential becomes the placeholder, as a redacted header does", () => {
    const e = httpEntry({
      method: "GET",
      path: "/v1/models?api-key=azu%E2%80%A63456&x=1",
      request: { headers: { "api-key": "azu\u20263456" }, body: "", bodyTruncated: false },
    });
    assert.equal(
      toCurl(e, { serverUrl: "https://h:1", clientTls: null }),
      "curl \\\n  'https://h:1/v1/models?api-key=sk-mock-gpt-replay&x=1' \\\n  -H 'api-key: sk-mock-gpt-replay'",
    );
  });
});

describe("HAR 1.2 export", () => {
  const isNum = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  const isStr = (v: unknown) => typeof v === "string";
  const nameValues = (v: unknown) =>
    Array.isArray(v) && v.every((p) => isStr((p as { name: unknown }).name) && isStr((p as { value: unknown }).value));

  test("every required field is present with the right type", () => {
    const entries = [
      httpEntry({ path: "/v1/chat/completions?user=a%20b&x=1" }),
      streamEntry(),
      tlsEntry(),
      httpEntry({ method: "GET", path: "/v1/models", request: { headers: {}, body: "", bodyTruncated: false } }),
      httpEntry({ status: null, durationMs: null }),
    ];
    const har = JSON.parse(JSON.stringify(toHar(entries, { serverUrl: "https://127.0.0.1:8443", version: "9.9.9" })));
    assert.equal(har.log.version, "1.2");
    assert.deepEqual(har.log.creator, { name: "Mock GPT", version: "9.9.9" });
    assert.equal(har.log.entries.length, 4, "TLS refusals are not HTTP exchanges");
    for (const e of har.log.entries) {
      assert.ok(
        isStr(e.startedDateTime) && !Number.isNaN(Date.parse(e.startedDateTime)) && e.startedDateTime.endsWith("Z"),
      );
      assert.ok(isNum(e.time) && e.time >= 0);
      const q = e.request;
      assert.ok(isStr(q.method) && isStr(q.url) && isStr(q.httpVersion));
      assert.ok(new URL(q.url).protocol === "https:");
      assert.ok(Array.isArray(q.cookies) && nameValues(q.headers) && nameValues(q.queryString));
      assert.ok(isNum(q.headersSize) && isNum(q.bodySize));
      if (q.postData) assert.ok(isStr(q.postData.mimeType) && isStr(q.postData.text));
      const r = e.response;
      assert.ok(isNum(r.status) && isStr(r.statusText) && isStr(r.httpVersion));
      assert.ok(Array.isArray(r.cookies) && nameValues(r.headers));
      assert.ok(isNum(r.content.size) && isStr(r.content.mimeType) && isStr(r.content.text));
      assert.ok(isStr(r.redirectURL) && isNum(r.headersSize) && isNum(r.bodySize));
      assert.deepEqual(e.cache, {});
      for (const k of ["send", "wait", "receive"]) assert.ok(isNum(e.timings[k]) && e.timings[k] >= 0, k);
      assert.equal(e.timings.send + e.timings.wait + e.timings.receive, e.time, "timings add up to time");
    }
    const [first, stream, get, pending] = har.log.entries;
    assert.deepEqual(first.request.queryString, [
      { name: "user", value: "a b" },
      { name: "x", value: "1" },
    ]);
    assert.equal(first.request.url, "https://127.0.0.1:8443/v1/chat/completions?user=a%20b&x=1");
    assert.equal(first.request.postData.mimeType, "application/json");
    assert.equal(first.response.statusText, "OK");
    assert.equal(stream.response.content.mimeType, "text/event-stream");
    assert.equal(stream.timings.wait, 5, "first chunk ends the wait");
    assert.equal(get.request.postData, undefined);
    assert.equal(pending.response.status, 0);
    assert.match(pending.comment, /in flight/);
  });
  test("sizes are UTF-8 bytes, entries oldest first", () => {
    const a = httpEntry({ request: { headers: {}, body: "é€", bodyTruncated: false } });
    const b = httpEntry();
    const har = toHar([b, a], { serverUrl: null });
    assert.deepEqual(
      har.log.entries.map((e) => e.startedDateTime),
      [a, b].map((e) => new Date(e.time).toISOString()),
    );
    assert.equal(har.log.entries[0]!.request.bodySize, 5);
  });
  test("JSON export keeps every entry (TLS included) and names files by date", () => {
    const parsed = JSON.parse(toJsonExport([tlsEntry(), httpEntry()], { serverUrl: "https://h:1" }));
    assert.equal(parsed.entries.length, 2);
    assert.equal(parsed.serverUrl, "https://h:1");
    assert.equal(
      exportFileName("har", new Date("2025-03-04T05:06:07.890Z")),
      "mock-gpt-requests-2025-03-04T05-06-07.har",
    );
  });
});
