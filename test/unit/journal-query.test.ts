import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { JournalQueryError, parseJournalQuery, queryJournal } from "../../src/core/journal/query";
import type { LogEntry } from "../../src/shared/requestLog";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let seq = 0;
function entry(over: Partial<LogEntry> & { headers?: Record<string, string> } = {}): LogEntry {
  const { headers, ...rest } = over;
  seq++;
  return {
    id: `req_${seq}`,
    seq,
    kind: "http",
    time: 1_000 * seq,
    durationMs: 5,
    client: { commonName: "mock-gpt-client", fingerprint256: "AA", serialNumber: "01" },
    caller: { id: "key:abc", label: "sk-…test", kind: "api-key" },
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    status: 200,
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    request: { headers: { "content-type": "application/json", ...headers }, body: "{}", bodyTruncated: false },
    response: { headers: {}, body: "{}", bodyTruncated: false },
    chunks: [{ t: 1, data: "x" }],
    usage: null,
    error: null,
    ...rest,
  };
}

const q = (s: string) => parseJournalQuery(new URLSearchParams(s));

describe("journal query", () => {
  const log = [
    entry({ headers: { "x-stainless-retry-count": "0" }, status: 429 }),
    entry({ headers: { "x-stainless-retry-count": "1" }, status: 429 }),
    entry({ headers: { "x-stainless-retry-count": "2" }, status: 200 }),
    entry({ method: "GET", path: "/v1/models?x=1", model: null, caller: null }),
    entry({ model: "gpt-4o", status: 503, scenario: "errors" }),
    entry({ status: null, durationMs: null }),
    entry({ kind: "tls-rejected", path: "", method: "", status: null, model: null, client: null, caller: null }),
  ];

  test("no filter: every HTTP entry, with counts", () => {
    const r = queryJournal(log, q(""));
    assert.equal(r.total, 6);
    assert.equal(r.matched, 6);
    assert.deepEqual(r.counts.byStatus, { "429": 2, "200": 2, "503": 1, pending: 1 });
    assert.deepEqual(r.counts.byEndpoint, { "POST /v1/chat/completions": 5, "GET /v1/models": 1 });
    assert.deepEqual(r.counts.byRetryCount, { "0": 1, "1": 1, "2": 1, none: 3 });
    assert.deepEqual(r.counts.byClient, { "sk-…test": 5, "mock-gpt-client": 1 });
  });

  test("status codes and classes, endpoint exact and prefix, model, scenario", () => {
    assert.equal(queryJournal(log, q("status=429")).matched, 2);
    assert.equal(queryJournal(log, q("status=4xx,503")).matched, 3);
    assert.equal(queryJournal(log, q("status=2xx")).matched, 2);
    assert.equal(queryJournal(log, q("endpoint=/v1/models")).matched, 1);
    assert.equal(queryJournal(log, q("endpoint=/v1/*")).matched, 6);
    assert.equal(queryJournal(log, q("endpoint=/v1/chat")).matched, 0);
    assert.equal(queryJournal(log, q("model=gpt-4o")).matched, 1);
    assert.equal(queryJournal(log, q("scenario=errors")).matched, 1);
    assert.equal(queryJournal(log, q("method=get")).matched, 1);
  });

  test("request header present or equal; client by label, id or CN; time bounds", () => {
    const retried = queryJournal(log, q("header=X-Stainless-Retry-Count"));
    assert.equal(retried.matched, 3);
    const two = queryJournal(log, q("header=x-stainless-retry-count:2&status=200"));
    assert.deepEqual(
      two.entries.map((e) => e.seq),
      [log[2]!.seq],
    );
    assert.equal(queryJournal(log, q("client=sk-…test")).matched, 5);
    assert.equal(queryJournal(log, q("client=key:abc")).matched, 5);
    assert.equal(queryJournal(log, q("client=mock-gpt-client")).matched, 6);
    const t0 = log[1]!.time;
    assert.equal(queryJournal(log, q(`since=${t0}&until=${log[2]!.time}`)).matched, 2);
    assert.equal(queryJournal(log, q(`since=${new Date(t0).toISOString()}`)).matched, 5);
  });

  test("limit keeps the newest matches; summary drops bodies and chunks but not headers", () => {
    const r = queryJournal(log, q("limit=2&summary=1"));
    assert.equal(r.matched, 6);
    assert.deepEqual(
      r.entries.map((e) => e.seq),
      [log[4]!.seq, log[5]!.seq],
    );
    assert.equal(r.entries[0]!.request.body, "");
    assert.deepEqual(r.entries[0]!.chunks, []);
    assert.equal(log[4]!.request.body, "{}", "the log itself is untouched");
    assert.equal(queryJournal(log, q("kind=tls-rejected")).matched, 1);
    assert.equal(queryJournal(log, q("kind=all")).total, 7);
  });

  test("a poll for a few entries, or a summary, never holds every match's bodies at once", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // Entries made as they are read, as the request log rebuilds its packed ones: 20 M characters in all.
    const fresh = function* (n: number) {
      for (let i = 0; i < n; i++) {
        const e = entry();
        e.request.body = Buffer.alloc(100_000 + i, "p").toString(); // flat, as rebuilt entries are (repeat() makes a rope)
        e.response.body = Buffer.alloc(100_000 + i, "a").toString();
        yield e;
      }
    };
    for (const q of ["limit=3", "summary=1", "limit=3&summary=1"]) {
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = 0;
      const sampled = (function* () {
        for (const e of fresh(100)) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - before);
          yield e;
        }
      })();
      const r = queryJournal(sampled, parseJournalQuery(new URLSearchParams(q)));
      assert.equal(r.matched, 100, q);
      assert.equal(r.total, 100, q);
      if (q.includes("limit"))
        assert.deepEqual(
          r.entries.map((e) => e.request.body.length),
          q.includes("summary") ? [0, 0, 0] : [100_097, 100_098, 100_099],
          `${q}: the newest three`,
        );
      assert.ok(peak < 5_000_000, `${q}: the query held ${(peak / 1e6).toFixed(1)} MB at once`);
    }
  });

  test("bad parameters are errors that name the parameter", () => {
    for (const [s, param] of [
      ["status=42", "status"],
      ["since=yesterday", "since"],
      ["limit=-1", "limit"],
      ["header=:x", "header"],
      ["kind=dns", "kind"],
      ["colour=red", "colour"],
    ] as const)
      assert.throws(
        () => q(s),
        (e: unknown) => e instanceof JournalQueryError && e.param === param,
        s,
      );
  });
});
