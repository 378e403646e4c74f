/**
 * Text to token ids: the encoding's pre-tokenization regex splits the text into pieces, a piece
 * that is a whole token is looked up at once, and any other piece goes through byte-level BPE.
 * Special tokens are never recognised: to the API, "<|endoftext|>" in user text is plain text.
 */
import { bytePairMerge } from "./bytePairMerge";
import type { Vocabulary } from "./vocabulary";

// Multi-token pieces recently merged, so repeated words skip BPE. Bounded and simply cleared when
// full: the generator's answers reuse a small vocabulary, and an LRU would cost more than it saves.
// Only word-sized pieces: a client's megabyte-long "word" must not stay in memory.
const CACHE_SIZE = 4096;
const CACHED_PIECE_CHARS = 64;
// Scratch bytes beyond this are dropped after the text that needed them.
const KEPT_SCRATCH = 64 * 1024;

/** The end of the piece at `pos` found without the regex, or -1 (see asciiPieces.ts). */
export type PieceEnd = (text: string, pos: number) => number;

export class Encoder {
  private readonly split: RegExp;
  private bytes = new Uint8Array(1024);
  private readonly merged = new Map<string, number[]>();

  constructor(
    readonly vocab: Vocabulary,
    split: RegExp,
    private readonly pieceEnd: PieceEnd = () => -1,
  ) {
    // Our own copy: a global regex carries lastIndex between uses.
    this.split = new RegExp(split.source, split.flags.includes("g") ? split.flags : split.flags + "g");
  }

  encode(text: string): number[] {
    const out: number[] = [];
    const split = this.split;
    for (let pos = 0; pos < text.length;) {
      const end = this.pieceEnd(text, pos);
      if (end > pos) {
        this.asciiPiece(text, pos, end, out);
        pos = end;
        continue;
      }
      // A piece is decided by the text from its start on (no lookbehind), so the regex can take
      // over at any piece boundary. Like matchAll, it skips what no alternative matches.
      split.lastIndex = pos;
      const m = split.exec(text);
      if (m === null) break;
      this.piece(m[0], out);
      pos = split.lastIndex;
    }
    if (this.bytes.length > KEPT_SCRATCH) this.bytes = new Uint8Array(1024);
    return out;
  }

  /** text[pos, end), all ASCII: its bytes are its char codes, and no string is made for a token. */
  private asciiPiece(text: string, pos: number, end: number, out: number[]): void {
    const length = end - pos;
    if (this.bytes.length < length) this.bytes = new Uint8Array(length * 2);
    for (let i = 0; i < length; i++) this.bytes[i] = text.charCodeAt(pos + i);
    const rank = this.vocab.rank(this.bytes, 0, length);
    if (rank >= 0) out.push(rank);
    else this.merge(text.slice(pos, end), length, out);
  }

  private piece(piece: string, out: number[]): void {
    if (this.bytes.length < piece.length * 3) this.bytes = new Uint8Array(piece.length * 3);
    const length = utf8(piece, this.bytes);
    // gpt-tokenizer looks a whole piece up by its text, which never matches when the text holds a
    // lone surrogate (its bytes hold U+FFFD instead): such pieces always go through BPE.
    if (length >= 0) {
      const rank = this.vocab.rank(this.bytes, 0, length);
      if (rank >= 0) {
        out.push(rank);
        return;
      }
    }
    this.merge(piece, length < 0 ? ~length : length, out);
  }

  /** BPE of `piece`, whose `length` bytes are in this.bytes. */
  private merge(piece: string, length: number, out: number[]): void {
    const known = this.merged.get(piece);
    if (known) {
      for (const r of known) out.push(r);
      return;
    }
    const ranks: number[] = [];
    bytePairMerge(this.vocab, this.bytes, length, ranks);
    if (piece.length <= CACHED_PIECE_CHARS) {
      if (this.merged.size >= CACHE_SIZE) this.merged.clear();
      this.merged.set(detached(piece), ranks);
    }
    for (const r of ranks) out.push(r);
  }
}

/**
 * A fresh copy of `piece`. A piece is a slice of the text being encoded, and V8 keeps slices of 13+
 * characters as views into their parent: cached as is, one word would keep a megabyte prompt alive.
 */
function detached(piece: string): string {
  if (piece.length < 13) return piece;
  const units: number[] = [];
  for (let i = 0; i < piece.length; i++) units.push(piece.charCodeAt(i));
  return String.fromCharCode(...units);
}

/**
 * Writes `text` as UTF-8 into `out` (which has room for 3 bytes per UTF-16 unit) and returns the
 * length, or its complement (~length, negative) when a lone surrogate was written as U+FFFD,
 * as TextEncoder does.
 */
export function utf8(text: string, out: Uint8Array): number {
  let n = 0;
  let lone = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 63);
          out[n++] = 0x80 | ((c >> 6) & 63);
          out[n++] = 0x80 | (c & 63);
          continue;
        }
        c = 0xfffd;
        lone = true;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return lone ? ~n : n;
}
