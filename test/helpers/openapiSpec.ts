// OpenAI's published OpenAPI description (../shared/openai-openapi), compiled for validating bodies.
// The folder is not part of the product: callers skip, with `openapiSkip` as the message, without it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";

export const OPENAPI_PATH =
  process.env.OPENAI_OPENAPI_PATH ?? join(__dirname, "..", "..", "..", "shared", "openai-openapi", "openapi.yaml");
export const openapiSkip = existsSync(OPENAPI_PATH)
  ? false
  : `OpenAI's OpenAPI description not found at ${OPENAPI_PATH} (set OPENAI_OPENAPI_PATH to enable)`;

/** The spec mixes in OpenAPI 3.0's `nullable: true`; rewrite it as JSON Schema's `anyOf [..., null]`. */
function normalizeNullable(node: unknown): void {
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  for (const v of Object.values(obj)) normalizeNullable(v);
  if (obj.nullable === true) {
    delete obj.nullable;
    const rest = { ...obj };
    for (const k of Object.keys(obj)) delete obj[k];
    obj.anyOf = [rest, { type: "null" }];
  } else if (obj.nullable === false) delete obj.nullable;
}

/** Returns check(schemaName, value), which asserts that value validates against that component schema. */
export function openapiChecker(): (name: string, value: unknown) => void {
  const spec = parse(readFileSync(OPENAPI_PATH, "utf8"), { maxAliasCount: -1 }) as {
    components: { schemas: Record<string, unknown> };
  };
  normalizeNullable(spec.components);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "openai", components: spec.components });
  const cache = new Map<string, ValidateFunction>();
  return (name, value) => {
    let validate = cache.get(name);
    if (!validate) cache.set(name, (validate = ajv.getSchema(`openai#/components/schemas/${name}`)!));
    assert.ok(validate, `no schema ${name}`);
    assert.ok(
      validate(value),
      `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(value).slice(0, 400)}`,
    );
  };
}
