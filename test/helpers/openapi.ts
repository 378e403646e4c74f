// OpenAI's OpenAPI description (../shared/openai-openapi) as ajv validators, for conformance checks.
// The folder is not part of the product: callers skip, with `openApiSkip` as the message, when it is absent.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";

export const OPENAPI_SPEC =
  process.env.OPENAI_OPENAPI_PATH ?? join(__dirname, "..", "..", "..", "shared", "openai-openapi", "openapi.yaml");

/** false when the spec is present, else the reason to skip (for node:test's `skip`). */
export const openApiSkip: string | false = existsSync(OPENAPI_SPEC)
  ? false
  : `OpenAI's OpenAPI description not found at ${OPENAPI_SPEC} (set OPENAI_OPENAPI_PATH to enable)`;

type Schemas = Record<string, { anyOf?: Array<{ $ref?: string }>; properties?: Record<string, { enum?: string[] }> }>;

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

export interface OpenApi {
  validator(schema: string): ValidateFunction;
  /** Asserts `value` matches components/schemas/<schema>, showing the first errors. */
  check(schema: string, value: unknown): void;
  /** The schema of one streamed Responses event, by its `type` (e.g. ResponseTextDeltaEvent). */
  responseEventSchema(type: string): string;
}

let loaded: OpenApi | undefined;

export function loadOpenApi(): OpenApi {
  if (loaded) return loaded;
  const spec = parse(readFileSync(OPENAPI_SPEC, "utf8"), { maxAliasCount: -1 }) as {
    components: { schemas: Schemas };
  };
  normalizeNullable(spec.components);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "openai", components: spec.components });
  const schemas = spec.components.schemas;
  const byType = new Map<string, string>();
  for (const ref of schemas.ResponseStreamEvent?.anyOf ?? []) {
    const name = ref.$ref?.split("/").pop();
    const type = name && schemas[name]?.properties?.type?.enum?.[0];
    if (name && type) byType.set(type, name);
  }
  const validator = (name: string) => {
    const v = ajv.getSchema(`openai#/components/schemas/${name}`);
    assert.ok(v, `no schema ${name} in the spec`);
    return v;
  };
  loaded = {
    validator,
    check(name, value) {
      const validate = validator(name);
      assert.ok(
        validate(value),
        `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(value).slice(0, 400)}`,
      );
    },
    responseEventSchema(type) {
      const name = byType.get(type);
      assert.ok(name, `no Responses stream event of type ${type} in the spec`);
      return name;
    },
  };
  return loaded;
}
