// Chat request shapes from OpenAI's spec that the SDK types allow: `allowed_tools` tool choices,
// custom tools (accepted, never called by the mock) and an assistant turn that is only a previous
// audio answer. Each request is first checked against CreateChatCompletionRequest, so the test
// proves the shape is valid, not just that the mock accepts it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { startTestServer, type TestServer } from "../helpers/server";
import { loadOpenApi, openApiSkip } from "../helpers/openapi";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
const time = {
  type: "function" as const,
  function: { name: "get_time", parameters: { type: "object", properties: {} } },
};
const custom = { type: "custom" as const, custom: { name: "c", description: "free-form input" } };
const messages = [{ role: "user" as const, content: "What's the weather in Paris?" }];

/** Sends `body` through the SDK after checking it against the spec (when the spec is present). */
async function create(body: ChatCompletionCreateParamsNonStreaming) {
  if (!openApiSkip) loadOpenApi().check("CreateChatCompletionRequest", body);
  const completion = await s.client().chat.completions.create(body);
  if (!openApiSkip) loadOpenApi().check("CreateChatCompletionResponse", completion);
  return completion;
}

const badRequest = (param: string, message: RegExp) => (e: unknown) =>
  e instanceof OpenAI.BadRequestError && e.param === param && message.test(e.message);

describe("chat tools and tool_choice shapes from the spec", () => {
  test("allowed_tools, mode required: a call to one of the allowed function tools", async () => {
    for (let i = 0; i < 4; i++) {
      const c = await create({
        model: "gpt-4o-mini",
        messages,
        tools: [weather, time, custom],
        tool_choice: {
          type: "allowed_tools",
          allowed_tools: { mode: "required", tools: [{ type: "function", function: { name: "get_time" } }] },
        },
      });
      const calls = c.choices[0]!.message.tool_calls ?? [];
      assert.ok(calls.length > 0, "required: a tool is called");
      for (const call of calls) {
        assert.equal(call.type, "function");
        assert.equal(call.type === "function" && call.function.name, "get_time", "only the allowed tool");
      }
      assert.equal(c.choices[0]!.finish_reason, "tool_calls");
    }
  });

  test("allowed_tools, mode auto, and a custom tool next to function tools: 200, never a custom call", async () => {
    const c = await create({
      model: "gpt-4o-mini",
      messages,
      tools: [weather, custom],
      tool_choice: {
        type: "allowed_tools",
        allowed_tools: {
          mode: "auto",
          tools: [
            { type: "function", function: { name: "get_weather" } },
            { type: "custom", custom: { name: "c" } },
          ],
        },
      },
    });
    for (const call of c.choices[0]!.message.tool_calls ?? []) assert.equal(call.type, "function");
    const only = await create({ model: "gpt-4o-mini", messages, tools: [custom], tool_choice: "auto" });
    assert.equal(only.choices[0]!.message.tool_calls, undefined, "custom tools are listed, never called");
    assert.ok(only.choices[0]!.message.content);
  });

  test("forcing a custom tool is a clear 400 (the mock cannot write its input); unknown names too", async () => {
    await assert.rejects(
      create({
        model: "gpt-4o-mini",
        messages,
        tools: [custom],
        tool_choice: { type: "custom", custom: { name: "c" } },
      }),
      badRequest("tool_choice", /custom tool 'c' is not supported by Mock GPT/),
    );
    await assert.rejects(
      create({
        model: "gpt-4o-mini",
        messages,
        tools: [custom],
        tool_choice: {
          type: "allowed_tools",
          allowed_tools: { mode: "required", tools: [{ type: "custom", custom: { name: "c" } }] },
        },
      }),
      badRequest("tool_choice", /not supported by Mock GPT/),
    );
    await assert.rejects(
      s.client().chat.completions.create({
        model: "gpt-4o-mini",
        messages,
        tools: [weather],
        tool_choice: {
          type: "allowed_tools",
          allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "nope" } }] },
        },
      }),
      badRequest("tool_choice", /function 'nope' is not among the provided tools/),
    );
  });

  test("an assistant turn with only audio: { id } is accepted (content is required only without it)", async () => {
    const c = await create({
      model: "gpt-4o-mini",
      messages: [
        { role: "user", content: "Say hello" },
        { role: "assistant", audio: { id: "audio_abc123" } },
        { role: "user", content: "Again, in text" },
      ],
    });
    assert.ok(c.choices[0]!.message.content);
    await assert.rejects(
      s.client().chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "assistant" } as never, { role: "user", content: "hi" }],
      }),
      badRequest("messages[0].content", /Missing required parameter/),
    );
  });
});
