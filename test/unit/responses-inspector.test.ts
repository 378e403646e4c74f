// The inspector's stream timeline reads Responses API event streams (built by the real event builder).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  buildResponse,
  failedResponse,
  failureEvent,
  parseResponsesRequest,
  responderOptions,
  responseEvents,
  toChatMessages,
} from "../../src/core/openai/responses";
import { respond } from "../../src/core/responder";
import { reassembleStream } from "../../webview/inspector/model/stream";

function events(body: Record<string, unknown>) {
  const req = parseResponsesRequest({ model: "gpt-4o-mini", ...body }, ["gpt-4o-mini"], true, () => undefined);
  const out = respond({
    model: req.model,
    messages: toChatMessages(req.input, req.instructions),
    seed: 3,
    temperature: 1,
    n: 1,
    maxTokens: req.maxOutputTokens,
    parallelToolCalls: req.parallelToolCalls,
    ...responderOptions(req),
  });
  const ctx = { id: "resp_1", createdAt: 1, model: "gpt-4o-mini", request: req, temperature: 1 };
  const built = buildResponse(ctx, out.choices[0]!, out.promptTokens);
  const list = responseEvents(built.response, built.pieces).map((e, i) => ({ t: i, data: e.data }));
  return { built, list };
}

describe("inspector stream model with Responses API events", () => {
  test("text deltas reassemble to the answer; the final status and end are recognised", () => {
    const { built, list } = events({ input: "Tell me about bees." });
    const r = reassembleStream(list);
    const msg = built.response.output[0]!;
    assert.ok(msg.type === "message");
    assert.equal(r.api, "responses");
    assert.equal(r.text, msg.content[0]!.text);
    assert.equal(r.finishReason, "completed");
    assert.equal(r.done, true);
    assert.equal(r.invalid, 0);
    assert.equal(reassembleStream(list.slice(0, -1)).done, false, "in flight until response.completed");
  });

  test("function calls show name, call id and joined arguments by output index", () => {
    const { built, list } = events({
      input: "What's the weather in Rome?",
      tools: [
        {
          type: "function",
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      ],
    });
    const call = built.response.output[0]!;
    assert.ok(call.type === "function_call");
    const r = reassembleStream(list);
    assert.deepEqual(r.toolCalls, [{ index: 0, id: call.call_id, name: "get_weather", arguments: call.arguments }]);
    assert.equal(r.text, "");
  });

  test("a stream cut by a fault ends with status failed", () => {
    const { built, list } = events({ input: "Hi" });
    const failed = failureEvent(4, failedResponse(built.response, { code: "server_error", message: "x" }));
    const r = reassembleStream([...list.slice(0, 4), { t: 9, data: failed.data }]);
    assert.equal(r.finishReason, "failed");
    assert.equal(r.done, true);
  });

  test("chat chunks still read as chat", () => {
    const r = reassembleStream([
      { t: 0, data: JSON.stringify({ choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: "stop" }] }) },
      { t: 1, data: "[DONE]" },
    ]);
    assert.equal(r.api, "chat");
    assert.equal(r.text, "Hi");
  });
});
