import type { LogEntry } from "../../shared/requestLog";

/**
 * The log's entries in the order they were added, in a ring of slots, and an index from id to slot.
 * A finished entry is a packed record (packedEntry.ts) plus a few references into one shared array:
 * no object, no id string and no Map row per request. Kept as objects, ~1,000 entries were each
 * copied by scavenges and promoted (the entry, its id in three strings, the Map's rehashed tables),
 * and the old generation grew by ~200 KB per scavenge under load: most of the server's peak RSS.
 *
 * A slot is addressed by its position (`pos`, counted up from 0 since the last clear); positions
 * `head` (oldest) to `tail` (next) are in the ring, in the order entries were first added (as a Map
 * keeps its keys). A slot is one of:
 * - LIVE: a plain entry object (in flight, a stream, or read back for a change);
 * - PACKED: a finished entry's record;
 * - ALIAS: an id, not an entry: where the queue points for an id added again while its entry was
 *   here, or for an entry since evicted through such a repeat. It stands for whichever entry has
 *   that id when the queue reaches it, as the id strings of the log's old eviction queue did;
 * - GONE: evicted, waiting for `head` to pass it.
 *
 * Eviction follows a second ring, the queue: one position per add (a repeat's points at its ALIAS).
 */
export const GONE = 0;
export const LIVE = 1;
export const PACKED = 2;
export const ALIAS = 3;

/** References kept per slot, in one array: what a packed record points at rather than copies. */
export const R_LIVE = 0; // the entry object (LIVE)
export const R_KEY = 1; // the id (LIVE, ALIAS); a packed record holds its own
export const R_CLIENT = 2;
export const R_CALLER = 3;
export const R_ADDRESS = 4;
export const R_METHOD = 5;
export const R_PATH = 6; // a shared path, or null: then it is in the record
export const R_STATUS = 7;
export const R_MODEL = 8;
export const R_STREAM = 9;
export const R_SCENARIO = 10;
export const R_FAULT = 11;
export const R_RULE = 12;
export const R_USAGE = 13;
export const R_ERROR = 14;
export const R_REQUEST_SHAPE = 15;
export const R_RESPONSE_SHAPE = 16;
export const R_SEGMENT = 17;
export const R_SEQ = 18;
export const R_FLAGS = 19;
export const R_AT = 20;
export const STRIDE = 21;

const EMPTY = 0;
const DELETED = -1;

/**
 * A 32-bit hash of a string: its length and up to its last 16 code units (a request id's last 16 hex
 * digits are random, and numbered ids differ at the end). Ids that agree there are told apart by comparison.
 */
export function hashId(id: string): number {
  const n = id.length;
  let h = Math.imul(n, 0x9e3779b1) | 0;
  for (let i = n > 16 ? n - 16 : 0; i < n; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) | 0;
}

export class EntrySlots {
  /** Slots in the ring (a power of two). */
  cap = 0;
  mask = 0;
  head = 0;
  tail = 0;
  /** LIVE and PACKED slots. */
  count = 0;
  state = new Uint8Array(0);
  hash = new Int32Array(0);
  /** Characters each slot's entry holds (bodies and chunks), as the log counts them. */
  chars = new Float64Array(0);
  refs: unknown[] = [];
  /** Eviction order: slot positions, from `qhead` (next to evict) to `qtail`. */
  queue = new Int32Array(0);
  qhead = 0;
  qtail = 0;
  /** Open addressing, linear probing: ring index + 1, EMPTY, or DELETED. */
  private index = new Int32Array(0);
  private indexUsed = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.allocate(64);
    this.queue = new Int32Array(64);
    this.head = 0;
    this.tail = 0;
    this.qhead = 0;
    this.qtail = 0;
    this.count = 0;
  }

  /** Queues slot position `pos` for eviction, last. */
  enqueue(pos: number): void {
    const q = this.queue;
    if (this.qtail - this.qhead === q.length) {
      const grown = new Int32Array(q.length * 2);
      for (let i = this.qhead; i < this.qtail; i++) grown[i & (grown.length - 1)] = q[i & (q.length - 1)]!;
      this.queue = grown;
    }
    this.queue[this.qtail++ & (this.queue.length - 1)] = pos;
  }

  /** The queued position at queue position `i`. */
  queued(i: number): number {
    return this.queue[i & (this.queue.length - 1)]!;
  }

  /** Puts `pos` back at the front of the queue (there is room: the caller just took from it). */
  requeue(pos: number): void {
    this.queue[--this.qhead & (this.queue.length - 1)] = pos;
  }

  /** Moves `head` past slots evicted at the front. */
  trim(): void {
    while (this.head < this.tail && this.state[this.head & this.mask] === GONE) this.head++;
  }

  /** The ring index of position `pos`. */
  at(pos: number): number {
    return pos & this.mask;
  }

  /** Takes the next position, as GONE (the caller fills it); returns its ring index (its position is `tail - 1`). */
  push(): number {
    if (this.tail - this.head === this.cap) this.grow();
    const s = this.tail++ & this.mask;
    this.state[s] = GONE;
    this.chars[s] = 0;
    return s;
  }

  /**
   * The LIVE or PACKED slot indexed under `id`, or -1. `idOf` reads a packed slot's id (from its
   * record): only for a slot whose hash matches, so a miss reads no record.
   */
  find(id: string, h: number, idOf: (slot: number) => string): number {
    const index = this.index;
    const m = index.length - 1;
    for (let i = h & m; ; i = (i + 1) & m) {
      const v = index[i]!;
      if (v === EMPTY) return -1;
      if (v === DELETED) continue;
      const s = v - 1;
      if (this.hash[s] !== h) continue;
      if ((this.state[s] === LIVE ? this.refs[s * STRIDE + R_KEY] : idOf(s)) === id) return s;
    }
  }

  /** Indexes slot `s` under hash `h` (the caller made sure the id is not indexed yet). */
  link(s: number, h: number): void {
    this.hash[s] = h;
    // Rebuilt first, if due: a rebuild indexes only the slots already LIVE or PACKED, and `s` is not yet.
    if ((this.indexUsed + 1) * 2 > this.index.length) this.reindex();
    const index = this.index;
    const m = index.length - 1;
    let i = h & m;
    while (index[i]! > 0) i = (i + 1) & m;
    if (index[i] === EMPTY) this.indexUsed++;
    index[i] = s + 1;
  }

  /** Takes slot `s` out of the index. */
  unlink(s: number): void {
    const index = this.index;
    const m = index.length - 1;
    for (let i = this.hash[s]! & m; index[i] !== EMPTY; i = (i + 1) & m)
      if (index[i] === s + 1) {
        index[i] = DELETED;
        return;
      }
  }

  /**
   * Marks slot `s` GONE, and lets go of what only it references: the entry object, the id, a usage
   * or error object, and the segment (one dropped stays allocated while a slot points at it). The
   * rest (client, caller, scenario…) is shared with live requests, and is overwritten when the slot is reused.
   */
  clearSlot(s: number): void {
    this.state[s] = GONE;
    const r = this.refs;
    const o = s * STRIDE;
    r[o + R_LIVE] = null;
    r[o + R_KEY] = null;
    r[o + R_USAGE] = null;
    r[o + R_ERROR] = null;
    r[o + R_SEGMENT] = null;
    this.chars[s] = 0;
  }

  /** Doubles the ring, keeping every slot at its position. */
  private grow(): void {
    const { cap, mask, state, hash, chars, refs, head, tail } = this;
    this.allocate(cap * 2);
    for (let pos = head; pos < tail; pos++) {
      const from = pos & mask;
      const to = pos & this.mask;
      this.state[to] = state[from]!;
      this.hash[to] = hash[from]!;
      this.chars[to] = chars[from]!;
      for (let k = 0; k < STRIDE; k++) this.refs[to * STRIDE + k] = refs[from * STRIDE + k];
    }
    this.reindex();
  }

  private allocate(cap: number): void {
    this.cap = cap;
    this.mask = cap - 1;
    this.state = new Uint8Array(cap);
    this.hash = new Int32Array(cap);
    this.chars = new Float64Array(cap);
    this.refs = new Array<unknown>(cap * STRIDE).fill(null);
    this.index = new Int32Array(cap * 4);
    this.indexUsed = 0;
  }

  /** Rebuilds the index from the slots (dropping DELETED marks). */
  private reindex(): void {
    const size = Math.max(this.cap * 4, 64);
    const index = this.index.length === size ? this.index.fill(EMPTY) : new Int32Array(size);
    this.index = index;
    const m = size - 1;
    let used = 0;
    for (let pos = this.head; pos < this.tail; pos++) {
      const s = pos & this.mask;
      const st = this.state[s];
      if (st !== LIVE && st !== PACKED) continue;
      let i = this.hash[s]! & m;
      while (index[i] !== EMPTY) i = (i + 1) & m;
      index[i] = s + 1;
      used++;
    }
    this.indexUsed = used;
  }
}

/** A live slot's entry. */
export function liveEntry(slots: EntrySlots, s: number): LogEntry {
  return slots.refs[s * STRIDE + R_LIVE] as LogEntry;
}
