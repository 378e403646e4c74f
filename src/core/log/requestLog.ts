import { EventEmitter } from "node:events";
import type { LogEntry, RequestLogEvents, StreamChunk } from "../../shared/requestLog";
import { pack, packedSize, sseText, unpack, type PackedStream } from "./packedStream";
import { slotOf } from "./chunkSlot";
import { EntryArena, packedId, readPacked } from "./packedEntry";
import { ALIAS, EntrySlots, GONE, hashId, LIVE, PACKED, R_KEY, R_LIVE, STRIDE, liveEntry } from "./entrySlots";

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
  /** Entries in the order they were added: live objects, and finished ones packed (entrySlots.ts). */
  private readonly slots = new EntrySlots();
  private readonly arena = new EntryArena();
  /** Reads a packed slot's id, for the index (bound once). */
  private readonly idOf = (s: number): string => packedId(this.slots, s);
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
    return this.slots.count;
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
    const slots = this.slots;
    // Positions stay put while entries come and go (and the ring grows); a clear starts them again.
    for (let pos = slots.head; pos < slots.tail; pos++) {
      if (pos < slots.head) pos = slots.head;
      const s = slots.at(pos);
      const st = slots.state[s];
      if (st === LIVE) yield liveEntry(slots, s);
      else if (st === PACKED) yield readPacked(slots, s);
    }
  }

  /** The entry added last, if any. */
  newest(): LogEntry | undefined {
    const slots = this.slots;
    for (let i = slots.qtail - 1; i >= slots.qhead; i--) {
      const s = slots.at(slots.queued(i));
      const st = slots.state[s];
      if (st === LIVE || st === PACKED) return this.read(s);
      if (st === ALIAS) {
        const of = this.find(slots.refs[s * STRIDE + R_KEY] as string);
        if (of >= 0) return this.read(of);
      }
    }
    return undefined;
  }

  get(id: string): LogEntry | undefined {
    const s = this.find(id);
    return s < 0 ? undefined : this.read(s);
  }

  private read(s: number): LogEntry {
    return this.slots.state[s] === LIVE ? liveEntry(this.slots, s) : readPacked(this.slots, s);
  }

  /** The LIVE or PACKED slot of `id`, or -1. */
  private find(id: string): number {
    return this.slots.find(id, hashId(id), this.idOf);
  }

  /**
   * The slot a new entry under `id` goes in: a fresh one at the end, or (a repeated id replaces its
   * entry) the one its entry had, which keeps its place, as a Map's key would, while the repeat is
   * marked at the end for eviction and `newest()`.
   */
  private slotFor(id: string): number {
    const slots = this.slots;
    const h = hashId(id);
    const gone = slots.find(id, h, this.idOf);
    if (gone >= 0) {
      this.forget(gone);
      slots.link(gone, h);
      this.aliasOf(id);
      return gone;
    }
    const s = slots.push();
    slots.enqueue(slots.tail - 1);
    slots.count++;
    slots.link(s, h);
    return s;
  }

  /** Queues a new ALIAS slot of `id`; returns its position. */
  private aliasOf(id: string): number {
    const slots = this.slots;
    const alias = slots.push();
    const pos = slots.tail - 1;
    slots.state[alias] = ALIAS;
    slots.refs[alias * STRIDE + R_KEY] = id;
    slots.enqueue(pos);
    return pos;
  }

  /** Makes slot `s` hold the live entry `e` under `id`. */
  private setLive(s: number, id: string, e: LogEntry): void {
    const slots = this.slots;
    slots.state[s] = LIVE;
    const o = s * STRIDE;
    for (let k = 0; k < STRIDE; k++) slots.refs[o + k] = null;
    slots.refs[o + R_LIVE] = e;
    slots.refs[o + R_KEY] = id;
  }

  /** Adds an entry (taking ownership of the object), assigning `seq`; returns it for later `update` calls. */
  add(entry: Omit<LogEntry, "seq">): LogEntry {
    const full = entry as LogEntry;
    full.seq = this.nextSeq++;
    if (full.kind === "http") this.httpAdded++;
    const s = this.slotFor(full.id);
    this.setLive(s, full.id, full);
    this.track(s, bodyChars(full));
    this.emit("added", full);
    this.evictOverflow(s);
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
    const s = this.slotFor(id);
    if (!this.arena.pack(full, id, this.slots, s)) this.setLive(s, id, full);
    this.track(s, bodyChars(full));
    this.emit("added", full);
    this.evictOverflow(s);
  }

  /**
   * Packs an exchange's entry (built by entry.ts) that has finished while in flight, as
   * `addFinished` does for one finished at once. A stream (it has chunks) stays as it is.
   */
  settle(id: string): void {
    const s = this.find(id);
    if (s < 0 || this.slots.state[s] !== LIVE) return;
    const e = liveEntry(this.slots, s);
    // A finished stream's chunks are packed already, behind a getter that rebuilds them on each read.
    if (this.packed.has(e)) return;
    this.arena.pack(e, id, this.slots, s);
  }

  /** The slot of `id` holding a live object, unpacked if it was packed (to change it); -1 if none. */
  private live(id: string): number {
    const s = this.find(id);
    if (s < 0 || this.slots.state[s] === LIVE) return s;
    const entry = readPacked(this.slots, s);
    this.arena.free(this.slots, s);
    this.setLive(s, id, entry);
    return s;
  }

  /** Takes slot `s`'s entry off the books (it is being evicted or replaced), and out of the index. */
  private forget(s: number): void {
    const slots = this.slots;
    if (slots.state[s] === PACKED) this.arena.free(slots, s);
    this.totalChars -= slots.chars[s]!;
    slots.unlink(s);
    slots.clearSlot(s);
  }

  /** Applies a change to a live entry and notifies subscribers. No-op if it was evicted or cleared. */
  update(id: string, change: (entry: LogEntry) => void): void {
    const s = this.live(id);
    if (s < 0) return;
    const entry = liveEntry(this.slots, s);
    this.unpackEntry(entry);
    change(entry);
    const slot = slotOf(entry);
    if (entry.durationMs !== null && (slot ? slot.count : entry.chunks.length) > 0) this.packEntry(entry);
    this.track(s, this.charsOf(entry));
    this.emit("updated", entry);
    if (this.totalChars > this.maxTotalChars) this.evictOverflow(s);
  }

  /** Records one streamed event; one `updated` per chunk lets live views follow the stream. */
  appendChunk(id: string, t: number, data: string): void {
    const s = this.live(id);
    if (s < 0) return;
    const entry = liveEntry(this.slots, s);
    this.unpackEntry(entry);
    const slot = slotOf(entry);
    if ((slot ? slot.count : entry.chunks.length) >= this.maxChunks) {
      this.cutStreams.add(entry);
      return;
    }
    if (slot) slot.push(t, data);
    else entry.chunks.push({ t, data });
    this.track(s, this.slots.chars[s]! + data.length);
    this.emit("updated", entry);
    if (this.totalChars > this.maxTotalChars) this.evictOverflow(s);
  }

  clear(): void {
    this.slots.reset();
    this.arena.reset();
    this.totalChars = 0;
    this.droppedForSize = 0;
    this.emit("cleared");
  }

  /** Changes capacity at runtime (config reload), evicting if needed. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.evictOverflow(-1);
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

  private track(s: number, chars: number): void {
    this.totalChars += chars - this.slots.chars[s]!;
    this.slots.chars[s] = chars;
  }

  /**
   * Drops the oldest entries past either bound; slot `keep` (the entry being written) always stays.
   * Follows the queue as the log's old queue of ids did: a queued repeat of an id evicts whichever
   * entry has it then, and the entry being written goes back to the front of the queue.
   */
  private evictOverflow(keep: number): void {
    const slots = this.slots;
    if (slots.count <= this.capacity && this.totalChars <= this.maxTotalChars) return;
    // Ids are read only for someone listening: a packed entry's id is not a string until read.
    const dropped: string[] | null = this.listenerCount("evicted") > 0 ? [] : null;
    let n = 0;
    let bySize = 0;
    // What of `keep` the queue held: 1 its own place, 2 a repeat of its id.
    let kept = 0;
    // Its id, read only when an alias is met: a packed entry's id is decoded from its record.
    let keepId: string | null | undefined;
    while (slots.qhead < slots.qtail && (slots.count > this.capacity || this.totalChars > this.maxTotalChars)) {
      const s = slots.at(slots.queued(slots.qhead++));
      const st = slots.state[s];
      if (st === GONE) continue;
      if (s === keep) {
        kept |= 1;
        continue;
      }
      let victim = s;
      if (st === ALIAS) {
        const id = slots.refs[s * STRIDE + R_KEY] as string;
        slots.clearSlot(s);
        if (keepId === undefined) keepId = keep >= 0 ? this.keyOf(keep) : null;
        if (id === keepId) {
          kept |= 2;
          continue;
        }
        victim = this.find(id);
        if (victim < 0) continue;
      }
      const overCount = slots.count > this.capacity;
      const id = dropped || victim !== s ? this.keyOf(victim) : "";
      if (dropped) dropped.push(id);
      n++;
      this.forget(victim);
      slots.count--;
      // Evicted through a repeat of its id: its own place in the queue now stands for the id, as it did.
      if (victim !== s) {
        slots.state[victim] = ALIAS;
        slots.refs[victim * STRIDE + R_KEY] = id;
      }
      if (!overCount) bySize++;
    }
    // The entry being written stays, now first in the queue: its own place, if the queue gave it up.
    if (kept & 1) slots.requeue(this.positionOf(keep));
    else if (kept) {
      const alias = this.aliasOf(keepId!);
      // aliasOf queued it last: move it to the front.
      slots.qtail--;
      slots.requeue(alias);
    }
    slots.trim();
    this.droppedForSize += bySize;
    if (n > 0) this.emit("evicted", dropped ?? [], bySize);
  }

  /** The position of ring index `s` (a slot between `head` and `tail`). */
  private positionOf(s: number): number {
    const slots = this.slots;
    return slots.tail - 1 - ((slots.tail - 1 - s) & slots.mask);
  }

  /** The id slot `s` (LIVE or PACKED) is under. */
  private keyOf(s: number): string {
    return this.slots.state[s] === LIVE ? (this.slots.refs[s * STRIDE + R_KEY] as string) : packedId(this.slots, s);
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
