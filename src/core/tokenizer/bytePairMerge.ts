/**
 * Byte-level BPE for one pre-tokenized piece: start from single bytes and keep merging the
 * adjacent pair whose concatenation has the lowest rank (the leftmost on a tie) until no pair is
 * a token. This is tiktoken's `byte_pair_merge`; gpt-tokenizer runs the same algorithm.
 */
import type { Vocabulary } from "./vocabulary";

const NONE = 0x7fffffff;
// Scratch arrays shared by every call (the tokenizer is synchronous), grown for long pieces.
let starts = new Int32Array(256);
let ranks = new Int32Array(256);

/** Appends the ranks of bytes[0, length) to `out`. */
export function bytePairMerge(vocab: Vocabulary, bytes: Uint8Array, length: number, out: number[]): void {
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
