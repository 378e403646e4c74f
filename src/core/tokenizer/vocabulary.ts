/**
 * A BPE vocabulary held as bytes, not as JavaScript objects: every token's bytes concatenated, a
 * Uint32Array of offsets indexed by rank, and an index from bytes to rank built by esbuild.mjs: the
 * ranks grouped in buckets by hash. o200k_base's 200k tokens take ~3.3 MB this way, against ~40 MB of
 * RSS as strings in a Map; loading reads the file and builds nothing.
 * The file is written by esbuild.mjs (writeVocabularies), which describes its layout.
 */
import { readFileSync } from "node:fs";

const MAGIC = 0x33455042; // "BPE3"
// Texts of the tokens in use, so a stream's pieces need no decoding. An answer uses a few hundred
// distinct tokens; the cache is simply cleared when full.
const TEXT_CACHE_SIZE = 8192;
const whole = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
// The lowest ranks are the most common tokens (BPE ranks are merge order): ranks below 2^15
// are ~90% of the tokens in English text. They are also kept in a table esbuild.mjs builds, where one
// cache line (a bucket of 4 entries) holds a token's hash bits, length, rank and first 8 bytes: a
// lookup of a common word reads one line, where the full index reads 3-5 lines megabytes apart.
// A token whose bucket is full is only in the full index. Built at load, the table cost the first
// request 15-30 ms of unoptimized JavaScript; in the file it is a view, like the full index.
const HOT_BUCKET_BITS = 13;
const HOT_BUCKET_MASK = (1 << HOT_BUCKET_BITS) - 1;
// An entry is 4 words: hash bits 8-31 and length (< 256) in bits 0-7 (0: empty), rank, bytes 0-3, bytes 4-7.
const ENTRY = 4;
const BUCKET = 4 * ENTRY;
const INLINE = 8;

/** FNV-1a over bytes[start, end): cheap, and spreads short tokens well. esbuild.mjs has a copy. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Vocabulary {
  /** Ranks 0 .. size - 1 (special tokens are not part of it). */
  readonly size: number;
  /** Where the token bytes start in the file (for tests that edit one). */
  readonly bytesAt: number;
  /** Where the hot table starts in the file (for tests that check or edit it). */
  readonly hotAt: number;
  private readonly bytes: Uint8Array;
  private readonly offsets: Uint32Array;
  /** Bucket b's ranks are ranks[starts[b] .. starts[b + 1]). */
  private readonly starts: Uint32Array;
  private readonly ranks: Uint32Array;
  private readonly shift: number;
  private readonly texts = new Map<number, string | null>();
  private readonly hot: Uint32Array;

  constructor(file: Uint8Array) {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1)
      throw new Error("the tokenizer needs a little-endian CPU");
    // Typed views need 4-byte alignment, which a Buffer from a pool may lack: then a copy
    // (new Uint8Array copies; Buffer's slice would not).
    if (file.byteOffset % 4) file = new Uint8Array(file);
    const head = new Uint32Array(file.buffer, file.byteOffset, Math.min(5, file.byteLength >> 2));
    if (head[0] !== MAGIC) throw new Error("not a vocabulary file (run `node esbuild.mjs`)");
    // A file cut short or damaged would otherwise count tokens wrong without a word, or fail with a bare RangeError.
    const damaged = () =>
      new Error("a damaged vocabulary file: its parts do not fit its size (run `node esbuild.mjs`)");
    const [, size = 0, byteCount = 0, bits = 0, hotBits = 0] = head;
    if (head.length < 5 || bits < 1 || bits > 24) throw damaged();
    if (hotBits !== HOT_BUCKET_BITS) throw new Error("a vocabulary file from another build (run `node esbuild.mjs`)");
    const end = file.byteOffset + file.byteLength;
    this.size = size;
    this.shift = 32 - bits;
    let at = file.byteOffset + 20;
    if (at + 4 * (size + 1) + 4 * (2 ** bits + 1) > end) throw damaged();
    this.offsets = new Uint32Array(file.buffer, at, size + 1);
    at += 4 * (size + 1);
    this.starts = new Uint32Array(file.buffer, at, 2 ** bits + 1);
    at += 4 * (2 ** bits + 1);
    const rankCount = this.starts[2 ** bits]!;
    const hotWords = BUCKET << HOT_BUCKET_BITS;
    if (at + 4 * rankCount + 4 * hotWords + byteCount > end || this.offsets[size] !== byteCount) throw damaged();
    this.ranks = new Uint32Array(file.buffer, at, rankCount);
    at += 4 * this.ranks.length;
    this.hotAt = at - file.byteOffset;
    this.hot = new Uint32Array(file.buffer, at, hotWords);
    at += 4 * hotWords;
    this.bytesAt = at - file.byteOffset;
    this.bytes = file.subarray(this.bytesAt, this.bytesAt + byteCount);
  }

  static load(path: string): Vocabulary {
    return new Vocabulary(readFileSync(path));
  }

  /** The rank of the token spelled by bytes[start, end), or -1. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let h = 0x811c9dc5;
    let w0 = 0;
    let w1 = 0;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      h = Math.imul(h ^ c, 0x01000193);
      const k = i - start;
      if (k < 4) w0 |= c << (8 * k);
      else if (k < INLINE) w1 |= c << (8 * (k - 4));
    }
    h = (h ^ (h >>> 16)) >>> 0;
    const meta = ((h & ~0xff) | (length & 0xff)) >>> 0;
    const hot = this.hot;
    for (let e = (h & HOT_BUCKET_MASK) * BUCKET, last = e + BUCKET; e < last; e += ENTRY) {
      if (hot[e] !== meta || hot[e + 2] !== w0 >>> 0 || hot[e + 3] !== w1 >>> 0) continue;
      const rank = hot[e + 1]!;
      if (length <= INLINE || this.same(rank, bytes, start, length)) return rank;
    }
    const bucket = h >>> this.shift;
    for (let i = this.starts[bucket]!, last = this.starts[bucket + 1]!; i < last; i++) {
      const rank = this.ranks[i]!;
      const at = this.offsets[rank]!;
      if (this.offsets[rank + 1]! - at !== length) continue;
      let k = 0;
      while (k < length && this.bytes[at + k] === bytes[start + k]) k++;
      if (k === length) return rank;
    }
    return -1;
  }

  /**
   * rank() of text[pos, end) when all of it is ASCII (its bytes are its char codes): hashed and
   * compared straight from the string, so no bytes are copied for the common whole-word token.
   */
  rankAscii(text: string, pos: number, end: number): number {
    const length = end - pos;
    let h = 0x811c9dc5;
    let w0 = 0;
    let w1 = 0;
    for (let i = pos; i < end; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ c, 0x01000193);
      const k = i - pos;
      if (k < 4) w0 |= c << (8 * k);
      else if (k < INLINE) w1 |= c << (8 * (k - 4));
    }
    h = (h ^ (h >>> 16)) >>> 0;
    const meta = ((h & ~0xff) | (length & 0xff)) >>> 0;
    const hot = this.hot;
    for (let e = (h & HOT_BUCKET_MASK) * BUCKET, last = e + BUCKET; e < last; e += ENTRY) {
      if (hot[e] !== meta || hot[e + 2] !== w0 >>> 0 || hot[e + 3] !== w1 >>> 0) continue;
      const rank = hot[e + 1]!;
      if (length <= INLINE || this.sameText(rank, text, pos, length)) return rank;
    }
    const bucket = h >>> this.shift;
    for (let i = this.starts[bucket]!, last = this.starts[bucket + 1]!; i < last; i++) {
      const rank = this.ranks[i]!;
      const at = this.offsets[rank]!;
      if (this.offsets[rank + 1]! - at !== length) continue;
      let k = 0;
      while (k < length && this.bytes[at + k] === text.charCodeAt(pos + k)) k++;
      if (k === length) return rank;
    }
    return -1;
  }

  /** Whether rank's bytes past the inline ones equal bytes[start + 8, start + length), and no more. */
  private same(rank: number, bytes: Uint8Array, start: number, length: number): boolean {
    const at = this.offsets[rank]!;
    if (this.offsets[rank + 1]! - at !== length) return false;
    for (let k = INLINE; k < length; k++) if (this.bytes[at + k] !== bytes[start + k]) return false;
    return true;
  }

  /** The same for ASCII text[pos, pos + length). */
  private sameText(rank: number, text: string, pos: number, length: number): boolean {
    const at = this.offsets[rank]!;
    if (this.offsets[rank + 1]! - at !== length) return false;
    for (let k = INLINE; k < length; k++) if (this.bytes[at + k] !== text.charCodeAt(pos + k)) return false;
    return true;
  }

  /** The byte length of `rank`'s token. */
  length(rank: number): number {
    return this.offsets[rank + 1]! - this.offsets[rank]!;
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
