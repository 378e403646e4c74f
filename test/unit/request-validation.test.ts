// Request validation as api.openai.com does it, from the shared field checks (src/core/openai/validation):
// unknown parameters and wrong types are 400s with OpenAI's wording, `param` and `code`.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseChatRequest } from "../../src/core/openai/chatRequest";
import { parseCompletionRequest } from "../../src/core/openai/completionRequest";
import { parseEmbeddingRequest } from "../../src/core/openai/embeddingRequest";
import { parseResponsesRequest } from "../../src/core/openai/responses";
import { ApiError } from "../../src/core/openai/errors";

const MODELS = ["gpt-4o-mini", "gpt-3.5-turbo-instruct", "text-embedding-3-small"];
const chat = (extra: Record<string, unknown>) =>
  parseChatRequest({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...extra }, MODELS, true);
const responses = (extra: Record<string, unknown>) =>
  parseResponsesRequest({ model: "gpt-4o-mini", input: "hi", ...extra }, MODELS, true, () => undefined);
const completion = (extra: Record<string, unknown>) =>
  parseCompletionRequest({ model: "gpt-3.5-turbo-instruct", prompt: "hi", ...extra }, MODELS, true);
const embedding = (extra: Record<string, unknown>) =>
  parseEmbeddingRequest({ model: "text-embedding-3-small", input: "hi", ...extra }, MODELS);

function rejects(fn: () => unknown, expected: { message: string | RegExp; param: string | null; code: string | null }) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiError, String(e));
    assert.equal(e.status, 400);
    assert.equal(e.type, "invalid_request_error");
    if (typeof expected.message === "string") assert.equal(e.message, expected.message);
    else assert.match(e.message, expected.message);
    assert.equal(e.param, expected.param, e.message);
    assert.equal(e.code, expected.code, e.message);
    return true;
  });
}

describe("chat completions", () => {
  test("an unknown top-level argument is refused as api.openai.com words it", () => {
    rejects(() => chat({ foo: 1 }), {
      message: "Unrecognized request argument supplied: foo",
      param: null,
      code: null,
    });
    rejects(() => chat({ top_k: 40 }), {
      message: "Unrecognized request argument supplied: top_k",
      param: null,
      code: null,
    });
  });

  test("a wrong type names the field and what it expected", () => {
    rejects(() => chat({ temperature: "0.5" }), {
      message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
      param: "temperature",
      code: "invalid_type",
    });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ store: "yes" }, "store", "invalid_type"],
      [{ user: 5 }, "user", "invalid_type"],
      [{ metadata: { a: 1 } }, "metadata.a", "invalid_type"],
      [{ metadata: [] }, "metadata", "invalid_type"],
      [{ logit_bias: { "50256": "x" } }, "logit_bias.50256", "invalid_type"],
      [{ logit_bias: { "50256": 101 } }, "logit_bias", "invalid_value"],
      [{ logit_bias: "x" }, "logit_bias", "invalid_type"],
      [{ service_tier: "turbo" }, "service_tier", "invalid_value"],
      [{ reasoning_effort: "extreme" }, "reasoning_effort", "invalid_value"],
      [{ verbosity: "loud" }, "verbosity", "invalid_value"],
      [{ modalities: ["video"] }, "modalities[0]", "invalid_value"],
      [{ modalities: "text" }, "modalities", "invalid_type"],
      [{ safety_identifier: "x".repeat(65) }, "safety_identifier", "string_above_max_length"],
      [{ prompt_cache_key: 1 }, "prompt_cache_key", "invalid_type"],
      [{ prompt_cache_retention: "forever" }, "prompt_cache_retention", "invalid_value"],
      [{ prediction: { type: "guess" } }, "prediction.type", "invalid_value"],
      [{ audio: "alloy" }, "audio", "invalid_type"],
      [{ web_search_options: 1 }, "web_search_options", "invalid_type"],
      [{ functions: "f" }, "functions", "invalid_type"],
      [{ function_call: 5 }, "function_call", "invalid_value"],
      [{ parallel_tool_calls: "true" }, "parallel_tool_calls", "invalid_type"],
      [{ presence_penalty: 3 }, "presence_penalty", "decimal_above_max_value"],
      [{ stream: true, stream_options: { include_usage: "yes" } }, "stream_options.include_usage", "invalid_type"],
      [{ stream: true, stream_options: { foo: true } }, "stream_options.foo", "unknown_parameter"],
      [{ response_format: { type: "json_object", strict: true } }, "response_format.strict", "unknown_parameter"],
    ];
    for (const [extra, param, code] of cases)
      assert.throws(
        () => chat(extra),
        (e: unknown) => e instanceof ApiError && e.param === param && e.code === code,
        `${JSON.stringify(extra)} → ${param} ${code}`,
      );
  });

  test("every field of the OpenAPI description is accepted with a valid value", () => {
    const req = chat({
      audio: { voice: "alloy", format: "wav" },
      frequency_penalty: 0.5,
      function_call: "auto",
      functions: [{ name: "f", parameters: { type: "object" } }],
      logit_bias: { "50256": -100 },
      logprobs: true,
      max_completion_tokens: 50,
      metadata: { run: "1" },
      modalities: ["text"],
      moderation: null,
      n: 1,
      parallel_tool_calls: true,
      prediction: { type: "content", content: "x" },
      presence_penalty: 0,
      prompt_cache_key: "k",
      prompt_cache_options: { ttl: "30m" },
      prompt_cache_retention: "24h",
      reasoning_effort: "low",
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" }, strict: true } },
      safety_identifier: "user-1",
      seed: 7,
      service_tier: "auto",
      stop: ["\n"],
      store: false,
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      temperature: 0.2,
      tool_choice: "auto",
      tools: [{ type: "function", function: { name: "g" } }],
      top_logprobs: 2,
      top_p: 1,
      user: "u",
      verbosity: "medium",
      web_search_options: {},
    });
    assert.equal(req.stream, true);
    assert.equal(req.includeUsage, true);
    assert.equal(req.seed, 7);
  });

  test("a too deeply nested tool or response schema is refused, not a stack overflow", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 150; i++) deep = { type: "object", properties: { a: deep } };
    assert.throws(
      () => chat({ tools: [{ type: "function", function: { name: "f", parameters: deep } }] }),
      (e: unknown) => e instanceof ApiError && e.param === "tools[0].function.parameters",
    );
  });
});

describe("the Responses API", () => {
  test("an unknown parameter is 'Unknown parameter', with param and code; the mock's seed is accepted", () => {
    rejects(() => responses({ foo: 1 }), {
      message: "Unknown parameter: 'foo'.",
      param: "foo",
      code: "unknown_parameter",
    });
    assert.equal(responses({ seed: 42 }).seed, 42);
  });

  test("fields the mock does not act on are still type-checked", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ truncation: "sometimes" }, "truncation"],
      [{ include: [1] }, "include[0]"],
      [{ reasoning: "high" }, "reasoning"],
      [{ max_tool_calls: 0 }, "max_tool_calls"],
      [{ service_tier: "turbo" }, "service_tier"],
      [{ background: "no" }, "background"],
      [{ stream_options: { include_obfuscation: false } }, "stream_options"],
    ];
    for (const [extra, param] of cases)
      assert.throws(
        () => responses(extra),
        (e: unknown) => e instanceof ApiError && e.status === 400 && e.param === param,
        JSON.stringify(extra),
      );
  });
});

describe("completions and embeddings", () => {
  test("refuse unknown arguments as chat does", () => {
    rejects(() => completion({ messages: [] }), {
      message: "Unrecognized request argument supplied: messages",
      param: null,
      code: null,
    });
    rejects(() => embedding({ foo: true }), {
      message: "Unrecognized request argument supplied: foo",
      param: null,
      code: null,
    });
  });

  test("one set of field checks: the same wrong value gets the same answer on every endpoint", () => {
    const answers = [chat, responses, completion].map((parse) => {
      try {
        parse({ temperature: "hot" });
      } catch (e) {
        return (e as ApiError).toBody();
      }
      return null;
    });
    assert.deepEqual(answers[0], {
      error: {
        message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        type: "invalid_request_error",
        param: "temperature",
        code: "invalid_type",
      },
    });
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
  });
});
