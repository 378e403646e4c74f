// parseChatRequestText remembers valid requests by their body text, and only those.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseChatRequest, parseChatRequestText } from "../../src/core/openai/chatRequest";
import { ApiError } from "../../src/core/openai/errors";

const MODELS = ["gpt-4o-mini", "gpt-4o"];
const parse = (text: string, models: readonly string[] = MODELS, streaming = true) =>
  parseChatRequestText(JSON.parse(text), text, models, streaming);
const body = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content }], ...extra });

test("a repeated body is parsed once, to what parseChatRequest gives", () => {
  const text = body("kept once", { temperature: 0.5, stop: ["x"] });
  const first = parse(text);
  assert.deepEqual(first, parseChatRequest(JSON.parse(text), MODELS, true));
  assert.equal(parse(text), first, "the same request object is served again");
});

test("another model list or streaming switch checks the body again", () => {
  const text = body("streamed", { stream: true });
  const first = parse(text);
  assert.throws(
    () => parse(text, MODELS, false),
    (e: ApiError) => e.code === "streaming_disabled",
  );
  assert.throws(
    () => parse(text, ["gpt-4o"]),
    (e: ApiError) => e.code === "model_not_found",
  );
  const other = parse(text, [...MODELS]);
  assert.notEqual(other, first, "a new model list parses afresh");
  assert.deepEqual(other, first);
});

test("invalid bodies are refused every time, with the same error", () => {
  const text = body("bad", { temperature: 9 });
  for (let i = 0; i < 3; i++)
    assert.throws(
      () => parse(text),
      (e: ApiError) => e.code === "decimal_above_max_value" && e.param === "temperature",
    );
});

test("long bodies are not kept, and the kept ones are bounded", () => {
  const long = body("x".repeat(3000));
  assert.notEqual(parse(long), parse(long));
  const oldest = body("oldest");
  const kept = parse(oldest);
  for (let i = 0; i < 300; i++) parse(body(`filler ${i}`));
  assert.notEqual(parse(oldest), kept, "evicted after many other bodies");
});
