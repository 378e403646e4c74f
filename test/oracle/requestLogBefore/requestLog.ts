// The request log as it was before its entries moved into slots (src/core/log/entrySlots.ts): the
// slots differential test's oracle, taken from src/core/log/ at commit 0724d97. Frozen: never edit it to make a test pass.
import { EventEmitter } from "node:events";
import type { LogEntry, RequestLogEvents, StreamChunk } from "../../../src/shared/requestLog";
import { pack, packedSize, sseText, unpack, type PackedStream } from "../../../src/core/log/packedStream";
import { slotOf } from "../../../src/core/log/chunkSlot";
import { EntryArena, PackedEntry, readPacked } from "./packedEntry";

export interface RequestLogOptions {
  /** Entries kept; the oldest are evicted first. @default 1000 */
  capacity?: number;
  /** Bodies longer than this are cut (and flagged) in the log, never on the wire. @default 262144 */
  maxBodyChars?: number;
  /** Chunks kept per stream. @default 5000 */
  maxChunks?: number;
  /** Approximate characters of bodies and chunks kept in all; the oldest entries go first past it. @default 67108864 */
  maxTotalChars?: number;
}

/** A finished stream's single copy, and whether its response body is rebuilt from it. */
interface Packed {
  stream: PackedStream;
  bodyFromChunks: boolean;
}

/**
 * Bounded in-memory store of requests. The server writes, everything else subscribes:
 * request → server → log/events → webviews. Entries are mutated in place while in flight and
 * an `updated` event follows each change, so consumers must treat entries as read-only.
 * Bounded twice: by entry count (the setting users see) and by total body size, so a run of
 * megabyte requests cannot grow it without limit. Entries dropped for size are counted
 * (`droppedForSize`), so views can say why the log holds fewer than its capacity.
 *
 * A finished exchange that is not a stream (the usual answer, ready at once, or one that finished in
 * flight: `settle`) is kept packed (packedEntry.ts): its text in byte segments outside V8's heap,
 * rebuilt as a fresh, equal object on each read. Changing it (`update`, `appendChunk`) turns it back into a live object first.
 *
 * A finished stream is stored once: its chunks packed (see packedStream.ts), and its response body,
 * the same text as sent, rebuilt from them when read. `chunks` and `response.body` stay ordinary
 * enumerable properties to every reader (getters), so JSON, exports and webviews see no difference.
 */
export class RequestLog extends EventEmitter<RequestLogEvents> {
  /** Live entries (in flight, streams, or read back for a change), and finished ones packed (packedEntry.ts). */
  private readonly entries = new Map<string, LogEntry | PackedEntry>();
  private readonly arena = new EntryArena();
  /** Characters each entry holds (bodies and chunks), and their sum. */
  private readonly sizes = new Map<string, number>();
  /**
   * Ids oldest first, from `head` on. Eviction reads the front here: iterating a Map from its start
   * after many deletes walks over every deleted slot V8 has not compacted yet, O(capacity) per request.
   */
  private order: string[] = [];
  private head = 0;
  private totalChars = 0;
  private nextSeq = 1;
  private readonly packed = new WeakMap<LogEntry, Packed>();
  /** Streams that reached `maxChunks`: a body rebuilt from their chunks is marked truncated. */
  private readonly cutStreams = new WeakSet<LogEntry>();
  /**
   * HTTP entries ever added (clears do not reset it): the server's request count, kept here so
   * that `added` has one listener, not two (an emit to several listeners copies their array).
   */
  httpAdded = 0;
  /** Entries evicted because of `maxTotalChars` (not the count) since the last clear. */
  droppedForSize = 0;
  capacity: number;
  readonly maxBodyChars: number;
  readonly maxChunks: number;
  readonly maxTotalChars: number;

  constructor(options: RequestLogOptions = {}) {
    super();
    this.capacity = Math.max(1, options.capacity ?? 1000);
    this.maxBodyChars = options.maxBodyChars ?? 262_144;
    this.maxChunks = options.maxChunks ?? 5000;
    this.maxTotalChars = options.maxTotalChars ?? 64 * 1024 * 1024;
    this.setMaxListeners(50);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Approximate characters held in bodies and chunks. */
  get chars(): number {
    return this.totalChars;
  }

  /** Oldest first. A finished entry is rebuilt on each read: a copy, equal to the one added. */
  list(): LogEntry[] {
    return [...this.values()];
  }

  /**
   * Oldest first, one at a time: a reader that keeps only some entries (a filter, a summary) never
   * holds the whole log's text at once, as `list()` would, its finished entries being rebuilt.
   */
  *values(): Generator<LogEntry, void, undefined> {
    for (const e of this.entries.values()) yield e instanceof PackedEntry ? readPacked(e) : e;
  }

  /** The entry added last, if any. */
  newest(): LogEntry | undefined {
    let last: string | undefined;
    for (let i = this.order.length - 1; i >= this.head && last === undefined; i--)
      if (this.entries.has(this.order[i]!)) last = this.order[i];
    return last === undefined ? undefined : this.get(last);
  }

  get(id: string): LogEntry | undefined {
    const e = this.entries.get(id);
    return e instanceof PackedEntry ? readPacked(e) : e;
  }

  /** Adds an entry (taking ownership of the object), assigning `seq`; returns it for later `update` calls. */
  add(entry: Omit<LogEntry, "seq">): LogEntry {
    const full = entry as LogEntry;
    full.seq = this.nextSeq++;
    if (full.kind === "http") this.httpAdded++;
    const gone = this.entries.get(full.id); // a repeated id replaces its entry
    if (gone) this.forget(full.id, gone);
    this.entries.set(full.id, full);
    this.order.push(full.id);
    this.track(full.id, bodyChars(full));
    this.emit("added", full);
    this.evictOverflow(full.id);
    return full;
  }

  /**
   * Adds an exchange's entry that is already finished, built by entry.ts (its fields and their
   * order), without chunks: listeners get it as it is, and the log keeps it packed.
   */
  addFinished(entry: Omit<LogEntry, "seq">): void {
    const full = entry as LogEntry;
    full.seq = this.nextSeq++;
    this.httpAdded++;
    const id = full.id;
    const gone = this.entries.get(id); // a repeated id replaces its entry
    if (gone) this.forget(id, gone);
    const packed = this.arena.pack(full);
    const chars = bodyChars(full);
    if (packed) {
      // A packed entry carries its own size: no `sizes` row to write, read and delete.
      packed.chars = chars;
      this.totalChars += chars;
      this.entries.set(id, packed);
    } else {
      this.entries.set(id, full);
      this.track(id, chars);
    }
    this.order.push(id);
    this.emit("added", full);
    this.evictOverflow(full.id);
  }

  /**
   * Packs an exchange's entry (built by entry.ts) that has finished while in flight, as
   * `addFinished` does for one finished at once. A stream (it has chunks) stays as it is.
   */
  settle(id: string): void {
    const e = this.entries.get(id);
    // A finished stream's chunks are packed already, behind a getter that rebuilds them on each read.
    if (!e || e instanceof PackedEntry || this.packed.has(e)) return;
    const packed = this.arena.pack(e);
    if (!packed) return;
    packed.chars = this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
    this.entries.set(id, packed);
  }

  /** The entry `id` as a live object, unpacked if it was packed (to change it). */
  private live(id: string): LogEntry | undefined {
    const e = this.entries.get(id);
    if (!(e instanceof PackedEntry)) return e;
    const entry = readPacked(e);
    this.arena.free(e);
    this.entries.set(id, entry);
    this.sizes.set(id, e.chars);
    return entry;
  }

  /** Takes an entry's bytes and characters off the books (it is being evicted or replaced). */
  private forget(id: string, e: LogEntry | PackedEntry): void {
    if (e instanceof PackedEntry) {
      this.arena.free(e);
      this.totalChars -= e.chars;
    } else {
      this.totalChars -= this.sizes.get(id) ?? 0;
      this.sizes.delete(id);
    }
  }

  /** Applies a change to a live entry and notifies subscribers. No-op if it was evicted or cleared. */
  update(id: string, change: (entry: LogEntry) => void): void {
    const entry = this.live(id);
    if (!entry) return;
    this.unpackEntry(entry);
    change(entry);
    const slot = slotOf(entry);
    if (entry.durationMs !== null && (slot ? slot.count : entry.chunks.length) > 0) this.packEntry(entry);
    this.track(id, this.charsOf(entry));
    this.emit("updated", entry);
    if (this.totalChars > this.maxTotalChars) this.evictOverflow(id);
  }

  /** Records one streamed event; one `updated` per chunk lets live views follow the stream. */
  appendChunk(id: string, t: number, data: string): void {
    const entry = this.live(id);
    if (!entry) return;
    this.unpackEntry(entry);
    const slot = slotOf(entry);
    if ((slot ? slot.count : entry.chunks.length) >= this.maxChunks) {
      this.cutStreams.add(entry);
      return;
    }
    if (slot) slot.push(t, data);
    else entry.chunks.push({ t, data });
    this.track(id, (this.sizes.get(id) ?? 0) + data.length);
    this.emit("updated", entry);
    if (this.totalChars > this.maxTotalChars) this.evictOverflow(id);
  }

  clear(): void {
    this.entries.clear();
    this.arena.reset();
    this.order = [];
    this.head = 0;
    this.sizes.clear();
    this.totalChars = 0;
    this.droppedForSize = 0;
    this.emit("cleared");
  }

  /** Changes capacity at runtime (config reload), evicting if needed. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.evictOverflow();
  }

  /** Cuts a body to the log's limit. */
  clip(body: string): { body: string; truncated: boolean } {
    if (body.length <= this.maxBodyChars) return { body, truncated: false };
    return { body: body.slice(0, this.maxBodyChars), truncated: true };
  }

  /** Characters an entry holds: bodies, plus its chunks (packed or not), minus a body rebuilt from them. */
  private charsOf(e: LogEntry): number {
    const slot = slotOf(e);
    // As sent, while it is open, packed or not: a view that reads it holds them all as strings.
    if (slot) return bodyChars(e) + slot.chars;
    const p = this.packed.get(e);
    if (!p) return bodyChars(e) + chunkChars(e.chunks);
    return e.request.body.length + (p.bodyFromChunks ? 0 : e.response.body.length) + packedSize(p.stream);
  }

  /**
   * Replaces a finished stream's chunk array with its packed form. Its response body is rebuilt from
   * the chunks (`data: …\n\n` each, clipped like any body) when the server left it empty, as streams
   * do, or when it is exactly that text; any other body is kept as it is.
   */
  private packEntry(e: LogEntry): void {
    const slot = slotOf(e);
    const packer = slot?.packed();
    // Its chunks get a getter of their own below (see chunkSlot.ts for an open stream's).
    if (slot) slot.live = false;
    const stream = packer ? packer.done() : pack(e.chunks);
    const response = e.response;
    let bodyFromChunks: boolean;
    if (response.body === "") {
      bodyFromChunks = true;
      response.bodyTruncated = stream.sseLength > this.maxBodyChars || this.cutStreams.has(e);
    } else {
      const rebuilt = this.clip(sseText(unpack(stream)));
      bodyFromChunks = response.body === rebuilt.body && response.bodyTruncated === rebuilt.truncated;
    }
    this.packed.set(e, { stream, bodyFromChunks });
    const unpackOnWrite = (key: "chunks" | "body", target: object) => (value: unknown) => {
      this.unpackEntry(e);
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    };
    Object.defineProperty(e, "chunks", {
      get: () => unpack(stream),
      set: unpackOnWrite("chunks", e),
      enumerable: true,
      configurable: true,
    });
    if (bodyFromChunks)
      Object.defineProperty(response, "body", {
        get: () => this.clip(sseText(unpack(stream))).body,
        set: unpackOnWrite("body", response),
        enumerable: true,
        configurable: true,
      });
  }

  /** Turns a packed entry back into plain properties before it changes (a late chunk, an update). */
  private unpackEntry(e: LogEntry): void {
    const p = this.packed.get(e);
    if (!p) return;
    this.packed.delete(e);
    const chunks: StreamChunk[] = unpack(p.stream);
    Object.defineProperty(e, "chunks", { value: chunks, writable: true, enumerable: true, configurable: true });
    if (p.bodyFromChunks) {
      const body = this.clip(sseText(chunks)).body;
      Object.defineProperty(e.response, "body", { value: body, writable: true, enumerable: true, configurable: true });
    }
  }

  private track(id: string, chars: number): void {
    this.totalChars += chars - (this.sizes.get(id) ?? 0);
    this.sizes.set(id, chars);
  }

  /** Drops the oldest entries past either bound; `keep` (the entry being written) always stays. */
  private evictOverflow(keep?: string): void {
    if (this.entries.size <= this.capacity && this.totalChars <= this.maxTotalChars) return;
    const dropped: string[] = [];
    let bySize = 0;
    let kept: string | undefined;
    while (
      this.head < this.order.length &&
      (this.entries.size > this.capacity || this.totalChars > this.maxTotalChars)
    ) {
      const id = this.order[this.head]!;
      // Let go of it now, not at the next compaction: ~1,000 requests later, by when V8 would have
      // copied it through two scavenges and promoted it.
      this.order[this.head++] = "";
      if (id === keep) {
        kept = id;
        continue;
      }
      const overCount = this.entries.size > this.capacity;
      const gone = this.entries.get(id);
      if (!gone) continue;
      this.entries.delete(id);
      this.forget(id, gone);
      if (!overCount) bySize++;
      dropped.push(id);
    }
    // The entry being written stays, now the oldest.
    if (kept !== undefined) this.order[--this.head] = kept;
    // Compact the queue now and then, so it stays about as long as the log.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
    this.droppedForSize += bySize;
    if (dropped.length) this.emit("evicted", dropped, bySize);
  }
}

function bodyChars(e: LogEntry): number {
  return e.request.body.length + e.response.body.length;
}

function chunkChars(chunks: readonly StreamChunk[]): number {
  let n = 0;
  for (const c of chunks) n += c.data.length;
  return n;
}
