/**
 * Byte-level BPE for one pre-tokenized piece: start from single bytes and keep merging the
 * adjacent pair whose concatenation has the lowest rank (the leftmost on a tie) until no pair is
 * a token. This is tiktoken's `byte_pair_merge`; gpt-tokenizer runs the same algorithm.
 * Its scan for the lowest pair is quadratic: a 1 MB one-word prompt would hold the event loop for
 * hours, so long pieces take the same merges in the same order from a heap instead.
 */
import type { Vocabulary } from "./vocabulary";

const NONE = 0x7fffffff;
// Below this, scanning a few dozen pairs beats keeping a heap.
const LONG_PIECE = 256;
// Scratch arrays shared by every call (the tokenizer is synchronous), grown for long pieces.
let starts = new Int32Array(256);
let ranks = new Int32Array(256);

/** Appends the ranks of bytes[0, length) to `out`. */
export function bytePairMerge(vocab: Vocabulary, bytes: Uint8Array, length: number, out: number[]): void {
  if (length > LONG_PIECE) return heapMerge(vocab, bytes, length, out);
  if (starts.length < length + 1) {
    starts = new Int32Array(length * 2 + 1);
    ranks = new Int32Array(length * 2 + 1);
  }
  // Parts are bytes[starts[i], starts[i + 1]); ranks[i] is the rank of parts i and i + 1 merged.
  let parts = length;
  for (let i = 0; i <= length; i++) starts[i] = i;
  for (let i = 0; i < length - 1; i++) ranks[i] = pairRank(vocab, bytes, i, parts);
  ranks[length - 1] = NONE;

  while (parts > 1) {
    let best = NONE;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if (ranks[i]! < best) {
        best = ranks[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    // Part at + 1 joins part at: drop its start and its pair rank, then re-rank both neighbours.
    starts.copyWithin(at + 1, at + 2, parts + 1);
    ranks.copyWithin(at + 1, at + 2, parts);
    parts--;
    ranks[at] = pairRank(vocab, bytes, at, parts);
    if (at > 0) ranks[at - 1] = pairRank(vocab, bytes, at - 1, parts);
  }

  for (let i = 0; i < parts; i++) {
    const rank = vocab.rank(bytes, starts[i]!, starts[i + 1]!);
    // Single bytes are all tokens in a byte-level vocabulary, so every part has a rank.
    if (rank < 0) throw new Error("BPE produced a part that is not a token: the vocabulary is incomplete");
    out.push(rank);
  }
}

/** The rank of parts i and i + 1 merged, or NONE when there is no part i + 1 or no such token. */
function pairRank(vocab: Vocabulary, bytes: Uint8Array, i: number, parts: number): number {
  if (i + 1 >= parts) return NONE;
  const rank = vocab.rank(bytes, starts[i]!, starts[i + 2]!);
  return rank < 0 ? NONE : rank;
}

/**
 * The same merges for long pieces, O(n log n): parts are a linked list over their start offsets,
 * and a min-heap holds (rank, start) for every adjacent pair, so the lowest rank pops first and
 * the leftmost among equals. An entry is stale once its part is gone or its pair's rank changed;
 * a pair's bytes only grow, so its rank never returns to an old value.
 */
function heapMerge(vocab: Vocabulary, bytes: Uint8Array, length: number, out: number[]): void {
  const next = new Int32Array(length); // start of the following part (length at the end), -1 once merged away
  const prev = new Int32Array(length);
  const pairRank = new Int32Array(length);
  const heap = new MinHeap(3 * length);
  const rankAt = (s: number) => {
    const n = next[s]!;
    if (n >= length) return NONE;
    const r = vocab.rank(bytes, s, next[n]!);
    return r < 0 ? NONE : r;
  };
  for (let s = 0; s < length; s++) {
    next[s] = s + 1;
    prev[s] = s - 1;
  }
  for (let s = 0; s < length; s++) if ((pairRank[s] = rankAt(s)) !== NONE) heap.push(pairRank[s]!, s);
  while (heap.size > 0) {
    const rank = heap.topRank();
    const s = heap.pop();
    if (next[s]! < 0 || pairRank[s] !== rank) continue;
    const gone = next[s]!;
    next[s] = next[gone]!;
    if (next[s]! < length) prev[next[s]!] = s;
    next[gone] = -1;
    if ((pairRank[s] = rankAt(s)) !== NONE) heap.push(pairRank[s]!, s);
    const p = prev[s]!;
    if (p >= 0 && (pairRank[p] = rankAt(p)) !== NONE) heap.push(pairRank[p]!, p);
  }
  for (let s = 0; s < length; s = next[s]!) {
    const rank = vocab.rank(bytes, s, next[s]!);
    if (rank < 0) throw new Error("BPE produced a part that is not a token: the vocabulary is incomplete");
    out.push(rank);
  }
}

/** A binary min-heap of (rank, start), ordered by rank, then start. */
class MinHeap {
  size = 0;
  private readonly ranks: Int32Array;
  private readonly starts: Int32Array;
  constructor(capacity: number) {
    this.ranks = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
  }
  private less(i: number, j: number): boolean {
    const a = this.ranks[i]!;
    const b = this.ranks[j]!;
    return a < b || (a === b && this.starts[i]! < this.starts[j]!);
  }
  private swap(i: number, j: number): void {
    const r = this.ranks[i]!;
    const s = this.starts[i]!;
    this.ranks[i] = this.ranks[j]!;
    this.starts[i] = this.starts[j]!;
    this.ranks[j] = r;
    this.starts[j] = s;
  }
  push(rank: number, start: number): void {
    let i = this.size++;
    this.ranks[i] = rank;
    this.starts[i] = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  topRank(): number {
    return this.ranks[0]!;
  }
  /** Removes the top entry and returns its start. */
  pop(): number {
    const start = this.starts[0]!;
    const last = --this.size;
    this.ranks[0] = this.ranks[last]!;
    this.starts[0] = this.starts[last]!;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < last && this.less(l, m)) m = l;
      if (r < last && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return start;
  }
}
