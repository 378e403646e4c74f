/**
 * Hostile client input must not wedge the server: every respond() returns promptly with bounded
 * output. The 2 s guard is a hang detector, not a performance assertion.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { chatCompletionChunks, chatCompletionJson, usageOf } from "../../src/core/openai/chatCompletion";
import type { chatCompletion as completionObject } from "../oracle/chatCompletionBefore";

/** The product's body, parsed (typed by the oracle's object builder). */
const chatCompletion = (...args: Parameters<typeof chatCompletionJson>) =>
  JSON.parse(chatCompletionJson(...args)) as ReturnType<typeof completionObject>;
import { parseChatRequest } from "../../src/core/openai/chatRequest";
import { countTokens } from "../../src/core/responder/tokens";
import {
  promptTokens,
  respond,
  type JsonSchema,
  type RespondInput,
  type RespondOutput,
  type ToolDef,
} from "../../src/core/responder/index";

const HANG_MS = 2000;
const MAX_CONTENT = 200 * 1024;

function timed(input: RespondInput): RespondOutput {
  const start = performance.now();
  const out = respond(input);
  const ms = performance.now() - start;
  assert.ok(ms < HANG_MS, `respond() took ${ms.toFixed(0)} ms`);
  return out;
}

function structured(schema: JsonSchema, extra: Partial<RespondInput> = {}): RespondInput {
  return {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Generate the data" }],
    temperature: 1,
    n: 1,
    maxTokens: null,
    seed: 7,
    responseFormat: { type: "json_schema", json_schema: { name: "out", schema, strict: false } },
    ...extra,
  };
}

function nest(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

const HOSTILE: Record<string, JsonSchema> = {
  "minItems 1e9": {
    type: "object",
    properties: { a: { type: "array", minItems: 1_000_000_000, items: { type: "integer" } } },
    required: ["a"],
  },
  "minLength 5e7": { type: "object", properties: { s: { type: "string", minLength: 50_000_000 } }, required: ["s"] },
  "minProperties 1e9": { type: "object", minProperties: 1_000_000_000 },
  "maxItems 1e9 with minItems 1e9 of long strings": {
    type: "array",
    minItems: 1e9,
    maxItems: 1e9,
    items: { type: "string", minLength: 1e6 },
  },
  "nested arrays of long strings": {
    type: "array",
    minItems: 64,
    items: { type: "array", minItems: 64, items: { type: "string", minLength: 2048 } },
  },
  "self $ref under required": { type: "object", properties: { next: { $ref: "#" } }, required: ["next"] },
  "recursive array via $ref": { type: "array", minItems: 64, items: { $ref: "#" } },
  "allOf self-reference bomb": {
    $defs: { a: { allOf: [{ $ref: "#/$defs/a" }, { $ref: "#/$defs/a" }] } },
    $ref: "#/$defs/a",
  },
  "anyOf self-reference bomb": {
    $defs: { a: { anyOf: [{ $ref: "#/$defs/a" }, { $ref: "#/$defs/a" }] } },
    $ref: "#/$defs/a",
  },
  "catastrophic pattern (a+)+$": {
    type: "object",
    properties: { p: { type: "string", pattern: "(a+)+$" } },
    required: ["p"],
  },
  "nested counted pattern": {
    type: "object",
    properties: { p: { type: "string", pattern: "^(a{1,32}){1,32}\\b$" } },
    required: ["p"],
  },
  "pattern a{1000000}": {
    type: "object",
    properties: { p: { type: "string", pattern: "a{1000000}" } },
    required: ["p"],
  },
  "pattern ((a{32}){32}){32}": {
    type: "object",
    properties: { p: { type: "string", pattern: "^((a{32}){32}){32}$" } },
    required: ["p"],
  },
  "uniqueItems over booleans": { type: "array", minItems: 1000, uniqueItems: true, items: { type: "boolean" } },
  "100k-deep items": nest(100_000, { type: "string" }, (i) => ({ type: "array", items: i })) as JsonSchema,
  "100k-deep anyOf": nest(100_000, { type: "string" }, (i) => ({ anyOf: [i] })) as JsonSchema,
  "100k-deep allOf": nest(100_000, { type: "string" }, (i) => ({ allOf: [i] })) as JsonSchema,
  "100k-deep const": { const: nest(100_000, 1, (i) => [i]) },
  "malformed $ref escape": { type: "object", properties: { a: { $ref: "#/%E0%A4%A" } }, required: ["a"] },
};

// The tokenizer loads its vocabulary on first use (up to seconds on a busy machine): load it here,
// so the hang guards below time the responder and not that one-off load.
before(() => {
  countTokens("warm up", "gpt-4o-mini");
});

describe("hostile schemas stay bounded", () => {
  for (const [name, schema] of Object.entries(HOSTILE)) {
    it(`response_format: ${name}`, () => {
      for (const n of [1, 8]) {
        const out = timed(structured(schema, { n }));
        for (const c of out.choices) {
          assert.ok(c.content !== null);
          assert.ok(c.content.length < MAX_CONTENT, `content is ${c.content.length} chars`);
          JSON.parse(c.content); // still well-formed JSON (nothing was cut by maxTokens)
        }
      }
    });
    it(`tool parameters: ${name}`, () => {
      const tool: ToolDef = { type: "function", function: { name: "make", parameters: schema } };
      const out = timed({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "make it" }],
        temperature: 1,
        n: 2,
        maxTokens: null,
        seed: 3,
        tools: [tool],
        toolChoice: "required",
      });
      for (const c of out.choices) {
        const size = c.toolCalls.reduce((s, t) => s + t.arguments.length, 0);
        assert.ok(c.toolCalls.length >= 1 && size < MAX_CONTENT, `arguments are ${size} chars`);
      }
    });
  }

  it("caps array items, string length and generated properties", () => {
    const a = JSON.parse(timed(structured(HOSTILE["minItems 1e9"]!)).choices[0]!.content!) as { a: number[] };
    assert.ok(a.a.length > 0 && a.a.length <= 64, `${a.a.length} items`);
    const s = JSON.parse(timed(structured(HOSTILE["minLength 5e7"]!)).choices[0]!.content!) as { s: string };
    assert.ok(s.s.length > 0 && s.s.length <= 2048, `${s.s.length} chars`);
    const p = JSON.parse(timed(structured(HOSTILE["minProperties 1e9"]!)).choices[0]!.content!) as object;
    assert.ok(Object.keys(p).length > 0 && Object.keys(p).length <= 128, `${Object.keys(p).length} keys`);
  });

  it("satisfiable minimums below the caps are still met", () => {
    const schema = {
      type: "object",
      properties: {
        a: { type: "array", minItems: 10, items: { type: "integer" } },
        s: { type: "string", minLength: 300 },
      },
      required: ["a", "s"],
    };
    const v = JSON.parse(timed(structured(schema)).choices[0]!.content!) as { a: number[]; s: string };
    assert.ok(v.a.length >= 10);
    assert.ok([...v.s].length >= 300);
  });

  it("self-referencing required $ref stops at the depth cap with an empty object", () => {
    let v = JSON.parse(timed(structured(HOSTILE["self $ref under required"]!)).choices[0]!.content!) as {
      next?: unknown;
    };
    let depth = 0;
    while (v.next !== undefined) {
      v = v.next as { next?: unknown };
      depth++;
    }
    assert.ok(depth >= 6 && depth <= 12, `depth ${depth}`);
    assert.deepEqual(v, {});
  });

  it("a cut-short value reports finish_reason length", () => {
    const c = timed(structured(HOSTILE["nested arrays of long strings"]!)).choices[0]!;
    assert.equal(c.finishReason, "length");
    const small = timed(structured(HOSTILE["nested arrays of long strings"]!, { maxTokens: 50 })).choices[0]!;
    assert.equal(small.finishReason, "length");
    assert.ok(small.completionTokens <= 50);
  });

  it("a pattern longer than 256 characters falls back to a plain string", () => {
    const pattern = `^(?:${"ab|".repeat(100)}cd)$`;
    const schema = { type: "object", properties: { p: { type: "string", pattern } }, required: ["p"] };
    const v = JSON.parse(timed(structured(schema)).choices[0]!.content!) as { p: string };
    assert.equal(typeof v.p, "string");
    assert.doesNotMatch(v.p, new RegExp(pattern)); // not even attempted
  });

  it("simple patterns still generate matching strings", () => {
    const schema = {
      type: "object",
      properties: {
        code: { type: "string", pattern: "^[A-Z]{3}-\\d{4}$" },
        tag: { type: "string", pattern: "^[a-z]+_[0-9]+$" },
      },
      required: ["code", "tag"],
    };
    const v = JSON.parse(timed(structured(schema)).choices[0]!.content!) as { code: string; tag: string };
    assert.match(v.code, /^[A-Z]{3}-\d{4}$/);
    assert.match(v.tag, /^[a-z]+_[0-9]+$/);
  });
});

describe("hostile messages", () => {
  const deepCalls = [
    {
      id: "call_1",
      type: "function",
      function: { name: "lookup", arguments: '{"q":"x"}' },
      extra: nest(100_000, {}, (i) => ({ i })),
    },
  ];
  const messages: RespondInput["messages"] = [
    { role: "user", content: "hi" },
    { role: "assistant", content: null, tool_calls: deepCalls },
    { role: "tool", tool_call_id: "call_1", content: `${"[".repeat(100_000)}1${"]".repeat(100_000)}` },
  ];

  it("100k-deep tool_calls: promptTokens does not throw and counts name and arguments", () => {
    const n = promptTokens(messages);
    assert.ok(Number.isFinite(n) && n > 0);
    const plain = promptTokens([
      messages[0]!,
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }],
      },
      messages[2]!,
    ]);
    assert.equal(n, plain); // the deep extra field is not what the model sees
  });

  it("100k-deep tool_calls and deep tool results: respond() answers", () => {
    for (const temperature of [0, 1]) {
      const out = timed({ model: "gpt-4o-mini", messages, temperature, n: 1, maxTokens: null, seed: 1 });
      assert.ok(out.choices[0]!.content);
    }
  });

  it("100k-deep tool parameters do not break prompt accounting", () => {
    const parameters = nest(100_000, { type: "string" }, (i) => ({
      type: "object",
      properties: { x: i },
    })) as JsonSchema;
    const out = timed({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "go" }],
      temperature: 0,
      n: 1,
      maxTokens: null,
      tools: [{ type: "function", function: { name: "deep", parameters } }],
      toolChoice: "required",
    });
    assert.ok(out.promptTokens > 0);
    JSON.parse(out.choices[0]!.toolCalls[0]!.arguments);
  });
});

describe("top_logprobs", () => {
  const models = ["gpt-4o-mini"];
  for (const top of [1, 5, 20]) {
    it(`top_logprobs ${top}: distinct, without repeating the chosen token, strictly decreasing`, () => {
      const request = parseChatRequest(
        { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], logprobs: true, top_logprobs: top },
        models,
        true,
      );
      const pieces = ["Hello", " the", ",", " a", " world", ".", "\n", " and", "the"];
      const choice = {
        pieces,
        content: pieces.join(""),
        toolCalls: [],
        finishReason: "stop" as const,
        completionTokens: pieces.length,
      };
      const ctx = { id: "chatcmpl-x", created: 1, model: "gpt-4o-mini", request };
      const body = chatCompletion(ctx, [choice], usageOf(1, [choice]));
      const content = body.choices[0]!.logprobs!.content;
      assert.equal(content.length, pieces.length);
      for (const t of content) {
        assert.equal(t.top_logprobs.length, top);
        assert.equal(t.top_logprobs[0]!.token, t.token);
        const tokens = t.top_logprobs.map((x) => x.token);
        assert.equal(
          new Set(tokens).size,
          tokens.length,
          `repeated alternatives for ${JSON.stringify(t.token)}: ${tokens.join("|")}`,
        );
        for (let i = 1; i < t.top_logprobs.length; i++)
          assert.ok(t.top_logprobs[i]!.logprob < t.top_logprobs[i - 1]!.logprob);
        assert.ok(t.top_logprobs.every((x) => x.logprob <= 0));
      }
      // Deterministic: the same request gives the same alternatives.
      assert.deepEqual(
        chatCompletion(ctx, [choice], usageOf(1, [choice])).choices[0]!.logprobs,
        body.choices[0]!.logprobs,
      );
      // Streaming carries the same logprobs.
      const streamed = chatCompletionChunks(ctx, [choice], usageOf(1, [choice]))
        .map((c) => JSON.parse(c) as { choices: Array<{ logprobs: { content: unknown[] } | null }> })
        .flatMap((c) => c.choices[0]?.logprobs?.content ?? []);
      assert.deepEqual(streamed, content);
    });
  }
});

describe("forced function finish_reason", () => {
  const weather: ToolDef = {
    type: "function",
    function: {
      name: "get_weather",
      description: "Get the weather for a city",
      parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
    },
  };
  const input = (toolChoice: RespondInput["toolChoice"]): RespondInput => ({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "What's the weather in Paris?" }],
    temperature: 1,
    n: 1,
    maxTokens: null,
    seed: 2,
    tools: [weather],
    toolChoice,
  });

  it("a named function ends with stop; required and auto end with tool_calls", () => {
    const named = respond(input({ type: "function", function: { name: "get_weather" } })).choices[0]!;
    assert.equal(named.toolCalls[0]?.name, "get_weather");
    assert.equal(named.finishReason, "stop");
    assert.equal(respond(input("required")).choices[0]!.finishReason, "tool_calls");
    assert.equal(respond(input("auto")).choices[0]!.finishReason, "tool_calls");
  });

  it("streaming a named function ends with stop too", () => {
    const request = parseChatRequest(
      { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true },
      ["gpt-4o-mini"],
      true,
    );
    const choices = respond(input({ type: "function", function: { name: "get_weather" } })).choices;
    const chunks = chatCompletionChunks(
      { id: "chatcmpl-x", created: 1, model: "gpt-4o-mini", request },
      choices,
      usageOf(1, choices),
    );
    const last = JSON.parse(chunks[chunks.length - 1]!) as { choices: Array<{ finish_reason: string | null }> };
    assert.equal(last.choices[0]!.finish_reason, "stop");
  });
});
