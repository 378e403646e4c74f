// The Responses API through the official openai SDK over mTLS. Every raw body, stream event and
// error the server sent is also checked against OpenAI's OpenAPI description when it is present.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import { z } from "zod";
import { startTestServer, type TestServer } from "../helpers/server";
import { loadOpenApi, openApiSkip } from "../helpers/openapi";

interface Captured {
  method: string;
  url: string;
  status: number;
  contentType: string;
  text: string;
}

let s: TestServer;
let client: OpenAI;
let captured: Captured[] = [];

before(async () => {
  s = await startTestServer();
  // The SDK's own fetch, teed: each raw body is kept for the conformance check after every test.
  client = new OpenAI({
    baseURL: `${s.url}/v1`,
    apiKey: "sk-test",
    maxRetries: 0,
    timeout: 20_000,
    fetchOptions: { dispatcher: s.agent } as never,
    fetch: async (url, init) => {
      const res = await fetch(url, init);
      const entry: Captured = {
        method: init?.method ?? "GET",
        url: String(url),
        status: res.status,
        contentType: res.headers.get("content-type") ?? "",
        text: "",
      };
      captured.push(entry);
      void res
        .clone()
        .text()
        .then((t) => (entry.text = t));
      return res;
    },
  });
});
after(() => s?.close());

/** Parses an SSE body into its named events; asserts each `event:` name equals the payload's type. */
function sseEvents(text: string): Array<Record<string, unknown> & { type: string; sequence_number: number }> {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)![1]!);
      assert.equal(name, data.type, `event name vs type in ${frame.slice(0, 120)}`);
      return data;
    });
}

// Checks every body captured during the test against the spec.
afterEach(async () => {
  const bodies = captured;
  captured = [];
  if (openApiSkip) return;
  await new Promise((r) => setTimeout(r, 20)); // let the tees finish
  const spec = loadOpenApi();
  for (const c of bodies) {
    const path = new URL(c.url).pathname;
    if (c.status >= 400) spec.check("ErrorResponse", JSON.parse(c.text));
    else if (c.contentType.startsWith("text/event-stream"))
      for (const e of sseEvents(c.text)) spec.check(spec.responseEventSchema(e.type), e);
    else if (c.method === "DELETE") assert.deepEqual(Object.keys(JSON.parse(c.text)), ["id", "object", "deleted"]);
    else if (path.endsWith("/input_items")) spec.check("ResponseItemList", JSON.parse(c.text));
    else spec.check("Response", JSON.parse(c.text));
  }
});

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Get the current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
    required: ["city", "unit"],
    additionalProperties: false,
  },
  strict: true,
};

describe("Responses API with the openai SDK", () => {
  if (openApiSkip) test.skip(`OpenAPI conformance of these bodies: ${openApiSkip}`);

  test("responses.create: string input with instructions, temperature and max_output_tokens", async () => {
    const r = await client.responses.create({
      model: "gpt-4o-mini",
      input: "Tell me about owls.",
      instructions: "Answer like a pirate.",
      temperature: 0.2,
      max_output_tokens: 400,
    });
    assert.match(r.id, /^resp_/);
    assert.equal(r.object, "response");
    assert.equal(r.status, "completed");
    assert.equal(r.model, "gpt-4o-mini-2024-07-18");
    assert.equal(r.instructions, "Answer like a pirate.");
    assert.equal(r.temperature, 0.2);
    assert.equal(r.max_output_tokens, 400);
    assert.ok(r.output_text.length > 20, r.output_text);
    assert.ok(r.usage && r.usage.input_tokens > 5 && r.usage.output_tokens > 5);
    assert.equal(r.usage.total_tokens, r.usage.input_tokens + r.usage.output_tokens);
  });

  test("seed (a mock extension) and temperature 0 give the same answer twice", async () => {
    const ask = (extra: Record<string, unknown>) =>
      client.responses.create({ model: "gpt-4o-mini", input: "Describe a lighthouse.", ...extra } as never);
    const [a, b] = await Promise.all([ask({ seed: 42 }), ask({ seed: 42 })]);
    assert.equal(a.output_text, b.output_text);
    const [c, d] = await Promise.all([ask({ temperature: 0 }), ask({ temperature: 0 })]);
    assert.equal(c.output_text, d.output_text);
  });

  test("a list of items: messages with input_text parts and an earlier assistant turn", async () => {
    const r = await client.responses.create({
      model: "gpt-4o-mini",
      input: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: [{ type: "input_text", text: "Name a colour." }] },
        { role: "assistant", content: "Blue." },
        { type: "message", role: "user", content: [{ type: "input_text", text: "And another one?" }] },
      ],
    });
    assert.equal(r.status, "completed");
    assert.ok(r.output_text.length > 0);
    const items = await client.responses.inputItems.list(r.id, { order: "asc" });
    assert.deepEqual(
      items.data.map((i) => (i.type === "message" ? `${i.type}:${i.role}` : i.type)),
      ["message:developer", "message:user", "message:assistant", "message:user"],
    );
  });

  test("max_output_tokens cuts the answer: status incomplete, reason max_output_tokens", async () => {
    const r = await client.responses.create({
      model: "gpt-4o-mini",
      input: "Explain how a compiler works, in depth.",
      max_output_tokens: 16,
    });
    assert.equal(r.status, "incomplete");
    assert.equal(r.incomplete_details?.reason, "max_output_tokens");
    assert.equal(r.usage?.output_tokens, 16);
  });

  test("responses.stream: every event in the documented order with sequence numbers, and finalResponse()", async () => {
    const stream = client.responses.stream({ model: "gpt-4o-mini", input: "Write two sentences about rivers." });
    const events: Array<{ type: string; sequence_number: number }> = [];
    let deltas = "";
    for await (const e of stream) {
      events.push(e);
      if (e.type === "response.output_text.delta") deltas += e.delta;
    }
    const final = await stream.finalResponse();
    events.forEach((e, i) => assert.equal(e.sequence_number, i));
    const order = events.map((e) => e.type).filter((t, i, all) => t !== all[i - 1]);
    assert.deepEqual(order, [
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    assert.ok(events.filter((e) => e.type === "response.output_text.delta").length > 3);
    assert.equal(final.status, "completed");
    assert.equal(final.output_text, deltas);
    const stored = await client.responses.retrieve(final.id);
    assert.equal(stored.output_text, deltas);
    assert.deepEqual(stored.usage, final.usage);
  });

  test("a stored stream replays with responses.stream({response_id}) from starting_after", async () => {
    const first = await client.responses.create({ model: "gpt-4o-mini", input: "Say hello." });
    const replay = client.responses.stream({ response_id: first.id, starting_after: 2 });
    const seen: number[] = [];
    for await (const e of replay) seen.push(e.sequence_number);
    assert.equal(seen[0], 3);
    assert.equal((await replay.finalResponse()).output_text, first.output_text);
  });

  test("responses.parse with a zod schema: the content validates and is parsed", async () => {
    const Event = z.object({
      name: z.string(),
      date: z.string(),
      participants: z.array(z.string()),
      priority: z.enum(["low", "medium", "high"]),
      attendees: z.number().int(),
    });
    const r = await client.responses.parse({
      model: "gpt-4o-mini",
      input: [{ role: "user", content: "Alice and Bob are going to a science fair on Friday." }],
      text: { format: zodTextFormat(Event, "event") },
    });
    assert.equal(r.status, "completed");
    const parsed = r.output_parsed;
    assert.ok(parsed);
    assert.deepEqual(Event.parse(parsed), parsed);
    assert.ok(["low", "medium", "high"].includes(parsed.priority));
  });

  test("a function-call loop ends: function_call, function_call_output via previous_response_id, text answer", async () => {
    let r = await client.responses.create({
      model: "gpt-4o-mini",
      input: "What's the weather in Paris?",
      tools: [weatherTool],
    });
    let rounds = 0;
    for (; rounds < 5; rounds++) {
      const calls = r.output.filter((o) => o.type === "function_call");
      if (!calls.length) break;
      for (const c of calls) {
        const args = JSON.parse(c.arguments) as { city: string; unit: string };
        assert.deepEqual(Object.keys(args).sort(), ["city", "unit"]);
        assert.equal(args.city, "Paris");
        assert.ok(["celsius", "fahrenheit"].includes(args.unit));
        assert.match(c.call_id, /^call_/);
      }
      r = await client.responses.create({
        model: "gpt-4o-mini",
        previous_response_id: r.id,
        tools: [weatherTool],
        input: calls.map((c) => ({
          type: "function_call_output" as const,
          call_id: c.call_id,
          output: JSON.stringify({ temperature: 18, conditions: "light rain" }),
        })),
      });
    }
    assert.equal(rounds, 1, "one call, then an answer");
    assert.match(r.output_text, /light rain/);
    assert.match(r.output_text, /get_weather/);
  });

  test("function calls stream as function_call_arguments deltas that join to the arguments", async () => {
    const stream = client.responses.stream({
      model: "gpt-4o-mini",
      input: "What's the weather in Tokyo?",
      tools: [weatherTool],
      tool_choice: { type: "function", name: "get_weather" },
    });
    let joined = "";
    let done: { arguments: string; name: string } | undefined;
    const types: string[] = [];
    for await (const e of stream) {
      types.push(e.type);
      if (e.type === "response.function_call_arguments.delta") joined += e.delta;
      if (e.type === "response.function_call_arguments.done") done = e;
    }
    const final = await stream.finalResponse();
    const call = final.output[0];
    assert.ok(call?.type === "function_call");
    assert.equal(joined, call.arguments);
    assert.equal(done?.arguments, call.arguments);
    assert.equal(done?.name, "get_weather");
    assert.equal(JSON.parse(call.arguments).city, "Tokyo");
    assert.deepEqual(
      types.filter((t, i, all) => t !== all[i - 1]),
      [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.function_call_arguments.delta",
        "response.function_call_arguments.done",
        "response.output_item.done",
        "response.completed",
      ],
    );
  });

  test("previous_response_id continues the stored conversation; instructions do not carry over", async () => {
    const first = await client.responses.create({
      model: "gpt-4o-mini",
      input: "My name is Ada. Tell me about Lisbon.",
      instructions: "Answer like a pirate.",
    });
    const second = await client.responses.create({
      model: "gpt-4o-mini",
      previous_response_id: first.id,
      input: "And Porto?",
    });
    assert.equal(second.previous_response_id, first.id);
    assert.equal(second.instructions, null);
    assert.ok(second.usage!.input_tokens > first.usage!.input_tokens + first.usage!.output_tokens - 10);
    const items = await client.responses.inputItems.list(second.id, { order: "asc" });
    const texts = items.data.map((i) =>
      i.type === "message" ? i.content.map((c) => ("text" in c ? c.text : "")).join("") : i.type,
    );
    assert.deepEqual(texts, ["My name is Ada. Tell me about Lisbon.", first.output_text, "And Porto?"]);
    assert.equal(items.data[1]!.id, first.output[0]!.id);
  });

  test("retrieve and delete; unknown, deleted and unstored ids are 404 in OpenAI's shape", async () => {
    const r = await client.responses.create({ model: "gpt-4o-mini", input: "Hi" });
    const got = await client.responses.retrieve(r.id);
    assert.deepEqual({ ...got, output_text: undefined }, { ...r, output_text: undefined });
    await client.responses.delete(r.id);
    await assert.rejects(client.responses.retrieve(r.id), (err: unknown) => {
      assert.ok(err instanceof OpenAI.NotFoundError);
      assert.equal(err.error && (err.error as { type: string }).type, "invalid_request_error");
      assert.match(err.message, /not found/);
      return true;
    });
    await assert.rejects(client.responses.delete(r.id), OpenAI.NotFoundError);
    await assert.rejects(client.responses.inputItems.list("resp_nope"), OpenAI.NotFoundError);
    const unstored = await client.responses.create({ model: "gpt-4o-mini", input: "Hi", store: false });
    assert.equal((unstored as { store?: boolean }).store, false);
    await assert.rejects(client.responses.retrieve(unstored.id), OpenAI.NotFoundError);
    await assert.rejects(
      client.responses.create({ model: "gpt-4o-mini", input: "Hi", previous_response_id: unstored.id }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && err.code === "previous_response_not_found",
    );
  });

  test("bad requests are 400s with the offending param", async () => {
    for (const [body, param] of [
      [{ model: "gpt-4o-mini", input: "x", max_output_tokens: 3 }, "max_output_tokens"],
      [{ model: "gpt-9", input: "x" }, "model"],
      [{ model: "gpt-4o-mini", input: [{ role: "wizard", content: "x" }] }, "input[0].role"],
    ] as const) {
      await assert.rejects(
        client.responses.create(body as never),
        (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === param,
      );
    }
  });

  test("a deeply nested schema is a 400 naming the field, not a 500 (plain and streamed)", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const body = (stream: boolean) =>
      `{"model":"gpt-4o-mini","input":"x","stream":${stream},"text":{"format":{"type":"json_schema","name":"x",` +
      `"schema":{"type":"object","properties":{},"extra":${deep}}}}}`;
    for (const stream of [false, true]) {
      const res = await fetch(`${s.url}/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer sk-test" },
        body: body(stream),
        dispatcher: s.agent,
      } as unknown as RequestInit);
      const text = await res.text();
      assert.equal(res.status, 400, text);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      const err = (JSON.parse(text) as { error: { type: string; param: string; message: string } }).error;
      assert.equal(err.type, "invalid_request_error");
      assert.equal(err.param, "text.format.schema");
      assert.match(err.message, /nested too deeply/);
    }
  });
});

describe("Responses API under the server's behaviour", () => {
  test("delay applies, and the request log records model, stream, usage and every event", async () => {
    s.server.setBehavior({ delayMs: 150 });
    try {
      const t0 = performance.now();
      const r = await client.responses.create({ model: "gpt-4o-mini", input: "Hi" });
      assert.ok(performance.now() - t0 >= 140);
      const stream = client.responses.stream({ model: "gpt-4o-mini", input: "Hello" });
      for await (const _ of stream);
      const final = await stream.finalResponse();
      const entries = s.server.log.list().filter((e) => e.path === "/v1/responses");
      const plain = entries.find((e) => e.response.body.includes(r.id))!;
      assert.equal(plain.model, "gpt-4o-mini");
      assert.equal(plain.stream, false);
      assert.equal(plain.usage?.completion_tokens, r.usage?.output_tokens);
      const streamed = entries.find((e) => e.stream && e.response.body.includes(final.id))!;
      assert.ok(streamed, "stream logged");
      assert.equal(JSON.parse(streamed.chunks[0]!.data).type, "response.created");
      assert.equal(JSON.parse(streamed.chunks.at(-1)!.data).type, "response.completed");
      assert.ok(streamed.chunks.at(-1)!.t >= 100, "events spread over the delay");
    } finally {
      s.server.setBehavior({ delayMs: 0 });
    }
  });

  test("injected faults: an HTTP error before the answer, or response.failed mid-stream", async () => {
    s.server.setBehavior({ errorRatePercent: 100, errorStatuses: [500] });
    try {
      await assert.rejects(
        client.responses.create({ model: "gpt-4o-mini", input: "Hi" }),
        (err: unknown) => err instanceof OpenAI.InternalServerError,
      );
      let midStream: { failed: boolean; deltas: number } | undefined;
      for (let i = 0; i < 40 && !midStream; i++) {
        try {
          const stream = client.responses.stream({ model: "gpt-4o-mini", input: "Tell me a story." });
          let deltas = 0;
          let failed = false;
          for await (const e of stream) {
            if (e.type === "response.output_text.delta") deltas++;
            if (e.type === "response.failed") {
              failed = true;
              assert.equal(e.response.status, "failed");
              assert.equal(e.response.error?.code, "server_error");
            }
          }
          midStream = { failed, deltas };
        } catch (err) {
          assert.ok(err instanceof OpenAI.InternalServerError, String(err));
        }
      }
      assert.ok(midStream, "a third of stream faults happen mid-stream");
      assert.equal(midStream.failed, true);
      assert.ok(midStream.deltas > 0, "part of the answer came first");
      const entry = s.server.log.list().find((e) => e.path === "/v1/responses" && e.stream && e.error);
      assert.ok(entry?.error, "the log records the mid-stream failure");
    } finally {
      s.server.setBehavior({ errorRatePercent: 0 });
    }
  });

  test("x-mock-* headers steer one Responses request: an HTTP fault, a delay, an `error` event mid-stream", async () => {
    await assert.rejects(
      client.responses.create({ model: "gpt-4o-mini", input: "Hi" }, { headers: { "x-mock-fault": "429" } }),
      (err: unknown) => err instanceof OpenAI.RateLimitError,
    );
    const t0 = performance.now();
    await client.responses.create({ model: "gpt-4o-mini", input: "Hi" }, { headers: { "x-mock-delay-ms": "200" } });
    assert.ok(performance.now() - t0 >= 190);

    const stream = client.responses.stream(
      { model: "gpt-4o-mini", input: "Tell me a story." },
      { headers: { "x-mock-fault": "error-event:3" } },
    );
    const types: string[] = [];
    let error: { code: string | null; message: string } | undefined;
    try {
      for await (const e of stream) {
        types.push(e.type);
        if (e.type === "error") error = e;
      }
    } catch {
      /* an SDK may also raise it; the events seen are what counts */
    }
    assert.deepEqual(types.slice(0, 3), ["response.created", "response.in_progress", "response.output_item.added"]);
    assert.equal(types[3], "error");
    assert.equal(types.length, 4, "nothing after the error event");
    assert.equal(error?.code, "server_error");
    const entry = s.server.log.list().find((e) => e.path === "/v1/responses" && e.fault?.includes("x-mock-fault"));
    assert.ok(entry, "the log names the fault and its source");
  });
});
