import type { RequestLog } from "../log/requestLog";
import { endpointOf } from "../../shared/endpoints";
import type { LogEntry } from "../../shared/requestLog";
import { failureCause } from "./failureCause";
import { LatencySamples, percentile } from "./latencySamples";
import type { FailureCause, SeriesPoint, StatsSnapshot } from "../../shared/stats";

export interface StatsTrackerOptions {
  /** Completed requests kept for the latency percentiles. @default 10000 */
  latencySamples?: number;
  /** Sliding window for requests per second. @default 10000 */
  rpsWindowMs?: number;
  /** Width of one latency-over-time bucket. @default 1000 */
  bucketMs?: number;
  /** Buckets kept for the latency-over-time series. @default 120 */
  seriesLength?: number;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

interface Bucket {
  /** Bucket index (time / width); -1 when unused. */
  key: number;
  count: number;
  errors: number;
  sumMs: number;
  maxMs: number;
}

/** Status codes as `byStatus` keys, made once each (a fresh string per request costs its hashing too). */
const statusKeys = new Array<string | undefined>(1000);
const statusKey = (status: number): string =>
  Number.isInteger(status) && status >= 0 && status < 1000 ? (statusKeys[status] ??= String(status)) : String(status);

/** A ring of time buckets indexed by key % length: O(1) updates, fixed memory. */
class BucketRing {
  private readonly ring: Bucket[];
  constructor(
    readonly width: number,
    length: number,
  ) {
    this.ring = Array.from({ length: Math.max(1, length) }, () => ({
      key: -1,
      count: 0,
      errors: 0,
      sumMs: 0,
      maxMs: 0,
    }));
  }
  get length(): number {
    return this.ring.length;
  }
  /** The bucket for time t, recycled if it held an older key; undefined if t is older than the ring reaches. */
  at(t: number): Bucket | undefined {
    const key = Math.floor(t / this.width);
    const b = this.ring[key % this.ring.length]!;
    if (b.key > key) return undefined;
    if (b.key !== key) Object.assign(b, { key, count: 0, errors: 0, sumMs: 0, maxMs: 0 });
    return b;
  }
  /** The bucket for key if it still holds that key. */
  peek(key: number): Bucket | undefined {
    const b = this.ring[key % this.ring.length]!;
    return b.key === key ? b : undefined;
  }
  clear(): void {
    for (const b of this.ring) b.key = -1;
  }
}

/**
 * Live request statistics for the dashboard, fed by RequestLog events. Every event costs O(1)
 * and memory is fixed by the options (plus one small record per request still in flight), so a
 * long session or a burst of thousands of requests stays cheap. Percentiles are sorted on demand.
 */
export class StatsTracker {
  private readonly now: () => number;
  private readonly samples: LatencySamples;
  private readonly arrivals: BucketRing;
  private readonly series: BucketRing;
  /** In-flight HTTP entries: id → whether it is a stream. Entries leave on completion, eviction or clear. */
  private readonly pending = new Map<string, boolean>();
  private total = 0;
  private success = 0;
  private errors = 0;
  private failures: Record<FailureCause, number> = { client: 0, server: 0, injected: 0 };
  private tlsRejected = 0;
  private handshakesAborted = 0;
  private streams = 0;
  private tokens = { prompt: 0, completion: 0, total: 0 };
  private byMethod: Record<string, number> = {};
  private byEndpoint: Record<string, number> = {};
  private byStatus: Record<string, number> = {};
  private sortedCache: Float64Array | null = null;
  /**
   * The log followed, and its "evicted" listener while any entry is in flight (only those matter
   * here): with a listener, the log decodes every evicted entry's id from its packed record.
   */
  private followed: RequestLog | null = null;
  private readonly onEvicted = (ids: string[]) => this.evicted(ids);
  private watching = false;
  readonly rpsWindowMs: number;

  constructor(options: StatsTrackerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.samples = new LatencySamples(options.latencySamples ?? 10_000);
    this.rpsWindowMs = Math.max(1000, options.rpsWindowMs ?? 10_000);
    // One-second arrival buckets; one spare so the oldest partial second can be dropped cleanly.
    this.arrivals = new BucketRing(1000, Math.ceil(this.rpsWindowMs / 1000) + 1);
    this.series = new BucketRing(Math.max(1, options.bucketMs ?? 1000), options.seriesLength ?? 120);
  }

  /** Seeds from what the log holds now and follows its events. Returns the unsubscribe function. */
  attach(log: RequestLog): () => void {
    this.followed = log;
    for (const e of log.values()) this.added(e);
    const onAdded = (e: LogEntry) => this.added(e);
    const onUpdated = (e: LogEntry) => this.updated(e);
    const onCleared = () => this.reset();
    log.on("added", onAdded);
    log.on("updated", onUpdated);
    log.on("cleared", onCleared);
    return () => {
      log.off("added", onAdded);
      log.off("updated", onUpdated);
      log.off("cleared", onCleared);
      if (this.watching) log.off("evicted", this.onEvicted);
      this.watching = false;
      this.followed = null;
    };
  }

  /** Listens for evictions exactly while some entry is in flight (see `followed`). */
  private watchEvictions(): void {
    const want = this.pending.size > 0;
    if (want === this.watching || !this.followed) return;
    this.watching = want;
    if (want) this.followed.on("evicted", this.onEvicted);
    else this.followed.off("evicted", this.onEvicted);
  }

  added(e: LogEntry): void {
    if (e.kind === "tls-rejected") {
      this.tlsRejected++;
      return;
    }
    this.total++;
    this.byMethod[e.method] = (this.byMethod[e.method] ?? 0) + 1;
    const endpoint = endpointOf(e.path);
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
    const arrival = this.arrivals.at(e.time);
    if (arrival) arrival.count++;
    if (e.durationMs !== null) return this.complete(e);
    this.pending.set(e.id, e.stream);
    if (e.stream) this.streams++;
    this.watchEvictions();
  }

  updated(e: LogEntry): void {
    const wasStream = this.pending.get(e.id);
    if (wasStream === undefined) return; // already completed, or not ours
    if (e.durationMs !== null) {
      this.pending.delete(e.id);
      if (wasStream) this.streams--;
      this.watchEvictions();
      this.complete(e);
    } else if (e.stream !== wasStream) {
      this.pending.set(e.id, e.stream);
      this.streams += e.stream ? 1 : -1;
    }
  }

  /** A connection the client closed mid-handshake: never in the log, so counted here directly. */
  handshakeAborted(): void {
    this.handshakesAborted++;
  }

  /** Evicted in-flight entries will never report completion: forget them so counts don't leak. */
  evicted(ids: string[]): void {
    for (const id of ids) {
      const stream = this.pending.get(id);
      if (stream === undefined) continue;
      this.pending.delete(id);
      if (stream) this.streams--;
    }
    this.watchEvictions();
  }

  /** Back to zero (the log was cleared). */
  reset(): void {
    this.pending.clear();
    this.watchEvictions();
    this.samples.clear();
    this.arrivals.clear();
    this.series.clear();
    this.total = this.success = this.errors = this.tlsRejected = this.handshakesAborted = this.streams = 0;
    this.tokens = { prompt: 0, completion: 0, total: 0 };
    this.failures = { client: 0, server: 0, injected: 0 };
    this.byMethod = {};
    this.byEndpoint = {};
    this.byStatus = {};
    this.sortedCache = null;
  }

  snapshot(): StatsSnapshot {
    const at = this.now();
    const completed = this.success + this.errors;
    const sorted = (this.sortedCache ??= this.samples.sorted());
    return {
      at,
      total: this.total,
      completed,
      inFlight: this.pending.size,
      success: this.success,
      errors: this.errors,
      failures: { ...this.failures },
      successRate: completed ? this.success / completed : 0,
      errorRate: completed ? this.errors / completed : 0,
      clientErrorRate: completed ? this.failures.client / completed : 0,
      serverErrorRate: completed ? (this.failures.server + this.failures.injected) / completed : 0,
      tlsRejected: this.tlsRejected,
      handshakesAborted: this.handshakesAborted,
      latency: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        samples: sorted.length,
      },
      requestsPerSecond: this.rps(at),
      rpsWindowMs: this.rpsWindowMs,
      activeStreams: this.streams,
      tokens: { ...this.tokens },
      byMethod: { ...this.byMethod },
      byEndpoint: { ...this.byEndpoint },
      byStatus: { ...this.byStatus },
      series: this.seriesPoints(at),
      bucketMs: this.series.width,
    };
  }

  private complete(e: LogEntry): void {
    const cause = failureCause(e);
    const failed = cause !== null;
    if (cause) {
      this.errors++;
      this.failures[cause]++;
    } else this.success++;
    const status = e.status === null ? "none" : statusKey(e.status);
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    const ms = e.durationMs ?? 0;
    this.samples.push(ms);
    this.sortedCache = null;
    const b = this.series.at(e.time + ms);
    if (b) {
      b.count++;
      if (failed) b.errors++;
      b.sumMs += ms;
      b.maxMs = Math.max(b.maxMs, ms);
    }
    if (e.usage) {
      this.tokens.prompt += e.usage.prompt_tokens;
      this.tokens.completion += e.usage.completion_tokens;
      this.tokens.total += e.usage.total_tokens;
    }
  }

  /** Arrivals in the window's whole seconds, the current (partial) one included. */
  private rps(at: number): number {
    const seconds = Math.ceil(this.rpsWindowMs / 1000);
    const last = Math.floor(at / 1000);
    let n = 0;
    for (let k = last - seconds + 1; k <= last; k++) n += this.arrivals.peek(k)?.count ?? 0;
    return n / seconds;
  }

  private seriesPoints(at: number): SeriesPoint[] {
    const w = this.series.width;
    const last = Math.floor(at / w);
    const out: SeriesPoint[] = [];
    for (let k = last - this.series.length + 1; k <= last; k++) {
      const b = this.series.peek(k);
      out.push(
        b && b.count
          ? { t: k * w, count: b.count, errors: b.errors, avgMs: b.sumMs / b.count, maxMs: b.maxMs }
          : { t: k * w, count: 0, errors: 0, avgMs: null, maxMs: null },
      );
    }
    return out;
  }
}
