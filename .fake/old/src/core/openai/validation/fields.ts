/**
 * Field checks shared by every request parser (chat, Responses, completions, embeddings), each
 * throwing the first problem as OpenAI's 400 with its wording, `param` and `code`.
 */
import { ApiError, invalidParam } from "../errors";

export type Body = Record<string, unknown>;

export const isObject = (v: unknown): v is Body => typeof v === "object" && v !== null && !Array.isArray(v);

/** How OpenAI names a JSON value's type in messages: "a string", "an array", "null". */
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

export const invalidValue = (param: string, value: unknown, supported: readonly string[]) =>
  invalidParam(
    param,
    `Invalid value: '${String(value)}'. Supported values are: ${supported.map((s) => `'${s}'`).join(", ")}.`,
    "invalid_value",
  );

/** The body itself must be a JSON object. `detail` adds what it was ("but got an array instead"). */
export function requireObjectBody(body: unknown, detail = true): asserts body is Body {
  if (isObject(body)) return;
  const what = detail ? `, but got ${typeName(body)} instead` : "";
  throw new ApiError(
    400,
    `Invalid body: expected a JSON object${what}.`,
    "invalid_request_error",
    null,
    "invalid_type",
  );
}

/** Absent or null reads as "not set", as the API treats explicit nulls. */
const unset = (v: unknown) => v === undefined || v === null;

export function optionalNumber(body: Body, key: string, min: number, max: number, integer: boolean): number | null {
  const v = body[key];
  if (unset(v)) return null;
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

export function optionalBoolean(body: Body, key: string): boolean | null {
  const v = body[key];
  if (unset(v)) return null;
  if (typeof v !== "boolean") throw invalidType(key, "a boolean", v);
  return v;
}

/** A string, at most `maxLength` characters when given. */
export function optionalString(body: Body, key: string, maxLength = Infinity): string | null {
  const v = body[key];
  if (unset(v)) return null;
  if (typeof v !== "string") throw invalidType(key, "a string", v);
  if (v.length > maxLength)
    throw invalidParam(
      key,
      `Invalid '${key}': string too long. Expected a string with maximum length ${maxLength}, but got a string with length ${v.length} instead.`,
      "string_above_max_length",
    );
  return v;
}

/** One of `values`. */
export function optionalEnum<T extends string>(body: Body, key: string, values: readonly T[]): T | null {
  const v = optionalString(body, key);
  if (v !== null && !(values as readonly string[]).includes(v)) throw invalidValue(key, v, values);
  return v as T | null;
}

export function optionalObject(body: Body, key: string): Body | null {
  const v = body[key];
  if (unset(v)) return null;
  if (!isObject(v)) throw invalidType(key, "an object", v);
  return v;
}

export function optionalArray(body: Body, key: string): unknown[] | null {
  const v = body[key];
  if (unset(v)) return null;
  if (!Array.isArray(v)) throw invalidType(key, "an array", v);
  return v;
}
