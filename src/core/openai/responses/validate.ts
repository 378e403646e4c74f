/** Field checks shared by the Responses request parser, with OpenAI's messages and codes. */
import { invalidParam } from "../errors";

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  return `a ${typeof v}`;
}

export const invalidType = (param: string, expected: string, got: unknown) =>
  invalidParam(
    param,
    `Invalid type for '${param}': expected ${expected}, but got ${typeName(got)} instead.`,
    "invalid_type",
  );

export const missing = (param: string) =>
  invalidParam(param, `Missing required parameter: '${param}'.`, "missing_required_parameter");

export const invalidValue = (param: string, value: unknown, supported: string[]) =>
  invalidParam(
    param,
    `Invalid value: '${String(value)}'. Supported values are: ${supported.map((s) => `'${s}'`).join(", ")}.`,
    "invalid_value",
  );

export function optionalNumber(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  integer: boolean,
): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
    throw invalidType(key, integer ? "an integer" : "a decimal", v);
  const kind = integer ? "integer" : "decimal";
  if (v < min)
    throw invalidParam(
      key,
      `Invalid '${key}': ${kind} below minimum value. Expected a value >= ${min}, but got ${v} instead.`,
      `${kind}_below_min_value`,
    );
  if (v > max)
    throw invalidParam(
      key,
      `Invalid '${key}': ${kind} above maximum value. Expected a value <= ${max}, but got ${v} instead.`,
      `${kind}_above_max_value`,
    );
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "boolean") throw invalidType(key, "a boolean", v);
  return v;
}

export function optionalString(body: Record<string, unknown>, key: string): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw invalidType(key, "a string", v);
  return v;
}

/** How deeply a schema (text.format.schema, tools[].parameters) may nest objects and arrays. */
export const MAX_SCHEMA_DEPTH = 100;

/** Whether `v` nests objects/arrays more than `max` levels deep. Iterative, so hostile input cannot overflow the stack. */
export function nestsDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** Rejects a schema that nests too deeply to echo back (JSON.stringify would overflow the stack). */
export function checkSchemaDepth(param: string, v: unknown): void {
  if (nestsDeeperThan(v, MAX_SCHEMA_DEPTH))
    throw invalidParam(
      param,
      `Invalid '${param}': the schema is nested too deeply. Expected at most ${MAX_SCHEMA_DEPTH} levels of nested objects and arrays.`,
      "invalid_value",
    );
}
