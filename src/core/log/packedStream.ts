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

export function pack(chunks: readonly StreamChunk[]): PackedStream {
  const count = chunks.length;
  const times = new Float64Array(count);
  const shape = new Uint32Array(count * 3);
  const parts: string[] = [];
  let end = 0;
  let sseLength = 0;
  let prev = "";
  for (let i = 0; i < count; i++) {
    const { t, data } = chunks[i]!;
    times[i] = t;
    const max = Math.min(prev.length, data.length);
    let pre = 0;
    while (pre < max && prev.charCodeAt(pre) === data.charCodeAt(pre)) pre++;
    let suf = 0;
    while (suf < max - pre && prev.charCodeAt(prev.length - 1 - suf) === data.charCodeAt(data.length - 1 - suf)) suf++;
    const middle = data.slice(pre, data.length - suf);
    parts.push(middle);
    end += middle.length;
    shape[i * 3] = pre;
    shape[i * 3 + 1] = suf;
    shape[i * 3 + 2] = end;
    sseLength += data.length + 8; // "data: " + "\n\n"
    prev = data;
  }
  // join() flattens: one string instead of a rope of `count` pieces.
  return { count, times, shape, middles: parts.join(""), sseLength };
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
