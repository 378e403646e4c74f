/**
 * JSON objects written from a field list: each wire object is declared once, as its members in
 * order, and written by concatenation (no intermediate object, no JSON.stringify of the whole).
 * A list compiles to one function whose constant members are literals, as fast as a hand-written
 * template (the hot path's bodies go through here).
 */

/** A member's value as JSON text: fixed, or computed from the source (undefined leaves it out). */
export type FieldValue<T> = { json: string } | ((src: T) => string | undefined);
export type Field<T> = readonly [key: string, value: FieldValue<T>];

/** A constant member value, e.g. `fixed("chat.completion")`, `fixed(null)`. */
export const fixed = (value: unknown): { json: string } => ({ json: JSON.stringify(value) });

export interface ObjectWriter<T> {
  /** The whole object. */
  write(src: T): string;
  /** From `{` through `"key":` (the members before `key`, then its name): a prefix shared by many objects. */
  through(src: T, key: string): string;
  /** What follows `key`'s value, through the closing `}`. */
  after(src: T, key: string): string;
  /** `through` for one key, as a function to keep (no lookup by key per call). */
  throughFn(key: string): (src: T) => string;
}

type ValueFn<T> = (src: T) => string | undefined;

/**
 * The members [from, to) as JavaScript source concatenating literals and calls of `v[i]`; the
 * first one written gets `first` as its lead ("{" or ","), later ones ",". A left-out member
 * (undefined) costs its key and comma.
 */
function source<T>(fields: readonly Field<T>[], from: number, to: number, first: string) {
  const fns: ValueFn<T>[] = [];
  let code = "''";
  for (let i = from; i < to; i++) {
    const [key, value] = fields[i]!;
    const lead = (i === from ? first : ",") + JSON.stringify(key) + ":";
    if (typeof value !== "function") code += "+" + JSON.stringify(lead + value.json);
    else {
      fns.push(value);
      const call = `v[${fns.length - 1}](s)`;
      // The opening member is never left out: it carries the brace.
      code +=
        i === from && first === "{"
          ? `+${JSON.stringify(lead)}+${call}`
          : `+((t=${call})===undefined?'':${JSON.stringify(lead)}+t)`;
    }
  }
  return { code, fns };
}

function compile<T>(fields: readonly Field<T>[], from: number, to: number, first: string, close: string) {
  const { code, fns } = source(fields, from, to, first);
  // Built from our own constant field lists only, never from request data.
  const make = new Function("v", `return function(s){let t;return ${code}+${JSON.stringify(close)};}`) as (
    v: ValueFn<T>[],
  ) => (src: T) => string;
  return make(fns);
}

/** Compiles a field list. Its first member must never be left out (it carries the opening brace). */
export function objectWriter<T>(fields: readonly Field<T>[]): ObjectWriter<T> {
  const keys = fields.map(([k]) => k);
  const indexOf = (key: string) => {
    const i = keys.indexOf(key);
    if (i < 0) throw new Error(`field list has no member ${key}`);
    return i;
  };
  const throughs = new Map<string, (src: T) => string>();
  const afters = new Map<string, (src: T) => string>();
  return {
    write: compile(fields, 0, fields.length, "{", "}"),
    through(src, key) {
      return this.throughFn(key)(src);
    },
    throughFn(key) {
      let fn = throughs.get(key);
      if (!fn) {
        const i = indexOf(key);
        const lead = (i === 0 ? "{" : ",") + JSON.stringify(key) + ":";
        fn = i === 0 ? () => lead : compile(fields, 0, i, "{", lead);
        throughs.set(key, fn);
      }
      return fn;
    },
    after(src, key) {
      let fn = afters.get(key);
      if (!fn) {
        fn = compile(fields, indexOf(key) + 1, fields.length, ",", "}");
        afters.set(key, fn);
      }
      return fn(src);
    },
  };
}

/**
 * A JSON string literal, byte for byte what JSON.stringify gives. Short strings with nothing to
 * escape (ids, model names, finish reasons) are quoted directly: JSON.stringify's fixed cost is
 * several times a scan of a few dozen characters. Anything else goes to JSON.stringify.
 */
export function jsonString(s: string | null): string {
  if (s === null) return "null";
  if (s.length > 64) return JSON.stringify(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Control characters, '"', '\\' and (possibly lone) surrogates are JSON.stringify's to write.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}
