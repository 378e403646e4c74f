/**
 * A BPE vocabulary held as bytes, not as JavaScript objects: every token's bytes concatenated, a
 * Uint32Array of offsets indexed by rank, and an open-addressing hash table from bytes to rank.
 * o200k_base's 200k tokens take ~4 MB this way, against ~40 MB of RSS as strings in a Map.
 * The file is written by esbuild.mjs (writeVocabularies), which describes its layout.
 */
import { readFileSync } from "node:fs";

const MAGIC = 0x31455042; // "BPE1"
const EMPTY = -1;
// Texts of the tokens in use, so a stream's pieces need no decoding. An answer uses a few hundred
// distinct tokens; the cache is simply cleared when full.
const TEXT_CACHE_SIZE = 8192;
const whole = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** FNV-1a over bytes[start, end): cheap, and spreads short tokens well. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Vocabulary {
  /** Ranks 0 .. size - 1 (special tokens are not part of it). */
  readonly size: number;
  private readonly bytes: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly texts = new Map<number, string | null>();

  constructor(file: Uint8Array) {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
      throw new Error("the tokenizer needs a little-endian CPU");
    // Typed views need 4-byte alignment, which a Buffer from a pool may lack: then a copy
    // (new Uint8Array copies; Buffer's slice would not).
    if (file.byteOffset % 4) file = new Uint8Array(file);
    const head = new Uint32Array(file.buffer, file.byteOffset, 3);
    if (head[0] !== MAGIC) throw new Error("not a vocabulary file (run `node esbuild.mjs`)");
    const size = head[1]!;
    this.size = size;
    this.offsets = new Uint32Array(file.buffer, file.byteOffset + 12, size + 1);
    this.bytes = file.subarray(12 + 4 * (size + 1), 12 + 4 * (size + 1) + head[2]!);
    // Load factor under 0.5, so a miss ends after a probe or two.
    let capacity = 1;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let rank = 0; rank < size; rank++) {
      const start = this.offsets[rank]!;
      const end = this.offsets[rank + 1]!;
      if (end === start) continue; // an unused rank
      let slot = hashBytes(this.bytes, start, end) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = rank;
    }
  }

  static load(path: string): Vocabulary {
    return new Vocabulary(readFileSync(path));
  }

  /** The rank of the token spelled by bytes[start, end), or -1. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let slot = hashBytes(bytes, start, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const rank = this.slots[slot]!;
      if (rank === EMPTY) return -1;
      const at = this.offsets[rank]!;
      if (this.offsets[rank + 1]! - at !== length) continue;
      let i = 0;
      while (i < length && this.bytes[at + i] === bytes[start + i]) i++;
      if (i === length) return rank;
    }
  }

  /** The bytes of `rank` (a view, not a copy); empty for an id outside the vocabulary. */
  tokenBytes(rank: number): Uint8Array {
    if (!(rank >= 0 && rank < this.size)) return this.bytes.subarray(0, 0);
    return this.bytes.subarray(this.offsets[rank]!, this.offsets[rank + 1]!);
  }

  /** The text of `rank` when its bytes are whole UTF-8 characters, else null. */
  text(rank: number): string | null {
    let t = this.texts.get(rank);
    if (t === undefined) {
      try {
        t = whole.decode(this.tokenBytes(rank));
      } catch {
        t = null;
      }
      if (this.texts.size >= TEXT_CACHE_SIZE) this.texts.clear();
      this.texts.set(rank, t);
    }
    return t;
  }

  /** Start and end of `rank`'s bytes in `this.buffer`, for loops that avoid a view per token. */
  get buffer(): Uint8Array {
    return this.bytes;
  }
  start(rank: number): number {
    return this.offsets[rank]!;
  }
  end(rank: number): number {
    return this.offsets[rank + 1]!;
  }
}
