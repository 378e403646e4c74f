import type { LogEntry } from "../../shared/requestLog";
import {
  PACKED,
  R_ADDRESS,
  R_AT,
  R_CALLER,
  R_CLIENT,
  R_ERROR,
  R_FAULT,
  R_FLAGS,
  R_METHOD,
  R_MODEL,
  R_PATH,
  R_REQUEST_SHAPE,
  R_RESPONSE_SHAPE,
  R_RULE,
  R_SCENARIO,
  R_SEGMENT,
  R_SEQ,
  R_STATUS,
  R_STREAM,
  R_USAGE,
  STRIDE,
  type EntrySlots,
} from "./entrySlots";

/*
 * A finished exchange's log entry, kept small until someone reads it. Its fresh strings (its id, the
 * path, both headers' names and values, both bodies) and its two times go into a byte segment outside
 * V8's heap, and the entry object and its parts are left to die young. Kept as objects, 1,000 such
 * entries were copied by every scavenge, promoted, and collected again in the old generation: a
 * tenth of the server's CPU per request under load, and ~25 MB of peak RSS.
 *
 * What stays in the entry's slot (entrySlots.ts) are references to what many entries share (client,
 * caller, scenario, model, usage, error). `readPacked` rebuilds the same object: the same keys in
 * the same order, `seq` last, as the entry added to the log had (see entry.ts).
 */

const REQUEST_CUT = 1;
const RESPONSE_CUT = 2;
/** The text was not well-formed UTF-16 (a lone surrogate): stored as UTF-16, which keeps it as it was. */
const UTF16 = 4;
/**
 * The usage is in the record: a fresh object per request, kept by reference it would outlive a
 * scavenge or two with its entry, and be copied and promoted with it.
 */
const USAGE = 8;

/**
 * Bytes of a record before its codes and text: time and duration (f64), then its code count, byte
 * length, the three usage counts and its id's byte length (i32). The id is the text's first piece.
 */
const FIXED = 16 + 8 + 12 + 4;

/** Past this many characters a record's UTF-8 size is counted exactly; below, room for the worst case will do. */
const EXACT_SIZE_PAST = 16 * 1024;

const USAGE_KEYS = ["prompt_tokens", "completion_tokens", "total_tokens"] as const;

/** Whether `u` is exactly the three token counts (in that order, int32): then a rebuilt copy is equal. */
function plainUsage(u: LogEntry["usage"]): u is NonNullable<LogEntry["usage"]> {
  if (u === null || typeof u !== "object") return false;
  let n = 0;
  for (const k in u) if (k !== USAGE_KEYS[n++]) return false;
  return (
    n === 3 &&
    (u.prompt_tokens | 0) === u.prompt_tokens &&
    (u.completion_tokens | 0) === u.completion_tokens &&
    (u.total_tokens | 0) === u.total_tokens &&
    !Object.is(u.prompt_tokens, -0) &&
    !Object.is(u.completion_tokens, -0) &&
    !Object.is(u.total_tokens, -0) &&
    Object.getPrototypeOf(u) === Object.prototype
  );
}

/** Node's own writers, under Buffer#write's argument checks (which cost more than the copy here). */
interface RawBuffer extends Buffer {
  utf8Write(s: string, offset: number): number;
  ucs2Write(s: string, offset: number): number;
}

class Segment {
  readonly buf: RawBuffer;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  used = 0;
  /** Records still in it. */
  live = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafeSlow(size) as RawBuffer;
    this.f64 = new Float64Array(this.buf.buffer, this.buf.byteOffset, size >> 3);
    this.i32 = new Int32Array(this.buf.buffer, this.buf.byteOffset, size >> 2);
  }
}

const SEGMENT_BYTES = 256 * 1024;

/**
 * A header object's names, in order, and the values the first object of that shape had: most
 * requests repeat both (the same client, the same answer headers), so a record keeps only the
 * values that differ. Shared by every record of that shape; never changed once made.
 */
class HeaderShape {
  constructor(
    readonly names: readonly string[],
    readonly values: readonly string[],
  ) {}
}

/** A value code in a record: a length of new text (>= 0), or one of these. */
const SAME_AS_SHAPE = -1;
const SAME_AS_ID = -2;

/** Shapes kept per kind of header object; past it the oldest is replaced (records keep theirs). */
const SHAPES = 8;

// Scratch state for the record being packed (the log packs one at a time).
let codes = new Int32Array(64);
let ncodes = 0;
/** The record's new text, written piece by piece: joined first, it would be copied once more to flatten it. */
const pieces: string[] = [];
let npieces = 0;
let textLength = 0;

function code(c: number): void {
  if (ncodes === codes.length) {
    const grown = new Int32Array(ncodes * 2);
    grown.set(codes);
    codes = grown;
  }
  codes[ncodes++] = c;
}

function piece(s: string): void {
  code(s.length);
  if (s.length === 0) return;
  pieces[npieces++] = s;
  textLength += s.length;
}

/** One header value's code: the shape's own value, the entry's id, or a piece of new text. */
function headerValue(v: string, shape: string | undefined, id: string): void {
  if (v === shape) code(SAME_AS_SHAPE);
  else if (v === id) code(SAME_AS_ID);
  else piece(v);
}

/** Whether every piece is well-formed UTF-16: then each one's UTF-8 is exact, and so is their concatenation. */
function piecesWellFormed(): boolean {
  for (let k = 0; k < npieces; k++)
    if (!(pieces[k] as unknown as { isWellFormed(): boolean }).isWellFormed()) return false;
  return true;
}

function piecesUtf8Bytes(): number {
  let n = 0;
  for (let k = 0; k < npieces; k++) n += Buffer.byteLength(pieces[k]!, "utf8");
  return n;
}

/** Writes the pieces from `at`, and lets them go; returns the bytes written. */
function writePieces(buf: RawBuffer, at: number, utf16: boolean): number {
  let pos = at;
  for (let k = 0; k < npieces; k++) {
    pos += utf16 ? buf.ucs2Write(pieces[k]!, pos) : buf.utf8Write(pieces[k]!, pos);
    pieces[k] = "";
  }
  npieces = 0;
  return pos - at;
}

/** Where packed entries live: segments filled in turn, each dropped (or reused) once its last record is freed. */
export class EntryArena {
  private current = new Segment(SEGMENT_BYTES);
  private spare: Segment | null = null;
  private readonly requestShapes: HeaderShape[] = [];
  private readonly responseShapes: HeaderShape[] = [];
  /** The first 64 distinct paths (until a clear), so that a record can point at one instead of copying it. */
  private readonly paths = new Map<string, string>();
  private readonly models = new Map<string, string>();

  /**
   * Packs `e`, complete and shaped as entry.ts builds it (no chunks), into slot `s`, and returns
   * true; or returns false, leaving the slot as it was, when `e` holds something the packed form
   * would not give back as it was (a header value that is not a string), or is not under its own id.
   */
  pack(e: LogEntry, key: string, slots: EntrySlots, s: number): boolean {
    const { request, response } = e;
    if (
      e.kind !== "http" ||
      e.id !== key ||
      e.chunks.length !== 0 ||
      typeof e.durationMs !== "number" ||
      typeof e.path !== "string" ||
      typeof request.body !== "string" ||
      typeof response.body !== "string"
    )
      return false;
    ncodes = 0;
    for (let k = 0; k < npieces; k++) pieces[k] = ""; // a record given up half way
    npieces = 0;
    textLength = 0;
    // The id is written first, on its own (its byte length is kept): a piece's code, but not a piece.
    code(key.length);
    textLength += key.length;
    const path: string | null = this.paths.get(e.path) ?? null;
    if (path === null) {
      if (this.paths.size < 64) this.paths.set(e.path, e.path);
      piece(e.path);
    }
    const reqShape = this.shapeOf(request.headers, this.requestShapes, key);
    if (!reqShape) return false;
    piece(request.body);
    const resShape = this.shapeOf(response.headers, this.responseShapes, key);
    if (!resShape) return false;
    piece(response.body);
    const utf16 = !(key as unknown as { isWellFormed(): boolean }).isWellFormed() || !piecesWellFormed();
    const n = ncodes;
    // Room for the worst case (3 bytes per UTF-16 unit), and the record then takes what it wrote: a
    // pass over the text less than counting its bytes first. Long text is counted exactly, so that
    // a large record does not take a segment of its own three times its size.
    const size =
      FIXED +
      4 * n +
      (utf16
        ? 2 * textLength
        : textLength > EXACT_SIZE_PAST
          ? Buffer.byteLength(key) + piecesUtf8Bytes()
          : 3 * textLength);
    const seg = this.room(size);
    const at = seg.used;
    const textAt = at + FIXED + 4 * n;
    const idBytes = utf16 ? seg.buf.ucs2Write(key, textAt) : seg.buf.utf8Write(key, textAt);
    const bytes = idBytes + writePieces(seg.buf, textAt + idBytes, utf16);
    const f = at >> 3;
    seg.f64[f] = e.time;
    seg.f64[f + 1] = e.durationMs;
    const i = (at + 16) >> 2;
    seg.i32[i] = n;
    seg.i32[i + 1] = bytes;
    const usage = e.usage;
    const inline = plainUsage(usage);
    if (inline) {
      seg.i32[i + 2] = usage.prompt_tokens;
      seg.i32[i + 3] = usage.completion_tokens;
      seg.i32[i + 4] = usage.total_tokens;
    }
    seg.i32[i + 5] = idBytes;
    for (let k = 0; k < n; k++) seg.i32[i + 6 + k] = codes[k]!;
    seg.used = (textAt + bytes + 7) & ~7;
    seg.live++;
    const flags =
      (request.bodyTruncated ? REQUEST_CUT : 0) |
      (response.bodyTruncated ? RESPONSE_CUT : 0) |
      (utf16 ? UTF16 : 0) |
      (inline ? USAGE : 0);
    const r = slots.refs;
    const o = s * STRIDE;
    slots.state[s] = PACKED;
    r[o] = null;
    r[o + 1] = null;
    r[o + R_CLIENT] = e.client;
    r[o + R_CALLER] = e.caller;
    r[o + R_ADDRESS] = e.remoteAddress;
    r[o + R_METHOD] = e.method;
    r[o + R_PATH] = path;
    r[o + R_STATUS] = e.status;
    r[o + R_MODEL] = this.shared(e.model);
    r[o + R_STREAM] = e.stream;
    r[o + R_SCENARIO] = e.scenario;
    r[o + R_FAULT] = e.fault;
    r[o + R_RULE] = e.rule;
    r[o + R_USAGE] = inline ? null : usage;
    r[o + R_ERROR] = e.error;
    r[o + R_REQUEST_SHAPE] = reqShape;
    r[o + R_RESPONSE_SHAPE] = resShape;
    r[o + R_SEGMENT] = seg;
    r[o + R_SEQ] = e.seq;
    r[o + R_FLAGS] = flags;
    r[o + R_AT] = at;
    return true;
  }

  /**
   * One of the first 64 distinct models (until a clear) equal to `model`, or `model` itself: a model
   * parsed from each request's body is a string of its own, which a slot would keep, and promote.
   */
  private shared(model: string | null): string | null {
    if (model === null) return null;
    const known = this.models.get(model);
    if (known !== undefined) return known;
    if (this.models.size < 64) this.models.set(model, model);
    return model;
  }

  /** Gives back the bytes of slot `s`'s record; a segment with none left is reused, or dropped. */
  free(slots: EntrySlots, s: number): void {
    const seg = slots.refs[s * STRIDE + R_SEGMENT] as Segment;
    if (--seg.live > 0) return;
    if (seg === this.current) seg.used = 0;
    else if (!this.spare && seg.buf.length === SEGMENT_BYTES) {
      seg.used = 0;
      this.spare = seg;
    }
  }

  /** Forgets every record (the log was cleared), and the header values and paths it had seen. */
  reset(): void {
    this.current = new Segment(SEGMENT_BYTES);
    this.spare = null;
    this.requestShapes.length = 0;
    this.responseShapes.length = 0;
    this.paths.clear();
    this.models.clear();
  }

  /**
   * The shape of header object `h` (one of `shapes`, or a new one), with a code per value: the
   * shape's own value, the entry's id, or a piece of new text. Null for a value that is not a string.
   */
  private shapeOf(h: Record<string, string>, shapes: HeaderShape[], id: string): HeaderShape | null {
    // The usual case in one pass: the newest shape fits (the same client, the same answer headers).
    if (shapes.length > 0) {
      const first = shapes[0]!;
      const { names, values } = first;
      const codesAt = ncodes;
      const piecesAt = npieces;
      const textAt = textLength;
      let j = 0;
      for (const k in h) {
        const v = h[k];
        if (names[j] !== k || typeof v !== "string") {
          j = -1;
          break;
        }
        headerValue(v, values[j], id);
        j++;
      }
      if (j === names.length) return first;
      // Another shape (or a value that is not a string): undone, and the general way below.
      for (let k = piecesAt; k < npieces; k++) pieces[k] = "";
      ncodes = codesAt;
      npieces = piecesAt;
      textLength = textAt;
    }
    let shape: HeaderShape | undefined;
    for (let s = 0; s < shapes.length && !shape; s++) {
      const names = shapes[s]!.names;
      let j = 0;
      for (const k in h) {
        if (names[j] !== k) {
          j = -1;
          break;
        }
        j++;
      }
      if (j === names.length) shape = shapes[s];
    }
    if (!shape) {
      const names: string[] = [];
      const values: string[] = [];
      for (const k in h) {
        names.push(k);
        values.push(h[k]!);
      }
      shape = new HeaderShape(names, values);
      if (shapes.length >= SHAPES) shapes.pop();
      shapes.unshift(shape);
    }
    const template = shape.values;
    let j = 0;
    for (const k in h) {
      const v = h[k];
      if (typeof v !== "string") return null;
      headerValue(v, template[j], id);
      j++;
    }
    return shape;
  }

  /** A segment with `size` bytes free: the current one, else a fresh one (its own, for a record larger than any). */
  private room(size: number): Segment {
    if (this.current.used + size <= this.current.buf.length) return this.current;
    if (size > SEGMENT_BYTES) return new Segment((size + 7) & ~7);
    const next = this.spare ?? new Segment(SEGMENT_BYTES);
    this.spare = null;
    // The old current segment is dropped by `free` once its last record goes; if none is left, now.
    if (this.current.live === 0) {
      this.current.used = 0;
      this.spare = this.current;
    }
    this.current = next;
    return next;
  }
}

/** The id of packed slot `s`, read from its record. */
export function packedId(slots: EntrySlots, s: number): string {
  const r = slots.refs;
  const o = s * STRIDE;
  const seg = r[o + R_SEGMENT] as Segment;
  const at = r[o + R_AT] as number;
  const i = (at + 16) >> 2;
  const textAt = at + FIXED + 4 * seg.i32[i]!;
  const utf16 = ((r[o + R_FLAGS] as number) & UTF16) !== 0;
  return seg.buf.toString(utf16 ? "utf16le" : "utf8", textAt, textAt + seg.i32[i + 5]!);
}

/** Packed slot `s`'s entry as it was added: the same fields, in the same order, as plain objects. */
export function readPacked(slots: EntrySlots, s: number): LogEntry {
  const r = slots.refs;
  const o = s * STRIDE;
  const seg = r[o + R_SEGMENT] as Segment;
  const at = r[o + R_AT] as number;
  const flags = r[o + R_FLAGS] as number;
  const i = (at + 16) >> 2;
  const n = seg.i32[i]!;
  const bytes = seg.i32[i + 1]!;
  const textAt = at + FIXED + 4 * n;
  const text = bytes === 0 ? "" : seg.buf.toString(flags & UTF16 ? "utf16le" : "utf8", textAt, textAt + bytes);
  const reader = { k: i + 6, pos: 0 };
  const take = (): string => {
    const end = reader.pos + seg.i32[reader.k++]!;
    const s = text.slice(reader.pos, end);
    reader.pos = end;
    return s;
  };
  const id = take();
  const value = (shape: HeaderShape, j: number): string => {
    const c = seg.i32[reader.k]!;
    if (c >= 0) return take();
    reader.k++;
    return c === SAME_AS_ID ? id : shape.values[j]!;
  };
  const headers = (shape: HeaderShape): Record<string, string> => {
    const out: Record<string, string> = {};
    for (let j = 0; j < shape.names.length; j++) {
      const name = shape.names[j]!;
      const v = value(shape, j);
      // As the packed object had it: an own property, even under a name a plain assignment would not create.
      if (name === "__proto__")
        Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
      else out[name] = v;
    }
    return out;
  };
  const path = (r[o + R_PATH] as string | null) ?? take();
  const reqHeaders = headers(r[o + R_REQUEST_SHAPE] as HeaderShape);
  const reqBody = take();
  const resHeaders = headers(r[o + R_RESPONSE_SHAPE] as HeaderShape);
  const resBody = take();
  return {
    id,
    kind: "http",
    time: seg.f64[at >> 3]!,
    durationMs: seg.f64[(at >> 3) + 1]!,
    client: r[o + R_CLIENT] as LogEntry["client"],
    caller: r[o + R_CALLER] as LogEntry["caller"],
    remoteAddress: r[o + R_ADDRESS] as string,
    method: r[o + R_METHOD] as string,
    path,
    status: r[o + R_STATUS] as number | null,
    model: r[o + R_MODEL] as string | null,
    stream: r[o + R_STREAM] as boolean,
    scenario: r[o + R_SCENARIO] as string,
    fault: r[o + R_FAULT] as string | null | undefined,
    rule: r[o + R_RULE] as string | null | undefined,
    request: { headers: reqHeaders, body: reqBody, bodyTruncated: (flags & REQUEST_CUT) !== 0 },
    response: { headers: resHeaders, body: resBody, bodyTruncated: (flags & RESPONSE_CUT) !== 0 },
    chunks: [],
    usage:
      flags & USAGE
        ? { prompt_tokens: seg.i32[i + 2]!, completion_tokens: seg.i32[i + 3]!, total_tokens: seg.i32[i + 4]! }
        : (r[o + R_USAGE] as LogEntry["usage"]),
    error: r[o + R_ERROR] as LogEntry["error"],
    seq: r[o + R_SEQ] as number,
  };
}
