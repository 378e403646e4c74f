// usage against gpt-tokenizer's own counts, over mTLS with the official SDK: 50 varied answers
// (prose in several scripts, emoji, code, JSON, tool-call arguments, streams, gpt-3.5's cl100k).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type OpenAI from "openai";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import { encodeChat } from "gpt-tokenizer/model/gpt-4o-mini";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
let client: OpenAI;
before(async () => {
  s = await startTestServer();
  client = s.client();
});
after(() => s.close());

type Msg = { role: "system" | "user"; content: string };
const encFor = (model: string) => (model.startsWith("gpt-3.5") ? cl100k : o200k);

/** The cookbook's formula, counted with gpt-tokenizer: 3 + Σ(3 + role + content). */
function cookbookPrompt(messages: Msg[], model: string): number {
  const enc = encFor(model);
  return 3 + messages.reduce((n, m) => n + 3 + enc.countTokens(m.role) + enc.countTokens(m.content), 0);
}

const PROSE = [
  "What is a closure in programming?",
  "Explain photosynthesis to a ten-year-old.",
  "東京の天気について教えてください 🌸",
  "Расскажи о погоде в Москве",
  "ما هي عاصمة مصر؟",
  "请解释一下量子计算",
  "한국의 전통 음식에 대해 알려주세요",
  "भारत की राजधानी क्या है?",
  "Explain the 🍕 emoji",
  "Tell me about 😀 smileys and 🎉 parties",
  "Γεια σου, τι είναι η φιλοσοφία;",
  "Why is the sky blue? Answer in one sentence.",
];
const CODE = [
  "Write a Python function that reverses a string.",
  "Write a JavaScript function to debounce another function.",
  "Show me a Rust function that sums a vector.",
  "Write a Go function that adds two integers.",
  "Write a SQL query for the top 5 customers by revenue.",
  "Write a C function to compute factorial.",
  "Write a Java class for a bank account.",
  "Write a Ruby method that checks for palindromes.",
  "Write a bash script that counts lines in every file.",
  "Write a TypeScript type guard for a User object.",
];
const JSON_PROMPTS = [
  "東京の観光地",
  "Москва и Санкт-Петербург",
  "pizza 🍕 toppings",
  "القهوة العربية",
  "北京烤鸭的做法",
  "list three fruits",
  "서울의 날씨",
  "emoji 🚀 rockets",
];
const TOOL_PROMPTS = [
  "Find 🍜 ramen recipes",
  "Search for 東京 hotels",
  "Look up Москва museums",
  "Search news about café culture in Paris",
  "Find restaurants near 北京",
  "Search for 🎸 guitar lessons",
];
const searchTool = {
  type: "function" as const,
  function: {
    name: "search",
    description: "Search the web",
    parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  },
};

function checkUsage(
  usage: OpenAI.CompletionUsage | undefined | null,
  sent: string,
  model: string,
  prompt: number | null,
  label: string,
) {
  assert.ok(usage, `${label}: usage`);
  assert.equal(usage.completion_tokens, encFor(model).countTokens(sent), `${label}: completion_tokens`);
  if (prompt !== null) assert.equal(usage.prompt_tokens, prompt, `${label}: prompt_tokens`);
  assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, `${label}: total`);
}

describe("usage equals gpt-tokenizer's counts on 50 varied answers", () => {
  let answers = 0;
  after(() => assert.equal(answers, 50));

  test("prose in many scripts and emoji (gpt-4o-mini: o200k, prompt = encodeChat)", async () => {
    for (const [i, q] of PROSE.entries()) {
      const messages: Msg[] = i % 2 ? [{ role: "system", content: "You are a helpful assistant." }] : [];
      messages.push({ role: "user", content: q });
      const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages, seed: i });
      checkUsage(r.usage, r.choices[0]!.message.content!, "gpt-4o-mini", encodeChat(messages).length, q);
      answers++;
    }
  });

  test("code answers", async () => {
    for (const [i, q] of CODE.entries()) {
      const messages: Msg[] = [{ role: "user", content: q }];
      const r = await client.chat.completions.create({ model: "gpt-4o", messages, seed: i });
      const content = r.choices[0]!.message.content!;
      assert.match(content, /```/);
      checkUsage(r.usage, content, "gpt-4o", encodeChat(messages).length, q);
      answers++;
    }
  });

  test("JSON mode with non-Latin and emoji values", async () => {
    for (const [i, q] of JSON_PROMPTS.entries()) {
      const messages: Msg[] = [
        { role: "system", content: "Reply in JSON." },
        { role: "user", content: q },
      ];
      const r = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages,
        seed: i,
        response_format: { type: "json_object" },
      });
      checkUsage(r.usage, r.choices[0]!.message.content!, "gpt-4o-mini", encodeChat(messages).length, q);
      answers++;
    }
  });

  test("tool calls: completion_tokens are the arguments' tokens", async () => {
    for (const [i, q] of TOOL_PROMPTS.entries()) {
      const r = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: q }],
        seed: i,
        tools: [searchTool],
        tool_choice: "required",
      });
      const calls = r.choices[0]!.message.tool_calls ?? [];
      assert.ok(calls.length > 0, q);
      const args = calls.map((c) => (c.type === "function" ? c.function.arguments : "")).join("");
      checkUsage(r.usage, args, "gpt-4o-mini", null, q);
      answers++;
    }
  });

  test("streams: the usage chunk counts the streamed text", async () => {
    const prompts = [...PROSE.slice(2, 6), ...CODE.slice(0, 2), "Explain the 🍕 emoji", "Write a haiku about 月"];
    for (const [i, q] of prompts.entries()) {
      const messages: Msg[] = [{ role: "user", content: q }];
      const stream = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages,
        seed: i,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? "";
        if (chunk.usage) usage = chunk.usage;
      }
      checkUsage(usage, text, "gpt-4o-mini", encodeChat(messages).length, q);
      answers++;
    }
  });

  test("gpt-3.5-turbo counts with cl100k_base, prompt by the cookbook formula", async () => {
    for (const [i, q] of [...PROSE.slice(0, 4), CODE[0]!, "Tell me about 😀 smileys"].entries()) {
      const messages: Msg[] = [{ role: "user", content: q }];
      const r = await client.chat.completions.create({ model: "gpt-3.5-turbo", messages, seed: i });
      const content = r.choices[0]!.message.content!;
      checkUsage(r.usage, content, "gpt-3.5-turbo", cookbookPrompt(messages, "gpt-3.5-turbo"), q);
      // The two vocabularies really differ on this text, so the right one was used.
      if (/[^\p{ASCII}]/u.test(content)) assert.notEqual(cl100k.countTokens(content), o200k.countTokens(content));
      answers++;
    }
  });
});

describe("token boundaries", () => {
  test("max_tokens cuts at a real token boundary and reports exactly that many", async () => {
    for (const max_tokens of [1, 7, 30]) {
      const r = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Explain photosynthesis in detail." }],
        seed: 3,
        max_tokens,
      });
      const content = r.choices[0]!.message.content!;
      assert.equal(r.choices[0]!.finish_reason, "length");
      assert.equal(r.usage!.completion_tokens, max_tokens);
      assert.equal(o200k.countTokens(content), max_tokens);
      // A prefix of the uncut answer's real tokens.
      const full = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Explain photosynthesis in detail." }],
        seed: 3,
      });
      assert.equal(o200k.decode(o200k.encode(full.choices[0]!.message.content!).slice(0, max_tokens)), content);
    }
  });

  test("logprobs tokens are the answer's real tokens", async () => {
    const r = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "What is a closure in programming?" }],
      seed: 5,
      logprobs: true,
      top_logprobs: 2,
    });
    const content = r.choices[0]!.message.content!;
    const tokens = r.choices[0]!.logprobs!.content!.map((t) => t.token);
    assert.equal(tokens.join(""), content);
    const real = o200k.encode(content).map((id) => o200k.decode([id]));
    assert.deepEqual(tokens, real);
    assert.equal(tokens.length, r.usage!.completion_tokens);
  });
});
