import type { StreamChunk } from "../../shared/requestLog";

/**
 * A finished stream's chunks, stored once and small. Consecutive chat chunks repeat ~250 characters of
 * envelope (id, model, fingerprint, `"logprobs":null…`) around a few characters of content, so each
 * chunk keeps only what differs from the one before it: the lengths of the prefix and suffix it
 * shares with it, and the characters in between, all in one string. Lossless: `unpack` rebuilds the
 * exact strings.
 */
export interface PackedStream {
  readonly count: number;
  /** Offsets from the request's arrival, in ms. */
  readonly times: Float64Array;
  /** Per chunk: shared prefix length, shared suffix length, end of its part in `middles`. */
  readonly shape: Uint32Array;
  readonly middles: string;
  /** Length of the SSE text the chunks were sent as (`data: …\n\n` each). */
  readonly sseLength: number;
}

/** Bytes each packed chunk costs besides its own characters (a time and three lengths). */
export const PACKED_CHUNK_OVERHEAD = 20;

/**
 * A stream being packed as its chunks arrive, so an open stream holds each chunk's few changed
 * characters instead of its whole payload and an object. Plain arrays while it is open (typed arrays
 * cost more than a short stream's chunks), and the changed characters in a byte array, one byte per
 * character until one needs two: slices of the payloads would keep each payload whole.
 * `done` gives the same PackedStream as `pack` of the same chunks.
 */
export class StreamPacker {
  count = 0;
  /** Length of the SSE text so far (`data: …\n\n` each). */
  sseLength = 0;
  private readonly times: number[] = [];
  /** Per chunk: shared prefix length, shared suffix length, end of its part in `chars`. */
  private readonly shape: number[] = [];
  private chars: Uint8Array | Uint16Array = new Uint8Array(0);
  private wide = false;
  private used = 0;
  /** The last chunk's payload: the next one is written as what differs from it. */
  private prev = "";

  push(t: number, data: string): void {
    const prev = this.prev;
    const max = Math.min(prev.length, data.length);
    let pre = 0;
    while (pre < max && prev.charCodeAt(pre) === data.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf < max - pre && prev.charCodeAt(prev.length - 1 - suf) === data.charCodeAt(data.length - 1 - suf)) suf++;
    const end = data.length - suf;
    let at = this.used;
    if (at + end - pre > this.chars.length) this.grow(at + end - pre);
    let chars = this.chars;
    for (let k = pre; k < end; k++) {
      const c = data.charCodeAt(k);
      if (c > 255 && !this.wide) {
        this.widen(at);
        chars = this.chars;
      }
      chars[at++] = c;
    }
    this.used = at;
    this.times.push(t);
    this.shape.push(pre, suf, at);
    this.sseLength += data.length + 8; // "data: " + "\n\n"
    // charCodeAt above flattened it in place: the tree of pieces it was built from is let go.
    this.prev = data;
    this.count++;
  }

  /** The chunks so far, as they were pushed. */
  chunks(): StreamChunk[] {
    return unpack(this.done());
  }

  /** The packed stream so far (the changed characters as one flat string). */
  done(): PackedStream {
    return {
      count: this.count,
      times: new Float64Array(this.times),
      shape: new Uint32Array(this.shape),
      middles: this.wide ? wideText(this.chars, this.used) : latin1Text(this.chars, this.used),
      sseLength: this.sseLength,
    };
  }

  private grow(need: number): void {
    // Exactly what the first chunk (its whole payload) needs and a little, then half again each time:
    // doubling from there left a short open stream holding twice its text.
    const size = Math.max(need + 32, this.chars.length + (this.chars.length >> 1));
    const chars = this.wide ? new Uint16Array(size) : new Uint8Array(size);
    chars.set(this.chars.subarray(0, this.used));
    this.chars = chars;
  }

  /** A character past 255 arrived: two bytes each from now on. */
  private widen(written: number): void {
    const chars = new Uint16Array(this.chars.length);
    chars.set(this.chars.subarray(0, written));
    this.chars = chars;
    this.wide = true;
  }
}

function latin1Text(chars: Uint8Array | Uint16Array, n: number): string {
  return Buffer.from(chars.buffer, chars.byteOffset, n).toString("latin1");
}

/** UTF-16 code units as a string, whatever the host's byte order (lone surrogates kept). */
function wideText(chars: Uint8Array | Uint16Array, n: number): string {
  let s = "";
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...chars.subarray(i, Math.min(n, i + 4096)));
  if (n > 4096) s.charCodeAt(0); // one flat string, not a tree of its parts
  return s;
}

export function pack(chunks: readonly StreamChunk[]): PackedStream {
  const p = new StreamPacker();
  for (const c of chunks) p.push(c.t, c.data);
  return p.done();
}

export function unpack(p: PackedStream): StreamChunk[] {
  const out: StreamChunk[] = new Array<StreamChunk>(p.count);
  let prev = "";
  let start = 0;
  for (let i = 0; i < p.count; i++) {
    const pre = p.shape[i * 3]!;
    const suf = p.shape[i * 3 + 1]!;
    const end = p.shape[i * 3 + 2]!;
    const data = prev.slice(0, pre) + p.middles.slice(start, end) + (suf ? prev.slice(prev.length - suf) : "");
    out[i] = { t: p.times[i]!, data };
    prev = data;
    start = end;
  }
  return out;
}

/** The stream as it went over the wire. */
export function sseText(chunks: readonly StreamChunk[]): string {
  let s = "";
  for (const c of chunks) s += `data: ${c.data}\n\n`;
  return s;
}

/** Approximate bytes a packed stream holds. */
export function packedSize(p: PackedStream): number {
  return p.middles.length + p.count * PACKED_CHUNK_OVERHEAD;
}
