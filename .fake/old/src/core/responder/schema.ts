/**
 * Generates a value that validates against a JSON schema (the subset OpenAI structured outputs
 * and tool parameters use), with plausible leaves chosen from property names.
 *
 * Schemas come from clients and the server shares a thread (inside VS Code, the extension host),
 * so generation is hard-capped: items, properties, string lengths, recursion depth, schema nodes
 * visited and total output size. When a schema's minimums exceed these caps the value simply does
 * not satisfy the schema (minItems: 1e9 gets 64 items); staying responsive matters more.
 */
import { matchPattern } from "./pattern";
import type { JsonSchema } from "./types";
import { formatString, numberFor, stringFor, type ValueContext } from "./values";

/** Shared by one generation (one answer or one choice's tool calls). */
export interface Budget {
  /** Approximate JSON characters still allowed. */
  chars: number;
  /** Schema nodes (generate/normalize calls, merged parts) still allowed. */
  steps: number;
  /** Regex verification work left (see pattern.ts). */
  regexWork: number;
  /** Set once chars or steps ran out: the value was cut short (report finish_reason "length"). */
  exhausted: boolean;
}

export interface SchemaContext extends ValueContext {
  root: JsonSchema;
  budget?: Budget;
}

// Past this depth recursive schemas take their smallest valid shape (null, [], required keys only).
const SOFT_DEPTH = 6;
// Past this depth every value is the smallest of its type, and required keys are not expanded.
const MAX_DEPTH = 12;
const MAX_ITEMS = 64;
const MAX_PROPERTIES = 128;
const MAX_STRING = 2048;
const MAX_OUTPUT = 64 * 1024;
export const MAX_STEPS = 10_000;
const MAX_REGEX_WORK = 2_000_000;
// Duplicate items regenerated at most this many times per array (uniqueItems included).
const MAX_RETRIES = 8;
// Nesting past this in a const/enum value is not copied to the output (JSON.stringify would overflow).
const MAX_LITERAL_DEPTH = 32;

/** A fresh budget: 64 KB of output, or less when the token cap will cut the answer anyway. */
export function newBudget(maxTokens: number | null = null, steps = MAX_STEPS): Budget {
  // ~8 characters per token leaves the caller room to cut at exactly maxTokens.
  const chars = maxTokens == null ? MAX_OUTPUT : Math.min(MAX_OUTPUT, Math.max(0, maxTokens) * 8 + 64);
  return { chars, steps: Math.min(steps, MAX_STEPS), regexWork: MAX_REGEX_WORK, exhausted: steps <= 0 };
}

function spend(b: Budget, chars: number, steps = 0): void {
  b.chars -= chars;
  b.steps -= steps;
  if (b.chars <= 0 || b.steps <= 0) b.exhausted = true;
}

type S = JsonSchema;
const isObj = (v: unknown): v is S => typeof v === "object" && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
// defineProperty, so a "__proto__" key is an ordinary key rather than a prototype swap.
const setKey = (o: Record<string, unknown>, k: string, v: unknown): void => {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
};

// Object.keys of a huge `properties` object once per object, not once per generated value.
const keyCache = new WeakMap<object, string[]>();
function keysOf(o: S): string[] {
  let keys = keyCache.get(o);
  if (!keys) keyCache.set(o, (keys = Object.keys(o)));
  return keys;
}

function resolveRef(ref: string, root: S, b: Budget): S {
  if (!ref.startsWith("#")) return {};
  const parts = ref.slice(1).split("/", 65).filter(Boolean);
  if (parts.length > 64) return {};
  spend(b, 0, parts.length);
  let node: unknown = root;
  try {
    for (const raw of parts) {
      const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      node = isObj(node) && hasOwn(node, part) ? node[part] : undefined;
    }
  } catch {
    return {}; // malformed percent-escape
  }
  return isObj(node) ? node : {};
}

/** Follows $ref and folds allOf into one schema. */
function normalize(schema: S, root: S, b: Budget, guard = 0): S {
  let s = schema;
  // Self-referencing $ref / allOf chains stop here; the node then reads as a plain schema.
  if (guard >= 32 || b.steps <= 0) return s;
  spend(b, 0, 1);
  if (typeof s.$ref === "string") {
    const { $ref, ...rest } = s;
    s = { ...normalize(resolveRef($ref as string, root, b), root, b, guard + 1), ...rest };
  }
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    let merged: S = {};
    for (const part of [...(allOf as unknown[]).slice(0, 64).filter(isObj), rest]) {
      const p = normalize(part, root, b, guard + 1);
      const props = isObj(p.properties) ? p.properties : {};
      const req = Array.isArray(p.required) ? (p.required as string[]) : [];
      // Merging copies keys: charge for them so allOf-of-huge-objects cannot run unbounded.
      spend(b, 0, 1 + Math.floor((keysOf(props).length + req.length) / 8));
      merged = {
        ...merged,
        ...p,
        properties: { ...(merged.properties as S), ...props },
        required: [...((merged.required as string[]) ?? []), ...req],
      };
      if (b.exhausted) break;
    }
    s = merged;
  }
  return s;
}

function typesOf(s: S): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === "string") return [s.type];
  if (isObj(s.properties) || Array.isArray(s.required) || "additionalProperties" in s) return ["object"];
  if ("items" in s || "prefixItems" in s) return ["array"];
  if ("minimum" in s || "maximum" in s) return ["number"];
  return ["string"];
}

/** Approximate JSON size of a const/enum value; Infinity past `limit` or MAX_LITERAL_DEPTH. */
function literalSize(v: unknown, limit: number, depth = 0): number {
  if (v === null || typeof v !== "object") return typeof v === "string" ? v.length + 2 : String(v).length;
  if (depth >= MAX_LITERAL_DEPTH) return Infinity;
  let n = 2;
  if (Array.isArray(v)) {
    for (const x of v) if ((n += 1 + literalSize(x, limit - n, depth + 1)) > limit) return Infinity;
  } else {
    for (const k of Object.keys(v))
      if ((n += k.length + 4 + literalSize((v as S)[k], limit - n, depth + 1)) > limit) return Infinity;
  }
  return n;
}

/** A client-supplied literal, unless it would blow the output budget (then null, and the answer is cut). */
function literal(v: unknown, b: Budget): unknown {
  const size = literalSize(v, Math.max(0, b.chars));
  if (!Number.isFinite(size)) {
    b.exhausted = true;
    return null;
  }
  spend(b, size);
  return v;
}

function leaf<T>(v: T, b: Budget, size: number): T {
  spend(b, size);
  return v;
}

/** The cheapest value of a schema's type, without recursing (used past MAX_DEPTH or out of budget). */
function smallest(s: S, b: Budget): unknown {
  if ("const" in s) return literal(s.const, b);
  if (Array.isArray(s.enum) && s.enum.length) return literal(s.enum[0], b);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : []) as unknown[];
  if (branches.some((x) => isObj(x) && x.type === "null")) return leaf(null, b, 4);
  const types = typesOf(s);
  if (types.includes("null")) return leaf(null, b, 4);
  switch (types[0]) {
    case "object":
      return leaf({}, b, 2);
    case "array":
      return leaf([], b, 2);
    case "integer":
    case "number": {
      const [lo, hi] = bounds(s, types[0] === "integer");
      return leaf(lo > 0 ? lo : hi < 0 ? hi : 0, b, 8);
    }
    case "boolean":
      return leaf(false, b, 5);
    default:
      return leaf("", b, 2);
  }
}

export function generate(schema: unknown, ctx: SchemaContext, key = "", depth = 0): unknown {
  const b = (ctx.budget ??= newBudget());
  spend(b, 0, 1);
  if (schema === true || !isObj(schema)) return b.exhausted ? leaf("", b, 2) : stringLeaf(stringFor(key, ctx), b);
  let s = normalize(schema, ctx.root, b);
  // anyOf/oneOf pick a branch and go round again (a loop, so nested anyOf cannot exhaust the stack).
  for (let hop = 0; ; hop++) {
    if (b.exhausted || depth >= MAX_DEPTH) return smallest(s, b);
    if ("const" in s) return literal(s.const, b);
    if (Array.isArray(s.enum) && s.enum.length) return literal(ctx.rng.any(s.enum), b);
    const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as unknown[] | null;
    if (!branches?.length || hop >= 32) break;
    const isNull = (x: unknown): boolean => isObj(x) && normalize(x, ctx.root, b).type === "null";
    const chosen =
      depth >= SOFT_DEPTH ? (branches.find(isNull) ?? branches[0]) : (branches.find((x) => !isNull(x)) ?? branches[0]);
    if (!isObj(chosen)) return stringLeaf(stringFor(key, ctx), b);
    const { anyOf: _a, oneOf: _o, ...rest } = s;
    s = normalize({ ...rest, ...chosen }, ctx.root, b);
  }
  const types = typesOf(s);
  const nonNull = types.filter((t) => t !== "null");
  const type = depth >= SOFT_DEPTH && types.includes("null") ? "null" : (nonNull[0] ?? "null");
  switch (type) {
    case "object":
      return objectValue(s, ctx, b, depth);
    case "array":
      return arrayValue(s, ctx, b, key, depth);
    case "integer":
      return numberValue(s, key, true, ctx, b);
    case "number":
      return numberValue(s, key, false, ctx, b);
    case "boolean":
      return leaf(ctx.rng.chance(0.5), b, 6);
    case "null":
      return leaf(null, b, 4);
    default:
      return stringValue(s, key, ctx, b);
  }
}

function objectValue(s: S, ctx: SchemaContext, b: Budget, depth: number): Record<string, unknown> {
  const props = isObj(s.properties) ? s.properties : {};
  const requiredList = Array.isArray(s.required) ? (s.required as unknown[]).slice(0, MAX_PROPERTIES) : [];
  const required = new Set(requiredList.filter((k): k is string => typeof k === "string"));
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const k of keysOf(props)) {
    if (count >= MAX_PROPERTIES || b.exhausted) break;
    // Deep inside recursive schemas only required keys are emitted, so generation terminates.
    if (depth >= SOFT_DEPTH && !required.has(k)) {
      spend(b, 0, 1);
      continue;
    }
    spend(b, k.length + 4);
    setKey(out, k, generate(props[k], ctx, k, depth + 1));
    count++;
  }
  const extra = s.additionalProperties;
  for (const k of required) {
    if (count >= MAX_PROPERTIES) break;
    if (hasOwn(out, k)) continue;
    spend(b, k.length + 4);
    setKey(
      out,
      k,
      hasOwn(props, k)
        ? isObj(props[k])
          ? smallest(normalize(props[k], ctx.root, b), b)
          : leaf("", b, 2)
        : generate(isObj(extra) ? extra : true, ctx, k, depth + 1),
    );
    count++;
  }
  // minProperties beyond MAX_PROPERTIES is not met (see the header comment).
  const minProps = Math.min(typeof s.minProperties === "number" ? s.minProperties : 0, MAX_PROPERTIES);
  if (extra !== false) {
    for (let i = 0; count < minProps && i < MAX_PROPERTIES * 2 && !b.exhausted; i++) {
      const name = `${ctx.terms[i] ?? "key"}_${i}`;
      if (hasOwn(out, name)) continue;
      spend(b, name.length + 4);
      setKey(out, name, generate(isObj(extra) ? extra : true, ctx, "", depth + 1));
      count++;
    }
  }
  return out;
}

function arrayValue(s: S, ctx: SchemaContext, b: Budget, key: string, depth: number): unknown[] {
  // minItems beyond MAX_ITEMS is not met (see the header comment).
  const min = Math.min(typeof s.minItems === "number" ? s.minItems : 0, MAX_ITEMS);
  const max = Math.min(typeof s.maxItems === "number" ? s.maxItems : Math.max(min, 3), MAX_ITEMS);
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  const wanted =
    depth >= SOFT_DEPTH ? min : Math.min(max, Math.max(min, Math.min(prefix.length, MAX_ITEMS), ctx.rng.int(2, 3)));
  const itemKey = key.replace(/(?:ies)$/, "y").replace(/(?<=[^s])s$/, "");
  const out: unknown[] = [];
  const seen = new Set<string>();
  let retries = 0;
  while (out.length < wanted && !b.exhausted) {
    const i = out.length;
    const sub = i < prefix.length ? prefix[i] : s.items === undefined ? true : s.items;
    if (sub === false) break;
    const v = generate(sub, ctx, itemKey, depth + 1);
    spend(b, 1);
    const sig = JSON.stringify(v);
    if (seen.has(sig)) {
      // Duplicates are legal without uniqueItems, but varied items read better; give up after a few tries.
      if (retries++ < MAX_RETRIES) continue;
      if (s.uniqueItems === true) break; // no more distinct values: shorter than minItems, acceptably
    }
    seen.add(sig);
    out.push(v);
  }
  return out;
}

/** Inclusive numeric bounds. Draft 4 used boolean exclusive flags; 2019+ uses numeric bounds. Accept both. */
function bounds(s: S, integer: boolean): [number, number] {
  let lo = typeof s.minimum === "number" ? s.minimum : -Infinity;
  let hi = typeof s.maximum === "number" ? s.maximum : Infinity;
  const step = integer ? 1 : 0.01;
  if (typeof s.exclusiveMinimum === "number") lo = Math.max(lo, s.exclusiveMinimum + step);
  else if (s.exclusiveMinimum === true) lo += step;
  if (typeof s.exclusiveMaximum === "number") hi = Math.min(hi, s.exclusiveMaximum - step);
  else if (s.exclusiveMaximum === true) hi -= step;
  if (integer) {
    lo = Math.ceil(lo);
    hi = Math.floor(hi);
  }
  return [lo, hi];
}

function numberValue(s: S, key: string, integer: boolean, ctx: SchemaContext, b: Budget): number {
  const [lo, hi] = bounds(s, integer);
  let v = numberFor(key, integer, ctx.rng);
  if (v < lo || v > hi) {
    const a = Number.isFinite(lo) ? lo : hi - 100;
    const c = Number.isFinite(hi) ? hi : lo + 100;
    v = integer ? ctx.rng.int(a, Math.max(a, c)) : Math.round((a + ctx.rng.next() * (c - a)) * 100) / 100;
    v = Math.min(Math.max(v, lo), hi);
  }
  const mult = s.multipleOf;
  if (typeof mult === "number" && mult > 0) {
    let m = Math.round(v / mult) * mult;
    if (m > hi) m -= mult;
    if (m < lo) m += mult;
    v = Number(m.toFixed(10));
  }
  return leaf(v, b, String(v).length + 1);
}

function stringLeaf(v: string, b: Budget): string {
  const capped = v.length > MAX_STRING ? Array.from(v).slice(0, MAX_STRING).join("") : v;
  return leaf(capped, b, capped.length + 3);
}

function stringValue(s: S, key: string, ctx: SchemaContext, b: Budget): string {
  const fmt = typeof s.format === "string" ? formatString(s.format, key, ctx) : undefined;
  let v = fmt ?? stringFor(key, ctx);
  if (typeof s.pattern === "string") v = matchPattern(s.pattern, v, ctx.rng, b) ?? v;
  // minLength beyond MAX_STRING is not met (see the header comment).
  const min = Math.min(typeof s.minLength === "number" ? s.minLength : 0, MAX_STRING);
  const max = Math.min(typeof s.maxLength === "number" ? s.maxLength : Infinity, MAX_STRING);
  // Code points computed once (lengths are in code points, as JSON Schema counts them).
  let chars = Array.from(v);
  if (chars.length > max)
    chars = Array.from(
      chars
        .slice(0, max)
        .join("")
        .trimEnd()
        .padEnd(Math.min(max, Math.max(min, 1)), "x"),
    );
  if (chars.length < min) {
    const unit = chars.length ? chars : Array.from("example");
    const grown = chars.slice();
    while (grown.length < min) {
      if (grown.length) grown.push(" ");
      for (const c of unit) {
        if (grown.length >= min) break;
        grown.push(c);
      }
    }
    chars = grown;
  }
  if (chars.length > max) chars = chars.slice(0, Math.max(0, max));
  return leaf(chars.join(""), b, chars.length + 3);
}
