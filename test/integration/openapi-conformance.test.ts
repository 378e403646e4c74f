// Validates real responses against OpenAI's published OpenAPI schemas (../shared/openai-openapi).
// The folder is not part of the product; without it this suite skips and says why.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";
import { loadOpenApi, openApiSkip as skip } from "../helpers/openapi";

let s: TestServer;

before(async () => {
  if (skip) return;
  s = await startTestServer();
});
after(() => s?.close());

async function post(body: unknown) {
  const r = await request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
    dispatcher: s.agent,
  });
  return { status: r.statusCode, text: await r.body.text() };
}

const check = (name: string, value: unknown) => loadOpenApi().check(name, value);

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
