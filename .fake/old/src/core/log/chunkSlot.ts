import type { LogEntry, StreamChunk } from "../../shared/requestLog";
import { StreamPacker } from "./packedStream";

/**
 * Where an in-flight entry's `chunks` live. A stream's chunks are packed as they arrive (packedStream.ts),
 * so an open stream holds a few bytes per chunk instead of each payload and an object; the first read
 * unpacks them into an array, which then follows the stream (a view that watches a stream costs what a
 * plain array did). Readers see an ordinary enumerable `chunks` property either way.
 */
export class ChunkSlot {
  /** The chunks as an array: not packed (yet), or assigned. */
  private plain: StreamChunk[] | null;
  private packer: StreamPacker | null = null;
  /** The array handed to readers of a packed stream; it follows the stream. */
  private read: StreamChunk[] | null = null;
  /** Someone read `plain`: it follows the stream once packing starts. */
  private seen = false;
  /** False once the entry's `chunks` became something else (its stream finished, see RequestLog). */
  live = true;

  constructor(plain: StreamChunk[]) {
    this.plain = plain;
  }

  get count(): number {
    return this.packer ? this.packer.count : this.plain!.length;
  }

  /** Characters of the chunks' payloads (as sent). */
  get chars(): number {
    if (this.packer) return this.packer.sseLength - 8 * this.packer.count;
    let n = 0;
    for (const c of this.plain!) n += c.data.length;
    return n;
  }

  /** Whether the chunks are held unpacked (read through the entry, or never packed). */
  get unpacked(): boolean {
    return this.read !== null || (this.packer === null && this.seen);
  }

  /** The chunks for one read, left packed: what a view that sends them on needs. */
  peek(): StreamChunk[] {
    return this.packer ? (this.read ?? this.packer.chunks()) : this.plain!;
  }

  get(): StreamChunk[] {
    if (!this.packer) {
      this.seen = true;
      return this.plain!;
    }
    return (this.read ??= this.packer.chunks());
  }

  set(chunks: StreamChunk[]): void {
    this.plain = chunks;
    this.packer = null;
    this.read = null;
    this.seen = false;
  }

  push(t: number, data: string): void {
    if (!this.packer) {
      this.packer = new StreamPacker();
      for (const c of this.plain!) this.packer.push(c.t, c.data);
      if (this.seen) this.read = this.plain;
      this.plain = null;
    }
    this.packer.push(t, data);
    this.read?.push({ t, data });
  }

  /**
   * The stream packed (see packedStream.ts), or null when its chunks are an array. An array read from
   * the entry and changed in place since (a push) is taken as the chunks.
   */
  packed(): StreamPacker | null {
    if (this.packer && this.read && this.read.length !== this.packer.count) this.set(this.read);
    return this.packer;
  }
}

const SLOT = Symbol("chunks");

const CHUNKS: PropertyDescriptor = {
  get(this: { [SLOT]: ChunkSlot }) {
    return this[SLOT].get();
  },
  set(this: { [SLOT]: ChunkSlot }, chunks: StreamChunk[]) {
    this[SLOT].set(chunks);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Adds `chunks` to an entry being built, where its fields' order puts it: defining an accessor in
 * place of an existing property would turn the entry into a slow dictionary object (~600 bytes).
 * The slot itself is a hidden (non-enumerable, symbol-keyed) property that no reader sees.
 */
export function addChunks<T extends object>(e: T, chunks: StreamChunk[]): T & { chunks: StreamChunk[] } {
  Object.defineProperty(e, "chunks", CHUNKS);
  Object.defineProperty(e, SLOT, { value: new ChunkSlot(chunks), enumerable: false });
  Object.defineProperty(e, INSPECT, { value: inspectPlain, enumerable: false });
  return e as T & { chunks: StreamChunk[] };
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** console.log shows the entry as a plain copy would print, not `chunks: [Getter/Setter]`. */
function inspectPlain(
  this: object,
  depth: number,
  options: object,
  inspect: (v: unknown, o: object) => string,
): string {
  return inspect({ ...this }, { ...options, depth });
}

/** The slot behind `e.chunks`, while it is. */
export function slotOf(e: LogEntry): ChunkSlot | undefined {
  const slot = (e as { [SLOT]?: ChunkSlot })[SLOT];
  return slot?.live ? slot : undefined;
}

/** How many chunks `e` has, without unpacking an open stream's: a list row needs only the count. */
export function chunkCount(e: LogEntry): number {
  const slot = slotOf(e);
  return slot ? slot.count : e.chunks.length;
}

/**
 * `e` as a plain copy (the same keys in the same order) whose chunks are unpacked for this read
 * only, for a reader that sends it on: read through the entry, an open stream's chunks would stay
 * unpacked (and follow the stream) for as long as it runs. `e` itself when it has no slot.
 */
export function readOnce(e: LogEntry, chunks?: StreamChunk[]): LogEntry {
  const slot = slotOf(e);
  if (!slot) return e;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e)) out[k] = k === "chunks" ? (chunks ?? slot.peek()) : e[k as keyof LogEntry];
  return out as unknown as LogEntry;
}
