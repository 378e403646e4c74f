/**
 * Generates a value that validates against a JSON schema (the subset OpenAI structured outputs
 * and tool parameters use), with plausible leaves chosen from property names.
 */
import { fromPattern } from "./pattern";
import type { JsonSchema } from "./types";
import { formatString, numberFor, stringFor, type ValueContext } from "./values";

export interface SchemaContext extends ValueContext {
  root: JsonSchema;
}

// Past this depth recursive schemas take their smallest valid shape (null, [], required keys only).
const MAX_DEPTH = 6;

type S = JsonSchema;
const isObj = (v: unknown): v is S => typeof v === "object" && v !== null && !Array.isArray(v);

function resolveRef(ref: string, root: S): S {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObj(node) ? node[part] : undefined;
  }
  return isObj(node) ? node : {};
}

/** Follows $ref and folds allOf into one schema. */
function normalize(schema: S, root: S, guard = 0): S {
  let s = schema;
  if (typeof s.$ref === "string" && guard < 32) {
    const { $ref, ...rest } = s;
    s = { ...normalize(resolveRef($ref as string, root), root, guard + 1), ...rest };
  }
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    let merged: S = {};
    for (const part of [...(allOf as unknown[]).filter(isObj), rest]) {
      const p = normalize(part, root, guard + 1);
      merged = {
        ...merged, ...p,
        properties: { ...(merged.properties as S), ...(p.properties as S) },
        required: [...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])],
      };
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

export function generate(schema: unknown, ctx: SchemaContext, key = "", depth = 0): unknown {
  if (schema === true || !isObj(schema)) return stringFor(key, ctx);
  const s = normalize(schema, ctx.root);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return ctx.rng.any(s.enum);
  const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as unknown[] | null;
  if (branches?.length) {
    const isNull = (b: unknown): boolean => isObj(b) && normalize(b, ctx.root).type === "null";
    const chosen = depth >= MAX_DEPTH ? branches.find(isNull) ?? branches[0] : branches.find((b) => !isNull(b)) ?? branches[0];
    const { anyOf: _a, oneOf: _o, ...rest } = s;
    return generate(isObj(chosen) ? { ...rest, ...chosen } : chosen, ctx, key, depth);
  }
  const types = typesOf(s);
  const nonNull = types.filter((t) => t !== "null");
  const type = depth >= MAX_DEPTH && types.includes("null") ? "null" : nonNull[0] ?? "null";
  switch (type) {
    case "object": return objectValue(s, ctx, depth);
    case "array": return arrayValue(s, ctx, key, depth);
    case "integer": return numberValue(s, key, true, ctx);
    case "number": return numberValue(s, key, false, ctx);
    case "boolean": return ctx.rng.chance(0.5);
    case "null": return null;
    default: return stringValue(s, key, ctx);
  }
}

function objectValue(s: S, ctx: SchemaContext, depth: number): Record<string, unknown> {
  const props = isObj(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(props)) {
    // Deep inside recursive schemas only required keys are emitted, so generation terminates.
    if (depth >= MAX_DEPTH && !required.has(k)) continue;
    out[k] = generate(sub, ctx, k, depth + 1);
  }
  const extra = s.additionalProperties;
  for (const k of required) if (!(k in out)) out[k] = generate(isObj(extra) ? extra : true, ctx, k, depth + 1);
  const minProps = typeof s.minProperties === "number" ? s.minProperties : 0;
  if (extra !== false && Object.keys(out).length < minProps) {
    for (let i = 0; Object.keys(out).length < minProps; i++) out[`${ctx.terms[i] ?? "key"}_${i}`] = generate(isObj(extra) ? extra : true, ctx, "", depth + 1);
  }
  return out;
}

function arrayValue(s: S, ctx: SchemaContext, key: string, depth: number): unknown[] {
  const min = typeof s.minItems === "number" ? s.minItems : 0;
  const max = typeof s.maxItems === "number" ? s.maxItems : Math.max(min, 3);
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  const wanted = depth >= MAX_DEPTH ? min : Math.min(max, Math.max(min, prefix.length, ctx.rng.int(2, 3)));
  const itemKey = key.replace(/(?:ies)$/, "y").replace(/(?<=[^s])s$/, "");
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let attempts = 0; out.length < wanted && attempts < wanted * 4 + 4; attempts++) {
    const i = out.length;
    const sub = i < prefix.length ? prefix[i] : s.items === undefined ? true : s.items;
    if (sub === false) break;
    const v = generate(sub, ctx, itemKey, depth + 1);
    const sig = JSON.stringify(v);
    // Duplicates are legal without uniqueItems, but varied items read better; give up after a few tries.
    if (seen.has(sig) && (s.uniqueItems === true || attempts < wanted * 3)) continue;
    seen.add(sig);
    out.push(v);
  }
  return out;
}

function numberValue(s: S, key: string, integer: boolean, ctx: SchemaContext): number {
  // Draft 4 used boolean exclusive flags; 2019+ uses numeric bounds. Accept both.
  let lo = typeof s.minimum === "number" ? s.minimum : -Infinity;
  let hi = typeof s.maximum === "number" ? s.maximum : Infinity;
  const step = integer ? 1 : 0.01;
  if (typeof s.exclusiveMinimum === "number") lo = Math.max(lo, s.exclusiveMinimum + step);
  else if (s.exclusiveMinimum === true) lo += step;
  if (typeof s.exclusiveMaximum === "number") hi = Math.min(hi, s.exclusiveMaximum - step);
  else if (s.exclusiveMaximum === true) hi -= step;
  if (integer) { lo = Math.ceil(lo); hi = Math.floor(hi); }
  let v = numberFor(key, integer, ctx.rng);
  if (v < lo || v > hi) {
    const a = Number.isFinite(lo) ? lo : hi - 100;
    const b = Number.isFinite(hi) ? hi : lo + 100;
    v = integer ? ctx.rng.int(a, Math.max(a, b)) : Math.round((a + ctx.rng.next() * (b - a)) * 100) / 100;
    v = Math.min(Math.max(v, lo), hi);
  }
  const mult = s.multipleOf;
  if (typeof mult === "number" && mult > 0) {
    let m = Math.round(v / mult) * mult;
    if (m > hi) m -= mult;
    if (m < lo) m += mult;
    v = Number(m.toFixed(10));
  }
  return v;
}

function stringValue(s: S, key: string, ctx: SchemaContext): string {
  const fmt = typeof s.format === "string" ? formatString(s.format, key, ctx) : undefined;
  let v = fmt ?? stringFor(key, ctx);
  if (typeof s.pattern === "string") {
    let ok = false;
    try { ok = new RegExp(s.pattern, "u").test(v); } catch { ok = true; }
    if (!ok) v = fromPattern(s.pattern, ctx.rng) ?? v;
  }
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  const chars = [...v];
  if (chars.length > max) v = chars.slice(0, max).join("").trimEnd().padEnd(Math.min(max, Math.max(min, 1)), "x");
  while ([...v].length < min) v += v ? " " + v : "example";
  if ([...v].length > max) v = [...v].slice(0, max).join("");
  return v;
}
