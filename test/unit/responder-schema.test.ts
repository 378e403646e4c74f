import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { respond, type JsonSchema, type RespondInput, type ToolDef } from "../../src/core/responder/index";

const ajv = new Ajv({ strict: false });
// ajv 8 core does not know formats; these mirror what the responder claims to emit.
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/,
  email: /^[^@\s]+@[^@\s]+\.[a-z]+$/,
  uri: /^https?:\/\/\S+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
};
for (const [name, re] of Object.entries(FORMATS)) ajv.addFormat(name, re);

function structured(schema: JsonSchema, text: string, seed: number, extra: Partial<RespondInput> = {}): RespondInput {
  return {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: text }],
    temperature: 1,
    n: 1,
    maxTokens: null,
    seed,
    responseFormat: { type: "json_schema", json_schema: { name: "out", schema, strict: true } },
    ...extra,
  };
}

const SCHEMAS: Record<string, JsonSchema> = {
  person: {
    type: "object",
    properties: {
      name: { type: "string" },
      email: { type: "string", format: "email" },
      age: { type: "integer", minimum: 18, maximum: 30 },
      city: { type: "string" },
      website: { type: "string", format: "uri" },
      id: { type: "string", format: "uuid" },
      born: { type: "string", format: "date" },
      updated_at: { type: "string", format: "date-time" },
    },
    required: ["name", "email", "age", "city", "website", "id", "born", "updated_at"],
    additionalProperties: false,
  },
  nestedArrays: {
    type: "object",
    properties: {
      title: { type: "string", minLength: 5, maxLength: 40 },
      tags: {
        type: "array",
        items: { type: "string", enum: ["a", "b", "c"] },
        minItems: 2,
        maxItems: 3,
        uniqueItems: true,
      },
      items: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          properties: {
            sku: { type: "string", pattern: "^[A-Z]{3}-\\d{4}$" },
            price: { type: "number", exclusiveMinimum: 0, maximum: 10 },
            qty: { type: "integer", multipleOf: 5, minimum: 1 },
          },
          required: ["sku", "price", "qty"],
          additionalProperties: false,
        },
      },
      status: { const: "ok" },
    },
    required: ["title", "tags", "items", "status"],
    additionalProperties: false,
  },
  defsAndRefs: {
    type: "object",
    $defs: {
      step: {
        type: "object",
        properties: { explanation: { type: "string" }, output: { type: "string" } },
        required: ["explanation", "output"],
        additionalProperties: false,
      },
    },
    definitions: { color: { type: "string", enum: ["red", "green"] } },
    properties: {
      steps: { type: "array", items: { $ref: "#/$defs/step" } },
      final_answer: { type: "string" },
      color: { $ref: "#/definitions/color" },
    },
    required: ["steps", "final_answer", "color"],
    additionalProperties: false,
  },
  anyOfNullable: {
    type: "object",
    properties: {
      nickname: { type: ["string", "null"] },
      score: { anyOf: [{ type: "number", minimum: 0, maximum: 1 }, { type: "null" }] },
      contact: {
        oneOf: [
          {
            type: "object",
            properties: { phone: { type: "string" } },
            required: ["phone"],
            additionalProperties: false,
          },
          { type: "string", format: "email" },
        ],
      },
      flag: { type: "boolean" },
      nothing: { type: "null" },
    },
    required: ["nickname", "score", "contact", "flag", "nothing"],
    additionalProperties: false,
  },
  recursive: {
    type: "object",
    $defs: {
      node: {
        type: "object",
        properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#/$defs/node" } } },
        required: ["label", "children"],
        additionalProperties: false,
      },
    },
    properties: { root: { $ref: "#/$defs/node" } },
    required: ["root"],
    additionalProperties: false,
  },
  topLevelArray: { type: "array", items: { type: "integer", minimum: -3, maximum: -1 }, minItems: 4, maxItems: 4 },
  allOf: {
    allOf: [
      { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
      { properties: { b: { type: "integer" } }, required: ["b"] },
    ],
  },
};

describe("json_schema outputs validate", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      const validate = ajv.compile(schema);
      for (let seed = 0; seed < 25; seed++) {
        const choice = respond(structured(schema, "Describe a customer for our store", seed)).choices[0]!;
        assert.equal(choice.finishReason, "stop");
        const value: unknown = JSON.parse(choice.content!);
        assert.ok(validate(value), `seed ${seed}: ${ajv.errorsText(validate.errors)}\n${choice.content}`);
      }
    });
  }

  it("includes every property of strict schemas and picks plausible values", () => {
    const v = JSON.parse(respond(structured(SCHEMAS.person!, "a user", 3)).choices[0]!.content!) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(v).sort(), Object.keys(SCHEMAS.person!.properties as object).sort());
    assert.match(String(v.name), /^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it("is deterministic under a seed", () => {
    const input = structured(SCHEMAS.nestedArrays!, "order", 99);
    assert.equal(respond(input).choices[0]!.content, respond(input).choices[0]!.content);
  });

  it("reports length when truncated", () => {
    const choice = respond(structured(SCHEMAS.person!, "a user", 1, { maxTokens: 5 })).choices[0]!;
    assert.equal(choice.finishReason, "length");
    assert.equal(choice.pieces.length, 5);
    assert.throws(() => JSON.parse(choice.content!));
  });
});

const weather: ToolDef = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a city",
    strict: true,
    parameters: {
      type: "object",
      properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["location", "unit"],
      additionalProperties: false,
    },
  },
};
const stocks: ToolDef = {
  type: "function",
  function: {
    name: "get_stock_price",
    description: "Look up a stock quote by ticker symbol",
    parameters: {
      type: "object",
      properties: { ticker: { type: "string", pattern: "^[A-Z]{1,5}$" } },
      required: ["ticker"],
    },
  },
};

function chat(text: string, extra: Partial<RespondInput> = {}): RespondInput {
  return {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: text }],
    temperature: 1,
    n: 1,
    maxTokens: null,
    tools: [weather, stocks],
    ...extra,
  };
}

describe("tools", () => {
  const validateWeather = ajv.compile(weather.function.parameters!);

  it("auto calls the matching tool with arguments from the message", () => {
    const choice = respond(chat("What's the weather like in Lisbon today?", { seed: 1 })).choices[0]!;
    assert.equal(choice.finishReason, "tool_calls");
    assert.equal(choice.content, null);
    assert.deepEqual(choice.pieces, []);
    assert.equal(choice.toolCalls.length, 1);
    const call = choice.toolCalls[0]!;
    assert.equal(call.name, "get_weather");
    const args = JSON.parse(call.arguments) as Record<string, unknown>;
    assert.ok(validateWeather(args), ajv.errorsText(validateWeather.errors));
    assert.equal(args.location, "Lisbon");
    assert.equal(call.argumentPieces.join(""), call.arguments);
    assert.ok(call.argumentPieces.length > 1);
    assert.match(call.id, /^call_[0-9A-Za-z]{24}$/);
  });

  it("auto answers in text when nothing relates to a tool", () => {
    const choice = respond(chat("Tell me a fun fact about octopuses", { seed: 1 })).choices[0]!;
    assert.equal(choice.finishReason, "stop");
    assert.equal(choice.toolCalls.length, 0);
    assert.ok(choice.content);
  });

  it("none never calls tools", () => {
    const choice = respond(chat("What's the weather in Paris?", { seed: 1, toolChoice: "none" })).choices[0]!;
    assert.equal(choice.toolCalls.length, 0);
    assert.equal(choice.finishReason, "stop");
  });

  it("required calls a tool even without a match; a named choice calls that tool", () => {
    const required = respond(chat("Tell me a joke", { seed: 1, toolChoice: "required" })).choices[0]!;
    assert.equal(required.finishReason, "tool_calls");
    assert.ok(required.toolCalls.length >= 1);
    const named = respond(
      chat("What's the weather in Paris?", {
        seed: 1,
        toolChoice: { type: "function", function: { name: "get_stock_price" } },
      }),
    ).choices[0]!;
    assert.deepEqual(
      named.toolCalls.map((c) => c.name),
      ["get_stock_price"],
    );
    assert.equal(named.finishReason, "stop"); // a forced function ends with "stop" on the real API
    assert.match((JSON.parse(named.toolCalls[0]!.arguments) as { ticker: string }).ticker, /^[A-Z]{1,5}$/);
  });

  it("parallel calls one per place unless parallel_tool_calls is false", () => {
    const both = respond(chat("Compare the weather in Paris and Tokyo", { seed: 2 })).choices[0]!;
    assert.deepEqual(
      both.toolCalls.map((c) => (JSON.parse(c.arguments) as { location: string }).location),
      ["Paris", "Tokyo"],
    );
    assert.notEqual(both.toolCalls[0]!.id, both.toolCalls[1]!.id);
    const single = respond(chat("Compare the weather in Paris and Tokyo", { seed: 2, parallelToolCalls: false }))
      .choices[0]!;
    assert.equal(single.toolCalls.length, 1);
  });

  it("tool call ids are reproducible under a seed", () => {
    const input = chat("weather in Oslo?", { seed: 5 });
    assert.deepEqual(respond(input), respond(input));
  });

  it("answers in text from a tool result, ending the agent loop", () => {
    const input = chat("", {
      seed: 1,
      messages: [
        { role: "user", content: "What's the weather in Paris?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_abc", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_abc", content: '{"temperature": 18, "conditions": "light rain"}' },
      ],
    });
    const choice = respond(input).choices[0]!;
    assert.equal(choice.finishReason, "stop");
    assert.equal(choice.toolCalls.length, 0);
    assert.match(choice.content!, /get_weather/);
    assert.match(choice.content!, /18/);
    assert.match(choice.content!, /light rain/);
  });

  it("truncates tool arguments at maxTokens with finish_reason length", () => {
    const choice = respond(chat("What's the weather in Paris?", { seed: 1, maxTokens: 6 })).choices[0]!;
    assert.equal(choice.finishReason, "length");
    assert.ok(choice.completionTokens <= 6);
    assert.throws(() => JSON.parse(choice.toolCalls[0]!.arguments));
  });
});
