import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RequestLog } from "../../src/core/log/requestLog";
import type { LogEntry } from "../../src/shared/requestLog";
import { StatsTracker, percentile } from "../../src/core/stats";
import { endpointOf } from "../../src/shared/endpoints";

const T0 = 1_700_000_000_000;
let n = 0;

function entry(over: Partial<LogEntry> = {}): Omit<LogEntry, "seq"> {
  return {
    id: `req_${++n}`,
    kind: "http",
    time: T0,
    durationMs: null,
    client: null,
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    status: null,
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    request: { headers: {}, body: "", bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: null,
    ...over,
  };
}

/** Adds an in-flight entry and finishes it, the way the server does. */
function request(
  log: RequestLog,
  over: Partial<LogEntry>,
  status: number,
  durationMs: number,
  usage: LogEntry["usage"] = null,
): LogEntry {
  const e = log.add(entry(over));
  log.update(e.id, (x) => {
    x.status = status;
    x.durationMs = durationMs;
    x.usage = usage;
  });
  return e;
}

function setup(options: ConstructorParameters<typeof StatsTracker>[0] = {}) {
  let now = T0;
  const log = new RequestLog({ capacity: 100_000 });
  const stats = new StatsTracker({ now: () => now, ...options });
  stats.attach(log);
  return { log, stats, setNow: (t: number) => (now = t) };
}

describe("StatsTracker", () => {
  it("computes p50/p95/p99 equal to nearest-rank on a sorted reference", () => {
    const { log, stats } = setup();
    const latencies: number[] = [];
    let seed = 7;
    for (let i = 0; i < 997; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const ms = (seed % 5000) / 10;
      latencies.push(ms);
      request(log, {}, 200, ms);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const ref = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1];
    const s = stats.snapshot();
    assert.equal(s.latency.samples, 997);
    assert.equal(s.latency.p50, ref(50));
    assert.equal(s.latency.p95, ref(95));
    assert.equal(s.latency.p99, ref(99));
    assert.ok(s.latency.p50! < s.latency.p95! && s.latency.p95! <= s.latency.p99!);
  });

  it("percentile handles edge cases", () => {
    assert.equal(percentile([], 50), null);
    assert.equal(percentile([5], 99), 5);
    assert.equal(percentile([1, 2, 3, 4], 50), 2);
    assert.equal(percentile([1, 2, 3, 4], 100), 4);
  });

  it("counts success and error rates, by method and by status", () => {
    const { log, stats } = setup();
    for (let i = 0; i < 6; i++) request(log, {}, 200, 10);
    request(log, { method: "GET", path: "/v1/models" }, 200, 1);
    request(log, {}, 429, 5);
    request(log, {}, 500, 5);
    request(log, { method: "DELETE", path: "/x" }, 404, 1);
    log.add(entry({ kind: "tls-rejected", method: "", path: "", error: { code: "ERR", message: "no cert" } }));
    const s = stats.snapshot();
    assert.equal(s.total, 10);
    assert.equal(s.completed, 10);
    assert.equal(s.success, 7);
    assert.equal(s.errors, 3);
    assert.equal(s.successRate, 0.7);
    assert.equal(s.errorRate, 0.3);
    assert.equal(s.tlsRejected, 1);
    assert.deepEqual(s.byMethod, { POST: 8, GET: 1, DELETE: 1 });
    assert.deepEqual(s.byStatus, { "200": 7, "429": 1, "500": 1, "404": 1 });
    assert.deepEqual(s.byEndpoint, { "/v1/chat/completions": 8, "/v1/models": 1, other: 1 });
  });

  it("counts handshakes abandoned by clients apart from refusals, and clears them with the log", () => {
    const { log, stats } = setup();
    log.add(entry({ kind: "tls-rejected", method: "", path: "", error: { code: "ERR", message: "no cert" } }));
    stats.handshakeAborted();
    stats.handshakeAborted();
    let s = stats.snapshot();
    assert.deepEqual([s.tlsRejected, s.handshakesAborted, s.total, s.errors], [1, 2, 0, 0]);
    log.clear();
    s = stats.snapshot();
    assert.deepEqual([s.tlsRejected, s.handshakesAborted], [0, 0]);
  });

  it("counts a stream that ended with an error as an error", () => {
    const { log, stats } = setup();
    const e = log.add(entry({ stream: true }));
    log.update(e.id, (x) => {
      x.status = 200;
      x.durationMs = 40;
      x.error = { code: "client_closed", message: "closed" };
    });
    const s = stats.snapshot();
    assert.equal(s.errors, 1);
    assert.equal(s.success, 0);
  });

  it("tracks active streams going up and down while chunks arrive", () => {
    const { log, stats } = setup();
    const a = log.add(entry({ stream: true }));
    const b = log.add(entry({ stream: true }));
    const c = log.add(entry({ stream: false }));
    assert.equal(stats.snapshot().activeStreams, 2);
    assert.equal(stats.snapshot().inFlight, 3);
    log.appendChunk(a.id, 1, '{"choices":[]}');
    log.appendChunk(a.id, 2, "[DONE]");
    assert.equal(stats.snapshot().activeStreams, 2, "chunks do not end a stream");
    log.update(a.id, (x) => ((x.status = 200), (x.durationMs = 3)));
    assert.equal(stats.snapshot().activeStreams, 1);
    log.update(c.id, (x) => ((x.status = 200), (x.durationMs = 3)));
    assert.equal(stats.snapshot().activeStreams, 1);
    log.update(b.id, (x) => ((x.status = 200), (x.durationMs = 9)));
    const s = stats.snapshot();
    assert.equal(s.activeStreams, 0);
    assert.equal(s.inFlight, 0);
    // A late update on a finished entry must not count it twice.
    log.update(b.id, (x) => (x.error = { code: "x", message: "late" }));
    assert.equal(stats.snapshot().completed, 3);
  });

  it("forgets in-flight streams that are evicted or cleared", () => {
    const log = new RequestLog({ capacity: 2 });
    const stats = new StatsTracker({ now: () => T0 });
    stats.attach(log);
    log.add(entry({ stream: true }));
    log.add(entry({ stream: true }));
    log.add(entry({ stream: false }));
    assert.equal(stats.snapshot().activeStreams, 1);
    log.clear();
    const s = stats.snapshot();
    assert.equal(s.activeStreams, 0);
    assert.equal(s.total, 0);
  });

  it("listens for evictions only while something is in flight", () => {
    const log = new RequestLog({ capacity: 2 });
    const stats = new StatsTracker({ now: () => T0 });
    const detach = stats.attach(log);
    // Finished entries only: no listener, so the log never decodes an evicted packed entry's id for it.
    for (let i = 0; i < 3; i++) request(log, {}, 200, 1);
    assert.equal(log.listenerCount("evicted"), 0);
    const open = entry({ stream: true });
    log.add(open);
    assert.equal(log.listenerCount("evicted"), 1);
    // The in-flight stream is evicted by two later requests: forgotten, and the listener goes.
    request(log, {}, 200, 1);
    request(log, {}, 200, 1);
    assert.equal(log.get(open.id), undefined);
    assert.equal(stats.snapshot().activeStreams, 0);
    assert.equal(stats.snapshot().inFlight, 0);
    assert.equal(log.listenerCount("evicted"), 0);
    // Finished in flight: the listener goes too; detaching leaves none.
    const b = entry();
    log.add(b);
    assert.equal(log.listenerCount("evicted"), 1);
    log.update(b.id, (x) => Object.assign(x, { status: 200, durationMs: 1 }));
    assert.equal(log.listenerCount("evicted"), 0);
    log.add(entry());
    detach();
    assert.equal(log.listenerCount("evicted"), 0);
    assert.equal(log.listenerCount("added"), 0);
  });

  it("measures requests per second over a sliding window", () => {
    const { log, stats, setNow } = setup({ rpsWindowMs: 10_000 });
    for (let i = 0; i < 50; i++) request(log, { time: T0 + i * 100 }, 200, 1); // 50 requests over 5 s
    setNow(T0 + 5_000);
    assert.equal(stats.snapshot().requestsPerSecond, 5);
    setNow(T0 + 12_000); // the first 3 seconds (30 requests) slid out
    assert.equal(stats.snapshot().requestsPerSecond, 2);
    setNow(T0 + 60_000);
    assert.equal(stats.snapshot().requestsPerSecond, 0);
  });

  it("sums tokens from usage", () => {
    const { log, stats } = setup();
    request(log, {}, 200, 1, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    request(log, {}, 200, 1, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    request(log, {}, 500, 1);
    assert.deepEqual(stats.snapshot().tokens, { prompt: 13, completion: 9, total: 22 });
  });

  it("builds a latency-over-time series with empty buckets as null", () => {
    const { log, stats, setNow } = setup({ bucketMs: 1000, seriesLength: 5 });
    request(log, { time: T0 }, 200, 100);
    request(log, { time: T0 }, 500, 300);
    request(log, { time: T0 + 2000 }, 200, 50);
    setNow(T0 + 4000);
    const s = stats.snapshot();
    assert.equal(s.series.length, 5);
    assert.deepEqual(
      s.series.map((p) => [p.t - T0, p.count, p.errors, p.avgMs, p.maxMs]),
      [
        [0, 2, 1, 200, 300],
        [1000, 0, 0, null, null],
        [2000, 1, 0, 50, 50],
        [3000, 0, 0, null, null],
        [4000, 0, 0, null, null],
      ],
    );
  });

  it("stays bounded in memory with many events", () => {
    const { log, stats, setNow } = setup({ latencySamples: 1000, seriesLength: 60 });
    for (let i = 0; i < 50_000; i++) request(log, { time: T0 + i * 10 }, i % 10 === 0 ? 500 : 200, i % 997);
    setNow(T0 + 50_000 * 10);
    const s = stats.snapshot();
    assert.equal(s.total, 50_000);
    assert.equal(s.latency.samples, 1000, "percentiles use only the most recent samples");
    assert.equal(s.series.length, 60);
    assert.equal(s.inFlight, 0);
    const internal = stats as unknown as { pending: Map<string, boolean> };
    assert.equal(internal.pending.size, 0, "no per-request state left behind");
    assert.ok(JSON.stringify(s).length < 20_000, "the snapshot itself stays small");
  });

  it("seeds from entries already in the log", () => {
    const log = new RequestLog();
    request(log, {}, 200, 5);
    log.add(entry({ stream: true }));
    const stats = new StatsTracker({ now: () => T0 });
    const detach = stats.attach(log);
    let s = stats.snapshot();
    assert.equal(s.total, 2);
    assert.equal(s.completed, 1);
    assert.equal(s.activeStreams, 1);
    detach();
    request(log, {}, 200, 5);
    s = stats.snapshot();
    assert.equal(s.total, 2, "detached trackers stop counting");
  });
});

describe("endpoints", () => {
  it("endpointOf names routes, with ids folded and unknown paths as other", () => {
    assert.equal(endpointOf("/v1/chat/completions"), "/v1/chat/completions");
    assert.equal(endpointOf("/v1/embeddings?x=1"), "/v1/embeddings");
    assert.equal(endpointOf("/v1/completions/"), "/v1/completions");
    assert.equal(endpointOf("/v1/models/gpt-4o-mini"), "/v1/models/{id}");
    assert.equal(endpointOf("/v1/responses/resp_1/input_items"), "/v1/responses/{id}/input_items");
    assert.equal(endpointOf("/health"), "/health");
    assert.equal(endpointOf("/wp-admin"), "other");
    assert.equal(endpointOf("/v1/nope"), "other");
  });
});

describe("StatsTracker failure causes", () => {
  const finish = (log: RequestLog, over: Partial<LogEntry>, status: number | null, error: LogEntry["error"] = null) => {
    const e = log.add(entry(over));
    log.update(e.id, (x) => {
      x.status = status;
      x.durationMs = 5;
      x.error = error;
      if (over.fault !== undefined) x.fault = over.fault;
    });
  };

  it("counts a test's own bad requests as client errors, apart from server and injected failures", () => {
    const { log, stats } = setup();
    for (const status of [200, 200, 201, 200]) finish(log, {}, status);
    for (const status of [400, 401, 404, 422]) finish(log, {}, status);
    finish(log, {}, 499, { code: "client_closed", message: "the client closed the connection" });
    finish(log, { fault: "HTTP 503 server_error (x-mock-fault)" }, 503);
    finish(log, { fault: "injected 429 rate_limit_exceeded (scenario error rate)" }, 429);
    finish(log, { fault: "reset before any byte (queued)" }, 0, { code: "fault_reset", message: "reset" });
    finish(log, {}, 200, { code: "fault_eof", message: "cut after 3 chunks" });
    finish(log, {}, 429); // the simulated rate limiter
    finish(log, {}, 500);
    finish(log, {}, 200, { code: "server_error", message: "stream failed" });
    finish(log, {}, 499, { code: "server_stopped", message: "stopped" });
    const s = stats.snapshot();
    assert.deepEqual(s.failures, { client: 5, injected: 5, server: 3 });
    assert.equal(s.errors, 13);
    assert.equal(s.success, 4);
    assert.equal(s.completed, 17);
    assert.equal(s.clientErrorRate, 5 / 17);
    assert.equal(s.serverErrorRate, 8 / 17);
    assert.equal(s.errorRate, 13 / 17);
    log.clear();
    assert.deepEqual(stats.snapshot().failures, { client: 0, injected: 0, server: 0 });
  });
});
