import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { chatCompletion } from "../oracle/chatCompletionBefore";
import {
  applyStop,
  chatCompletionChunks,
  chatCompletionJson,
  usageOf,
  type GeneratedChoice,
} from "../../src/core/openai/chatCompletion";
import { parseChatRequest } from "../../src/core/openai/chatRequest";
import { ApiError } from "../../src/core/openai/errors";
import { base62, completionId, requestId } from "../../src/core/openai/ids";

const models = ["gpt-4o-mini"];
const req = (extra: Record<string, unknown> = {}) =>
  parseChatRequest({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], ...extra }, models, true);
const text = (pieces: string[]): GeneratedChoice => ({
  pieces,
  content: pieces.join(""),
  toolCalls: [],
  finishReason: "stop",
  completionTokens: pieces.length,
});

describe("parseChatRequest", () => {
  test("accepts assistant messages with tool_calls and null content, and tool results", () => {
    const r = parseChatRequest(
      {
        model: "gpt-4o-mini",
        messages: [
          { role: "user", content: "weather?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "w", arguments: "{}" } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
      },
      models,
      true,
    );
    assert.equal(r.messages.length, 3);
  });

  test("a tool message without tool_call_id names the field", () => {
    assert.throws(
      () => parseChatRequest({ model: "gpt-4o-mini", messages: [{ role: "tool", content: "x" }] }, models, true),
      (e: unknown) => e instanceof ApiError && e.param === "messages[0].tool_call_id",
    );
  });

  test("max_completion_tokens wins over max_tokens; too large is rejected", () => {
    assert.equal(req({ max_tokens: 50, max_completion_tokens: 10 }).maxTokens, 10);
    assert.throws(
      () => req({ max_tokens: 100_000 }),
      (e: unknown) => e instanceof ApiError && e.param === "max_tokens" && /at most 16384/.test(e.message),
    );
  });

  test("stream_options without stream is rejected; include_usage is read", () => {
    assert.throws(
      () => req({ stream_options: { include_usage: true } }),
      (e: unknown) => e instanceof ApiError && e.param === "stream_options",
    );
    assert.equal(req({ stream: true, stream_options: { include_usage: true } }).includeUsage, true);
  });

  test("tool_choice naming an absent function is rejected", () => {
    const tools = [{ type: "function", function: { name: "a" } }];
    assert.throws(
      () => req({ tools, tool_choice: { type: "function", function: { name: "b" } } }),
      (e: unknown) => e instanceof ApiError && e.param === "tool_choice",
    );
    assert.equal(req({ tools, tool_choice: "required" }).toolChoice, "required");
  });
});

describe("applyStop", () => {
  test("cuts before the earliest stop sequence, even inside a token", () => {
    const c = applyStop(text(["Hello", " world", ", again"]), ["or", "again"]);
    assert.equal(c.content, "Hello w");
    assert.deepEqual(c.pieces, ["Hello", " w"]);
    assert.equal(c.completionTokens, 2);
    assert.equal(c.finishReason, "stop");
  });
  test("leaves text without a match alone", () => {
    const c = text(["a", "b"]);
    assert.equal(applyStop(c, ["zzz"]), c);
  });
});

describe("chatCompletionChunks", () => {
  const ctx = {
    id: "chatcmpl-x",
    created: 1,
    model: "gpt-4o-mini-2024-07-18",
    request: req({ stream: true, stream_options: { include_usage: true }, n: 2 }),
  };
  const choices = [text(["A", "B", "C"]), text(["x"])];
  const events = chatCompletionChunks(ctx, choices, usageOf(5, choices)).map((e) => JSON.parse(e));

  test("each choice opens with the role, closes with finish_reason, and interleaves by index", () => {
    const byChoice = (i: number) => events.filter((e) => e.choices[0]?.index === i).map((e) => e.choices[0]);
    for (const i of [0, 1]) {
      const cs = byChoice(i);
      assert.deepEqual(cs[0].delta, { role: "assistant", content: "", refusal: null });
      assert.equal(cs.at(-1).finish_reason, "stop");
      assert.deepEqual(cs.at(-1).delta, {});
      assert.ok(cs.slice(0, -1).every((c: { finish_reason: unknown }) => c.finish_reason === null));
    }
    assert.deepEqual(
      events.slice(0, 2).map((e) => e.choices[0].index),
      [0, 1],
      "interleaved, not one after the other",
    );
  });

  test("with include_usage every chunk has usage: null and one last chunk has choices [] and the totals", () => {
    assert.ok(events.slice(0, -1).every((e) => e.usage === null));
    const last = events.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, 4);
    assert.equal(last.usage.total_tokens, 9);
  });

  test("tool-call deltas carry index on every delta and id/type/name only in the first", () => {
    const tool = {
      pieces: [],
      content: null,
      toolCalls: [{ id: "call_abc", name: "f", arguments: '{"a":1}', argumentPieces: ['{"a"', ":1}"] }],
      finishReason: "tool_calls" as const,
      completionTokens: 3,
    };
    const evs = chatCompletionChunks({ ...ctx, request: req({ stream: true }) }, [tool], usageOf(1, [tool])).map((e) =>
      JSON.parse(e),
    );
    const deltas = evs.map((e) => e.choices[0].delta).filter((d) => d.tool_calls);
    assert.equal(deltas[0].role, "assistant");
    assert.deepEqual(deltas[0].tool_calls[0], {
      index: 0,
      id: "call_abc",
      type: "function",
      function: { name: "f", arguments: "" },
    });
    assert.ok(deltas.slice(1).every((d) => d.tool_calls[0].index === 0 && d.tool_calls[0].id === undefined));
    assert.equal(
      deltas
        .slice(1)
        .map((d) => d.tool_calls[0].function.arguments)
        .join(""),
      '{"a":1}',
    );
    assert.equal(evs.at(-1).choices[0].finish_reason, "tool_calls");
  });
});

describe("chatCompletionJson", () => {
  const tool = {
    pieces: [],
    content: null,
    toolCalls: [{ id: "call_abc", name: "f", arguments: '{"a":"\\u00e9 \\"q\\""}', argumentPieces: [] }],
    finishReason: "tool_calls" as const,
    completionTokens: 3,
  };
  const cases: Array<[string, Record<string, unknown>, GeneratedChoice[]]> = [
    ["one text choice", {}, [text(["Hello", "!"])]],
    [
      "quotes, newlines, unicode and a lone surrogate",
      {},
      [text(['He said "hi"\n', "\u00e9\u{1F600}", "\ud800", "</script>"])],
    ],
    ["n = 3", { n: 3 }, [text(["a"]), text(["b", "c"]), text([])]],
    ["cut short by max_tokens", { max_tokens: 1 }, [{ ...text(["Once"]), finishReason: "length" }]],
    ["a tool call (content null)", {}, [tool]],
    ["logprobs with top_logprobs", { logprobs: true, top_logprobs: 3 }, [text(["Hi", " there"])]],
  ];
  for (const [name, extra, choices] of cases) {
    test(`is byte for byte JSON.stringify(chatCompletion(...)): ${name}`, () => {
      const ctx = { id: "chatcmpl-abc", created: 1735689600, model: 'gpt-4o-mini-"quoted"', request: req(extra) };
      const usage = usageOf(11, choices);
      for (const reused of [false, true])
        assert.equal(
          chatCompletionJson(ctx, choices, usage, reused),
          JSON.stringify(chatCompletion(ctx, choices, usage)),
        );
      // A reused answer (same choice objects) under another envelope reuses nothing it should not.
      const again = { ...ctx, id: "chatcmpl-def", created: 1735689601, request: req({ ...extra, n: undefined }) };
      assert.equal(
        chatCompletionJson(again, choices, usage, true),
        JSON.stringify(chatCompletion(again, choices, usage)),
      );
    });
  }
});

describe("DeterministicMemo", () => {
  test("reuses seeded answers, keyed by body, cap and temperature; the first unseeded samples are each generated", async () => {
    const { DeterministicMemo } = await import("../../src/core/responder/memo");
    const memo = new DeterministicMemo(2);
    const input = {
      model: "gpt-4o-mini",
      messages: [{ role: "user" as const, content: "Tell me about rivers" }],
      temperature: 1,
      n: 1,
      maxTokens: 50,
      seed: 3,
    };
    const a = memo.respond(input, "body-a");
    assert.equal(memo.respond(input, "body-a"), a, "same object: served from the memo");
    assert.notEqual(memo.respond({ ...input, maxTokens: 20 }, "body-a"), a, "a different cap is a different answer");
    const unseeded = { ...input, seed: null };
    assert.notEqual(memo.respond(unseeded, "body-b"), memo.respond(unseeded, "body-b"));
  });
});

describe("ids", () => {
  test("stay unique and well-formed across many refills of the random pool", () => {
    // Mixed sizes, as real traffic draws them (16 bytes per request id, 29 per completion id), so
    // every pool boundary is crossed at a different offset.
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const r = requestId();
      assert.match(r, /^req_[0-9a-f]{32}$/);
      assert.ok(!seen.has(r), `request id ${r} repeated at ${i}`);
      seen.add(r);
      if (i % 3 !== 0) {
        const c = completionId();
        assert.match(c, /^chatcmpl-[0-9A-Za-z]{29}$/);
        assert.ok(!seen.has(c), `completion id ${c} repeated at ${i}`);
        seen.add(c);
      }
    }
    assert.throws(() => base62(65), RangeError);
  });
});
