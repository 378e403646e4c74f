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
 * characters instead of its whole payload and an object. Plain arrays and strings while it is open:
 * typed arrays cost more to grow than a short stream's chunks. `done` gives the same PackedStream as
 * `pack` of the same chunks.
 */
export class StreamPacker {
  count = 0;
  /** Length of the SSE text so far (`data: …\n\n` each). */
  sseLength = 0;
  private readonly times: number[] = [];
  /** Per chunk: shared prefix length, shared suffix length, end of its part in the middles. */
  private readonly shape: number[] = [];
  /** The middles joined so far (a few large flat pieces), and those since. */
  private joined = "";
  private parts: string[] = [];
  /** Parts that are slices of 13+ characters: V8 keeps such a slice's whole payload alive until joined. */
  private slices = 0;
  private length = 0;
  /** The last chunk's payload: the next one is written as what differs from it. */
  private prev = "";
  /** Prefix and suffix lengths the last chunk shared with the one before. */
  private hintPre = 0;
  private hintSuf = 0;

  push(t: number, data: string): void {
    const prev = this.prev;
    const max = Math.min(prev.length, data.length);
    // Chunks of a stream share an envelope of the same length, so the lengths the last chunk shared
    // likely hold again: compared as whole slices (native, ~10x a loop over characters), then the
    // loops only extend them. A guess that fails costs a compare, and the loops start from 0.
    let pre = 0;
    const hp = this.hintPre;
    if (hp >= 13 && hp <= max && prev.slice(0, hp) === data.slice(0, hp)) pre = hp;
    while (pre < max && prev.charCodeAt(pre) === data.charCodeAt(pre)) pre++;
    let suf = 0;
    const hs = this.hintSuf;
    if (hs >= 13 && hs <= max - pre && prev.slice(prev.length - hs) === data.slice(data.length - hs)) suf = hs;
    while (suf < max - pre && prev.charCodeAt(prev.length - 1 - suf) === data.charCodeAt(data.length - 1 - suf)) suf++;
    this.hintPre = pre;
    this.hintSuf = suf;
    const end = data.length - suf;
    if (end > pre) {
      this.parts.push(data.slice(pre, end));
      this.length += end - pre;
      if (end - pre >= 13 && end - pre < data.length) this.slices++;
      if (this.slices === 16 || this.parts.length === 64) this.join();
    }
    this.times.push(t);
    this.shape.push(pre, suf, this.length);
    this.sseLength += data.length + 8; // "data: " + "\n\n"
    this.prev = data;
    this.count++;
  }

  /** The chunks so far, as they were pushed. */
  chunks(): StreamChunk[] {
    return unpack(this.done());
  }

  /** The packed stream so far (the middles one flat string). */
  done(): PackedStream {
    this.join();
    this.joined.charCodeAt(0); // flat: a tree of joined pieces costs ~20 bytes a piece more
    return {
      count: this.count,
      times: new Float64Array(this.times),
      shape: new Uint32Array(this.shape),
      middles: this.joined,
      sseLength: this.sseLength,
    };
  }

  private join(): void {
    if (this.parts.length === 0) return;
    // join() copies into one flat string: the payloads that slices kept alive are let go.
    this.joined += this.parts.join("");
    this.parts = [];
    this.slices = 0;
  }
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
