// The official openai SDK against a real mTLS server: every helper must accept what we send.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import Ajv from "ajv";
import type OpenAI from "openai";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
let client: OpenAI;
before(async () => {
  s = await startTestServer();
  client = s.client();
});
after(() => s.close());

const hello = [{ role: "user" as const, content: "Hello there!" }];

describe("models", () => {
  test("models.list() returns the configured models in OpenAI's shape", async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) {
      assert.equal(m.object, "model");
      assert.equal(typeof m.created, "number");
      assert.equal(typeof m.owned_by, "string");
      ids.push(m.id);
    }
    assert.deepEqual(ids, s.server.config.config.models.available);
  });

  test("models.retrieve() finds a model and 404s an unknown one", async () => {
    assert.equal((await client.models.retrieve("gpt-4o-mini")).id, "gpt-4o-mini");
    await assert.rejects(client.models.retrieve("gpt-nope"), (e: unknown) => {
      const err = e as InstanceType<typeof OpenAI.NotFoundError>;
      assert.equal(err.status, 404);
      assert.equal(err.code, "model_not_found");
      return true;
    });
  });
});

describe("chat.completions.create", () => {
  test("non-streaming: a chat.completion with usage, request id and JSON content type", async () => {
    const { data, response, request_id } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: hello })
      .withResponse();
    assert.match(data.id, /^chatcmpl-[A-Za-z0-9]{29}$/);
    assert.equal(data.object, "chat.completion");
    assert.equal(data.model, "gpt-4o-mini-2024-07-18");
    assert.equal(data.choices.length, 1);
    const c = data.choices[0]!;
    assert.equal(c.message.role, "assistant");
    assert.ok(c.message.content && c.message.content.length > 20);
    assert.equal(c.finish_reason, "stop");
    assert.ok(data.usage && data.usage.total_tokens === data.usage.prompt_tokens + data.usage.completion_tokens);
    assert.match(request_id ?? "", /^req_[0-9a-f]{32}$/);
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.match(response.headers.get("openai-processing-ms") ?? "", /^\d+$/);
  });

  test("a code question gets Markdown with a fenced block in the asked language", async () => {
    const r = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Write a function in Go that sums a slice of ints" }],
    });
    assert.match(r.choices[0]!.message.content!, /```go\n[\s\S]+\n```/);
  });

  test("the same seed gives the same answer; n > 1 gives distinct choices", async () => {
    const req = {
      model: "gpt-4o-mini",
      seed: 42,
      messages: [{ role: "user" as const, content: "Tell me about tides" }],
    };
    const a = await client.chat.completions.create(req);
    const b = await client.chat.completions.create(req);
    assert.equal(a.choices[0]!.message.content, b.choices[0]!.message.content);
    const many = await client.chat.completions.create({ ...req, n: 3 });
    assert.deepEqual(
      many.choices.map((c) => c.index),
      [0, 1, 2],
    );
    assert.equal(new Set(many.choices.map((c) => c.message.content)).size, 3);
  });

  test("max_tokens and max_completion_tokens truncate with finish_reason length", async () => {
    for (const limit of [{ max_tokens: 7 }, { max_completion_tokens: 4 }]) {
      const r = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Explain how a compiler works" }],
        ...limit,
      });
      const n = Object.values(limit)[0]!;
      assert.equal(r.choices[0]!.finish_reason, "length");
      assert.equal(r.usage!.completion_tokens, n);
    }
  });

  test("streaming: role first, content chunks, a final finish_reason; reassembles to the usage count", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let first = true;
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let contentChunks = 0;
    const ids = new Set<string>();
    for await (const chunk of stream) {
      ids.add(chunk.id);
      assert.equal(chunk.object, "chat.completion.chunk");
      if (chunk.choices.length === 0) {
        usage = chunk.usage;
        continue;
      }
      assert.equal(chunk.usage, null, "include_usage: every choice chunk carries usage: null");
      const c = chunk.choices[0]!;
      if (first) assert.equal(c.delta.role, "assistant");
      first = false;
      if (c.delta.content) {
        text += c.delta.content;
        contentChunks++;
      }
      if (c.finish_reason) finish = c.finish_reason;
    }
    assert.equal(ids.size, 1);
    assert.equal(finish, "stop");
    assert.ok(usage, "the usage chunk arrived");
    assert.equal(usage!.completion_tokens, contentChunks);
    assert.ok(text.length > 20);
  });

  test("the .stream() helper accepts the stream and finalChatCompletion() assembles it", async () => {
    const deltas: string[] = [];
    const runner = client.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: hello,
      stream_options: { include_usage: true },
    });
    runner.on("content", (d) => deltas.push(d));
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0]!.message.content, deltas.join(""));
    assert.equal(final.choices[0]!.finish_reason, "stop");
    assert.ok(final.usage && final.usage.completion_tokens === deltas.length);
  });

  test("tools: streamed tool calls pass the .stream() helper and arguments match the schema", async () => {
    const parameters = {
      type: "object",
      properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["location", "unit"],
      additionalProperties: false,
    };
    const tools = [
      {
        type: "function" as const,
        function: { name: "get_weather", description: "Get the weather for a city", parameters, strict: true },
      },
    ];
    const runner = client.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "What's the weather in Paris?" }],
      tools,
      tool_choice: "required",
    });
    const final = await runner.finalChatCompletion();
    const choice = final.choices[0]!;
    assert.equal(choice.finish_reason, "tool_calls");
    const call = choice.message.tool_calls![0]!;
    assert.equal(call.type, "function");
    assert.match(call.id, /^call_[A-Za-z0-9]{24}$/);
    assert.equal(call.type === "function" && call.function.name, "get_weather");
    const args = JSON.parse(call.type === "function" ? call.function.arguments : "{}");
    assert.ok(new Ajv({ strict: false }).validate(parameters, args), "arguments satisfy the tool's schema");
  });

  test("structured outputs: parse() returns content that satisfies the JSON schema", async () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer", minimum: 0, maximum: 120 },
        tags: { type: "array", items: { type: "string" } },
      },
      required: ["name", "age", "tags"],
      additionalProperties: false,
    };
    const r = await client.chat.completions.parse({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Extract the person: Ada, 36, mathematician" }],
      response_format: { type: "json_schema", json_schema: { name: "person", schema, strict: true } },
    });
    const parsed = r.choices[0]!.message.parsed;
    assert.ok(parsed && new Ajv({ strict: false }).validate(schema, parsed), JSON.stringify(parsed));
  });

  test("json_object mode returns valid JSON content", async () => {
    const r = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "List three fruits as JSON" }],
      response_format: { type: "json_object" },
    });
    assert.equal(typeof JSON.parse(r.choices[0]!.message.content!), "object");
  });

  test("logprobs are returned per token when asked", async () => {
    const r = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: hello,
      logprobs: true,
      top_logprobs: 2,
      max_tokens: 5,
    });
    const lp = r.choices[0]!.logprobs!.content!;
    assert.equal(lp.length, 5);
    assert.equal(lp.map((t) => t.token).join(""), r.choices[0]!.message.content);
    assert.ok(lp.every((t) => t.logprob <= 0 && t.top_logprobs.length === 2));
  });

  test("stop sequences end the text before the match", async () => {
    const base = await client.chat.completions.create({ model: "gpt-4o-mini", seed: 7, messages: hello });
    const content = base.choices[0]!.message.content!;
    const word = content.split(" ")[3]!;
    const cut = await client.chat.completions.create({ model: "gpt-4o-mini", seed: 7, messages: hello, stop: [word] });
    assert.equal(cut.choices[0]!.message.content, content.slice(0, content.indexOf(word)));
    assert.equal(cut.choices[0]!.finish_reason, "stop");
  });
});
