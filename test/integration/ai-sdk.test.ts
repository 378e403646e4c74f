// The Vercel AI SDK's default OpenAI provider (`openai(model)` is the Responses API) against the
// mock over mTLS: generateText, streamText, and a tool round trip that ends.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { fetch as undiciFetch } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
let openai: ReturnType<typeof createOpenAI>;

before(async () => {
  s = await startTestServer();
  openai = createOpenAI({
    baseURL: `${s.url}/v1`,
    apiKey: "sk-test",
    // mTLS as the AI SDK allows it: a custom fetch with the undici client-certificate dispatcher.
    fetch: ((url: string, init?: RequestInit) =>
      undiciFetch(url, { ...(init as object), dispatcher: s.agent })) as unknown as typeof fetch,
  });
});
after(() => s?.close());

const responsesRequests = () => s.server.log.list().filter((e) => e.path === "/v1/responses");

describe("Vercel AI SDK (@ai-sdk/openai, Responses API)", () => {
  test("generateText completes with text, usage and a stop finish reason", async () => {
    const before = responsesRequests().length;
    const r = await generateText({ model: openai("gpt-4o-mini"), prompt: "Tell me about tide pools." });
    assert.ok(r.text.length > 20, r.text);
    assert.equal(r.finishReason, "stop");
    assert.ok((r.usage.inputTokens ?? 0) > 0 && (r.usage.outputTokens ?? 0) > 0);
    assert.match(r.response.id, /^resp_/);
    assert.equal(responsesRequests().length, before + 1, "went to /v1/responses");
  });

  test("streamText streams the deltas and finishes with the same text", async () => {
    const result = streamText({
      model: openai("gpt-4o-mini"),
      system: "You are concise.",
      prompt: "Describe a thunderstorm.",
    });
    const parts: string[] = [];
    for await (const delta of result.textStream) parts.push(delta);
    assert.ok(parts.length > 3, "several deltas");
    assert.equal(parts.join(""), await result.text);
    assert.equal(await result.finishReason, "stop");
    const entry = responsesRequests().at(-1)!;
    assert.equal(entry.stream, true);
    assert.match(entry.request.body, /You are concise/);
  });

  test("a tool call and its result end in a text answer (multi-step)", async () => {
    let calls = 0;
    const r = await generateText({
      model: openai("gpt-4o-mini"),
      prompt: "What's the weather in Oslo?",
      stopWhen: stepCountIs(4),
      tools: {
        get_weather: tool({
          description: "Get the current weather for a city",
          inputSchema: jsonSchema<{ city: string }>({
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
            additionalProperties: false,
          }),
          execute: async ({ city }) => {
            calls++;
            return { city, temperature: 4, conditions: "snow" };
          },
        }),
      },
    });
    assert.equal(calls, 1);
    assert.equal(r.steps.length, 2);
    assert.equal(r.steps[0]!.toolCalls[0]?.input && (r.steps[0]!.toolCalls[0].input as { city: string }).city, "Oslo");
    assert.match(r.text, /snow/);
  });
});
