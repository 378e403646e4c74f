// The Responses API's pure modules: request validation, conversation mapping, response and event builders, store.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../../src/core/openai/errors";
import {
  buildResponse,
  failedResponse,
  failureEvent,
  listInputItems,
  parseResponsesRequest,
  responderOptions,
  responseEvents,
  ResponseStore,
  toChatMessages,
  type InputItemResource,
  type ResponsesRequest,
} from "../../src/core/openai/responses";
import { respond } from "../../src/core/responder";

const MODELS = ["gpt-4o-mini", "text-embedding-3-small", "gpt-3.5-turbo-instruct"];
const none = () => undefined;
const parse = (body: unknown, resolve: (id: string) => InputItemResource | undefined = none) =>
  parseResponsesRequest(body, MODELS, true, resolve);

function rejects(body: unknown, param: string | null, code: string | null) {
  try {
    parse(body);
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.status, 400);
    assert.equal(err.param, param, err.message);
    assert.equal(err.code, code, err.message);
    return;
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
}

const ctx = (request: ResponsesRequest) => ({
  id: "resp_1",
  createdAt: 1,
  model: "gpt-4o-mini-2024-07-18",
  request,
  temperature: 1,
});

describe("parseResponsesRequest", () => {
  test("a string input is one user message; defaults match the API (store true, tool_choice auto)", () => {
    const r = parse({ model: "gpt-4o-mini", input: "Hi" });
    assert.equal(r.input.length, 1);
    const item = r.input[0]!;
    assert.equal(item.type, "message");
    assert.ok(item.type === "message" && item.role === "user");
    assert.deepEqual(item.content, [{ type: "input_text", text: "Hi" }]);
    assert.match(item.id, /^msg_[0-9a-f]{48}$/);
    assert.equal(r.store, true);
    assert.equal(r.toolChoice, "auto");
    assert.deepEqual(r.textFormat, { type: "text" });
  });

  test("item lists: easy messages, typed messages, function calls and their outputs", () => {
    const r = parse({
      model: "gpt-4o-mini",
      input: [
        { role: "user", content: "Weather?" },
        { type: "function_call", call_id: "call_1", name: "w", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: '{"t":1}' },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Sunny" }] },
        { type: "reasoning", id: "rs_1", summary: [] },
      ],
    });
    assert.deepEqual(
      r.input.map((i) => i.type),
      ["message", "function_call", "function_call_output", "message"],
    );
    assert.match(r.input[1]!.id, /^fc_/);
    assert.match(r.input[2]!.id, /^fco_/);
  });

  test("item_reference resolves through the store, and an unknown reference is a 400", () => {
    const ref: InputItemResource = {
      id: "msg_x",
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: "Earlier", annotations: [], logprobs: [] }],
    };
    const r = parse({ model: "gpt-4o-mini", input: [{ type: "item_reference", id: "msg_x" }] }, (id) =>
      id === "msg_x" ? ref : undefined,
    );
    assert.equal(r.input[0], ref);
    rejects({ model: "gpt-4o-mini", input: [{ type: "item_reference", id: "nope" }] }, "input[0].id", "invalid_value");
  });

  test("the real API's errors: missing model and input, unknown model, bad types and ranges", () => {
    rejects({ input: "x" }, "model", "missing_required_parameter");
    rejects({ model: "gpt-4o-mini" }, "input", "missing_required_parameter");
    rejects({ model: 5, input: "x" }, "model", "invalid_type");
    rejects({ model: "gpt-9", input: "x" }, "model", "model_not_found");
    rejects({ model: "text-embedding-3-small", input: "x" }, "model", "unsupported_model");
    rejects({ model: "gpt-3.5-turbo-instruct", input: "x" }, "model", "unsupported_model");
    rejects({ model: "gpt-4o-mini", input: 3 }, "input", "invalid_type");
    rejects({ model: "gpt-4o-mini", input: [{ role: "robot", content: "x" }] }, "input[0].role", "invalid_value");
    rejects({ model: "gpt-4o-mini", input: [{ role: "user" }] }, "input[0].content", "missing_required_parameter");
    rejects({ model: "gpt-4o-mini", input: [{ type: "mystery" }] }, "input[0].type", "invalid_value");
    rejects(
      { model: "gpt-4o-mini", input: [{ type: "function_call_output", output: "x" }] },
      "input[0].call_id",
      "missing_required_parameter",
    );
    rejects({ model: "gpt-4o-mini", input: "x", max_output_tokens: 8 }, "max_output_tokens", "integer_below_min_value");
    rejects({ model: "gpt-4o-mini", input: "x", temperature: 3 }, "temperature", "decimal_above_max_value");
    rejects({ model: "gpt-4o-mini", input: "x", store: "yes" }, "store", "invalid_type");
    rejects({ model: "gpt-4o-mini", input: "x", tools: [{ type: "web_search" }] }, "tools[0].type", "invalid_value");
    rejects({ model: "gpt-4o-mini", input: "x", tool_choice: "required" }, "tool_choice", "invalid_value");
    rejects(
      {
        model: "gpt-4o-mini",
        input: "x",
        tools: [{ type: "function", name: "a" }],
        tool_choice: { type: "function", name: "b" },
      },
      "tool_choice",
      "invalid_value",
    );
    rejects(
      { model: "gpt-4o-mini", input: "x", text: { format: { type: "yaml" } } },
      "text.format.type",
      "invalid_value",
    );
    rejects(
      { model: "gpt-4o-mini", input: "x", text: { format: { type: "json_schema", name: "a" } } },
      "text.format.schema",
      "missing_required_parameter",
    );
    assert.throws(
      () => parseResponsesRequest({ model: "gpt-4o-mini", input: "x", stream: true }, MODELS, false, none),
      {
        code: "streaming_disabled",
      },
    );
  });

  test("schemas nested too deeply (text.format.schema, tools[].parameters) are 400s naming the field", () => {
    const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000)) as unknown;
    const schema = { type: "object", properties: {}, extra: deep };
    const json = (s: unknown) => ({ format: { type: "json_schema", name: "x", schema: s } });
    rejects({ model: "gpt-4o-mini", input: "x", text: json(schema) }, "text.format.schema", "invalid_value");
    const tool = (p: unknown) => ({ type: "function", name: "f", parameters: p });
    rejects(
      { model: "gpt-4o-mini", input: "x", tools: [tool({}), tool(schema)] },
      "tools[1].parameters",
      "invalid_value",
    );
    try {
      parse({ model: "gpt-4o-mini", input: "x", text: json(schema) });
    } catch (err) {
      assert.match((err as Error).message, /nested too deeply/);
    }
    // A realistic schema, ten levels of objects deep, is still fine.
    let nested: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 10; i++) nested = { type: "object", properties: { a: nested }, required: ["a"] };
    assert.equal(parse({ model: "gpt-4o-mini", input: "x", text: json(nested) }).textFormat.type, "json_schema");
    assert.equal(parse({ model: "gpt-4o-mini", input: "x", tools: [tool(nested)] }).tools.length, 1);
  });

  test("previous_response_id alone is enough input", () => {
    const r = parse({ model: "gpt-4o-mini", previous_response_id: "resp_1" });
    assert.deepEqual(r.input, []);
    assert.equal(r.previousResponseId, "resp_1");
  });

  test("function tools and text.format map onto the chat responder's shapes", () => {
    const r = parse({
      model: "gpt-4o-mini",
      input: "x",
      tools: [{ type: "function", name: "f", parameters: { type: "object", properties: {} } }],
      tool_choice: { type: "function", name: "f" },
      text: { format: { type: "json_schema", name: "s", schema: { type: "object" }, strict: true } },
    });
    assert.deepEqual(r.tools[0], {
      type: "function",
      name: "f",
      description: null,
      parameters: { type: "object", properties: {} },
      strict: true,
    });
    const o = responderOptions(r);
    assert.deepEqual(o.toolChoice, { type: "function", function: { name: "f" } });
    assert.equal(o.tools?.[0]?.function.name, "f");
    assert.deepEqual(o.responseFormat, {
      type: "json_schema",
      json_schema: { name: "s", schema: { type: "object" }, strict: true },
    });
  });
});

describe("toChatMessages", () => {
  test("instructions lead as a developer message; parallel calls share one assistant turn; outputs are tool messages", () => {
    const items = parse({
      model: "gpt-4o-mini",
      input: [
        { role: "user", content: "Weather in Paris and Rome?" },
        { type: "function_call", call_id: "a", name: "w", arguments: '{"city":"Paris"}' },
        { type: "function_call", call_id: "b", name: "w", arguments: '{"city":"Rome"}' },
        { type: "function_call_output", call_id: "a", output: "sunny" },
        { type: "function_call_output", call_id: "b", output: "rain" },
      ],
    }).input;
    const m = toChatMessages(items, "Be brief");
    assert.deepEqual(
      m.map((x) => x.role),
      ["developer", "user", "assistant", "tool", "tool"],
    );
    assert.equal(m[2]!.tool_calls?.length, 2);
    assert.equal(m[4]!.tool_call_id, "b");
    assert.equal(m[4]!.content, "rain");
  });
});

function built(body: Record<string, unknown>) {
  const req = parse({ model: "gpt-4o-mini", ...body });
  const out = respond({
    model: req.model,
    messages: toChatMessages(req.input, req.instructions),
    seed: 7,
    temperature: 1,
    n: 1,
    maxTokens: req.maxOutputTokens,
    parallelToolCalls: req.parallelToolCalls,
    ...responderOptions(req),
  });
  return { req, out, ...buildResponse(ctx(req), out.choices[0]!, out.promptTokens) };
}

describe("buildResponse and responseEvents", () => {
  test("a text answer: one completed message, usage from the responder, events in the documented order", () => {
    const { response, pieces, out } = built({ input: "Tell me about owls" });
    assert.equal(response.status, "completed");
    assert.equal(response.output.length, 1);
    const msg = response.output[0]!;
    assert.ok(msg.type === "message");
    assert.equal(msg.content[0]!.text, out.choices[0]!.content);
    assert.equal(response.usage?.output_tokens, out.choices[0]!.completionTokens);
    assert.equal(response.usage?.input_tokens, out.promptTokens);

    const events = responseEvents(response, pieces).map((e) => ({ name: e.type, data: JSON.parse(e.data) }));
    events.forEach((e, i) => {
      assert.equal(e.data.sequence_number, i);
      assert.equal(e.data.type, e.name);
    });
    const names = events.map((e) => e.name);
    const deltas = names.filter((n) => n === "response.output_text.delta").length;
    assert.equal(deltas, pieces[0]!.length);
    assert.ok(deltas > 1);
    assert.deepEqual(names, [
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      ...Array<string>(deltas).fill("response.output_text.delta"),
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const text = events
      .filter((e) => e.name === "response.output_text.delta")
      .map((e) => e.data.delta)
      .join("");
    assert.equal(text, msg.content[0]!.text);
    assert.equal(events[0]!.data.response.status, "in_progress");
    assert.deepEqual(events[0]!.data.response.output, []);
    assert.deepEqual(events.at(-1)!.data.response, response);
  });

  test("function calls: function_call items whose argument deltas join to arguments that fit the schema", () => {
    const params = {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
      required: ["city", "unit"],
      additionalProperties: false,
    };
    const { response, pieces } = built({
      input: "What's the weather in Paris?",
      tools: [{ type: "function", name: "get_weather", description: "Weather for a city", parameters: params }],
    });
    const call = response.output[0]!;
    assert.ok(call.type === "function_call", JSON.stringify(response.output));
    assert.equal(call.name, "get_weather");
    assert.match(call.call_id, /^call_/);
    const args = JSON.parse(call.arguments) as Record<string, unknown>;
    assert.deepEqual(Object.keys(args).sort(), ["city", "unit"]);
    assert.ok(["c", "f"].includes(args.unit as string));
    const events = responseEvents(response, pieces).map((e) => JSON.parse(e.data));
    const deltas = events.filter((e) => e.type === "response.function_call_arguments.delta");
    assert.equal(deltas.map((d) => d.delta).join(""), call.arguments);
    const done = events.find((e) => e.type === "response.function_call_arguments.done");
    assert.equal(done.arguments, call.arguments);
    assert.equal(done.name, "get_weather");
    assert.equal(events.find((e) => e.type === "response.output_item.added").item.arguments, "");
  });

  test("a function_call_output gets a text answer that uses it, so a loop ends", () => {
    const { response } = built({
      input: [
        { role: "user", content: "What's the weather in Paris?" },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call_output", call_id: "call_1", output: '{"temperature_c": 21}' },
      ],
      tools: [{ type: "function", name: "get_weather", parameters: { type: "object", properties: {} } }],
    });
    const msg = response.output[0]!;
    assert.ok(msg.type === "message", JSON.stringify(response.output));
    assert.match(msg.content[0]!.text, /21/);
    assert.match(msg.content[0]!.text, /get_weather/);
  });

  test("max_output_tokens reached: incomplete with reason, and the stream ends with response.incomplete", () => {
    const { response, pieces } = built({ input: "Explain photosynthesis in detail", max_output_tokens: 16 });
    assert.equal(response.status, "incomplete");
    assert.deepEqual(response.incomplete_details, { reason: "max_output_tokens" });
    assert.equal(response.usage?.output_tokens, 16);
    const events = responseEvents(response, pieces);
    assert.equal(events.at(-1)!.type, "response.incomplete");
  });

  test("a fault mid-stream ends with response.failed carrying the error and the next sequence number", () => {
    const { response } = built({ input: "Hi" });
    const failed = failedResponse(response, { code: "server_error", message: "boom" });
    const e = failureEvent(5, failed);
    const data = JSON.parse(e.data);
    assert.equal(e.type, "response.failed");
    assert.equal(data.sequence_number, 5);
    assert.equal(data.response.status, "failed");
    assert.deepEqual(data.response.error, { code: "server_error", message: "boom" });
  });
});

describe("ResponseStore", () => {
  const stored = (id: string, text = "x") => {
    const { response, pieces, req } = built({ input: text });
    return { response: { ...response, id }, inputItems: req.input, pieces };
  };

  test("bounded by count: the oldest is evicted and answers as unknown", () => {
    const s = new ResponseStore({ maxResponses: 3, maxChars: Infinity });
    for (const id of ["a", "b", "c", "d"]) s.put(stored(id));
    assert.equal(s.size, 3);
    assert.equal(s.get("a"), undefined);
    assert.ok(s.get("d"));
  });

  test("bounded by size, but never evicts the response just stored", () => {
    const one = stored("a");
    const size = JSON.stringify(one.response).length + JSON.stringify(one.inputItems).length;
    const s = new ResponseStore({ maxResponses: 100, maxChars: size * 2.5 });
    for (const id of ["a", "b", "c", "d"]) s.put(stored(id));
    assert.ok(s.size <= 3 && s.size >= 2, String(s.size));
    assert.ok(s.totalChars <= size * 2.5 + 200);
    const tiny = new ResponseStore({ maxResponses: 100, maxChars: 1 });
    tiny.put(stored("z"));
    assert.ok(tiny.get("z"));
  });

  test("remove frees items unless a later stored response still carries them", () => {
    const s = new ResponseStore();
    const first = stored("a");
    s.put(first);
    const msgId = first.response.output[0]!.id;
    assert.ok(s.item(msgId));
    const second = stored("b");
    s.put({ ...second, inputItems: [...first.inputItems, ...first.response.output, ...second.inputItems] });
    assert.equal(s.remove("a"), true);
    assert.ok(s.item(msgId), "still held by b's context");
    s.remove("b");
    assert.equal(s.item(msgId), undefined);
    assert.equal(s.remove("b"), false);
    assert.equal(s.totalChars, 0);
  });
});

describe("listInputItems", () => {
  const items = parse({
    model: "gpt-4o-mini",
    input: ["a", "b", "c", "d"].map((t) => ({ role: "user", content: t })),
  }).input;
  const q = (s: string) => new URLSearchParams(s);

  test("desc by default, limit and after paginate, has_more says when more remain", () => {
    const page = listInputItems(items, q("limit=3"));
    assert.deepEqual(
      page.data.map((i) => i.id),
      [items[3]!.id, items[2]!.id, items[1]!.id],
    );
    assert.equal(page.has_more, true);
    assert.equal(page.first_id, items[3]!.id);
    const next = listInputItems(items, q(`limit=3&after=${page.last_id}`));
    assert.deepEqual(
      next.data.map((i) => i.id),
      [items[0]!.id],
    );
    assert.equal(next.has_more, false);
    assert.equal(listInputItems(items, q("order=asc")).data[0]!.id, items[0]!.id);
  });

  test("bad limits and orders are 400s naming the parameter", () => {
    assert.throws(() => listInputItems(items, q("limit=0")), { param: "limit" });
    assert.throws(() => listInputItems(items, q("limit=101")), { param: "limit" });
    assert.throws(() => listInputItems(items, q("order=up")), { param: "order" });
    assert.throws(() => listInputItems(items, q("after=nope")), { param: "after" });
  });
});
