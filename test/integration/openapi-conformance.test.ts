// Validates real responses against OpenAI's published OpenAPI schemas (../shared/openai-openapi).
// The folder is not part of the product; without it this suite skips and says why.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

const SPEC =
  process.env.OPENAI_OPENAPI_PATH ?? join(__dirname, "..", "..", "..", "shared", "openai-openapi", "openapi.yaml");
const skip = existsSync(SPEC)
  ? false
  : `OpenAI's OpenAPI description not found at ${SPEC} (set OPENAI_OPENAPI_PATH to enable)`;

let s: TestServer;
let validator: (name: string) => ValidateFunction;

before(async () => {
  if (skip) return;
  const spec = parse(readFileSync(SPEC, "utf8"), { maxAliasCount: -1 }) as {
    components: { schemas: Record<string, unknown> };
  };
  // OpenAPI 3.1 schemas are JSON Schema; `nullable` (a 3.0 leftover in places) is an annotation here.
  normalizeNullable(spec.components);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "openai", components: spec.components });
  validator = (name) => ajv.getSchema(`openai#/components/schemas/${name}`)!;
  s = await startTestServer();
});
after(() => s?.close());

/** The spec mixes in OpenAPI 3.0's `nullable: true` (beside enums and $refs); rewrite it as JSON Schema's `anyOf [..., null]`. */
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

async function post(body: unknown) {
  const r = await request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
    dispatcher: s.agent,
  });
  return { status: r.statusCode, text: await r.body.text() };
}

function check(name: string, value: unknown) {
  const validate = validator(name);
  assert.ok(
    validate(value),
    `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(value).slice(0, 400)}`,
  );
}

describe("OpenAPI conformance", { skip }, () => {
  test("chat.completion with text, tools and logprobs matches CreateChatCompletionResponse", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "lookup",
          parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
        },
      },
    ];
    for (const body of [
      { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] },
      { model: "gpt-4o-mini", messages: [{ role: "user", content: "Look this up" }], tools, tool_choice: "required" },
      {
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Hi" }],
        logprobs: true,
        top_logprobs: 2,
        n: 2,
        max_tokens: 6,
      },
    ]) {
      const r = await post(body);
      assert.equal(r.status, 200);
      check("CreateChatCompletionResponse", JSON.parse(r.text));
    }
  });

  test("every streamed chunk, including tool deltas and the usage chunk, matches CreateChatCompletionStreamResponse", async () => {
    const tools = [
      {
        type: "function",
        function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } },
      },
    ];
    for (const body of [
      {
        model: "gpt-4o-mini",
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: "user", content: "Hi" }],
        n: 2,
        max_tokens: 8,
      },
      {
        model: "gpt-4o-mini",
        stream: true,
        messages: [{ role: "user", content: "Look this up" }],
        tools,
        tool_choice: "required",
      },
    ]) {
      const r = await post(body);
      const events = r.text.split("\n\n").filter(Boolean);
      assert.equal(events.at(-1), "data: [DONE]");
      for (const e of events.slice(0, -1))
        check("CreateChatCompletionStreamResponse", JSON.parse(e.slice("data: ".length)));
    }
  });

  test("error bodies match ErrorResponse", async () => {
    for (const body of [
      { model: "nope", messages: [{ role: "user", content: "x" }] },
      { model: "gpt-4o-mini" },
      '{"model": "gpt-4o-mini", not json',
    ]) {
      const r = await post(body);
      assert.equal(r.status, 400);
      check("ErrorResponse", JSON.parse(r.text));
    }
  });

  test("models list and model match ListModelsResponse and Model", async () => {
    const list = await request(`${s.url}/v1/models`, { dispatcher: s.agent });
    check("ListModelsResponse", await list.body.json());
    const one = await request(`${s.url}/v1/models/gpt-4o-mini`, { dispatcher: s.agent });
    check("Model", await one.body.json());
  });
});
