// The compact stream timeline's one-line reading of each SSE payload (webview/inspector/model).
import { test } from "node:test";
import assert from "node:assert/strict";
import { describeStreamEvent } from "../../webview/inspector/model/streamEvents";

const line = (data: unknown, t = 3.4) =>
  describeStreamEvent({ t, data: typeof data === "string" ? data : JSON.stringify(data) });

test("chat chunks: delta text, role, tool-call fragments, finish reason, usage, [DONE]", () => {
  assert.deepEqual(line({ choices: [{ delta: { content: "Hi\nthere" } }] }), {
    offsetMs: 3,
    type: "chunk",
    text: "Hi↵there",
    tone: "normal",
  });
  assert.equal(line({ choices: [{ delta: { role: "assistant", content: "" } }] }).text, "role: assistant");
  assert.equal(
    line({ choices: [{ delta: { tool_calls: [{ index: 1, function: { name: "get_weather", arguments: '{"ci' } }] } }] })
      .text,
    'tool 1: get_weather {"ci',
  );
  assert.equal(line({ choices: [{ delta: {}, finish_reason: "length" }] }).text, "finish_reason: length");
  assert.equal(line({ choices: [], usage: { total_tokens: 42 } }).text, "usage: 42 tokens");
  assert.deepEqual(line("[DONE]"), { offsetMs: 3, type: "[DONE]", text: "", tone: "end" });
});

test("errors mid-stream and payloads that are not JSON", () => {
  assert.deepEqual(line({ error: { message: "boom", code: "server_error" } }), {
    offsetMs: 3,
    type: "error",
    text: "boom",
    tone: "error",
  });
  assert.deepEqual(line("not json\nat all"), { offsetMs: 3, type: "text", text: "not json↵at all", tone: "normal" });
});

test("Responses events: name without the response. prefix, delta or status", () => {
  assert.equal(line({ type: "response.output_text.delta", delta: "ab" }).type, "output_text.delta");
  assert.equal(line({ type: "response.output_text.delta", delta: "ab" }).text, "ab");
  assert.deepEqual(line({ type: "response.completed", response: { status: "completed" } }), {
    offsetMs: 3,
    type: "completed",
    text: "status: completed",
    tone: "end",
  });
  assert.equal(line({ type: "error", message: "rate limited" }).tone, "error");
  assert.equal(line({ type: "error", message: "rate limited" }).text, "rate limited");
  assert.equal(
    line({ type: "response.output_item.added", item: { type: "function_call", name: "f" } }).text,
    "function_call f",
  );
});
