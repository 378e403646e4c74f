/** Fixed-size ring of the most recent latencies: O(1) per sample, bounded memory. */
export class LatencySamples {
  private readonly buf: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.filled;
  }

  push(ms: number): void {
    this.buf[this.next] = ms;
    this.next = (this.next + 1) % this.buf.length;
    if (this.filled < this.buf.length) this.filled++;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  /** Sorted copy; paid per snapshot (a few per second), not per request. */
  sorted(): Float64Array {
    return this.buf.slice(0, this.filled).sort();
  }
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% of samples at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}
