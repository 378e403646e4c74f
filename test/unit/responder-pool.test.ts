// Sampled answers come from a pool per request: fresh ones until it holds POOL_VARIANTS, then one of those.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeterministicMemo, POOL_VARIANTS } from "../../src/core/responder/memo";
import type { RespondInput } from "../../src/core/responder/types";

const input: RespondInput = {
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Tell me about rivers" }],
  temperature: 1,
  n: 1,
  maxTokens: 60,
};

describe("DeterministicMemo: pools for sampled requests", () => {
  test("generates POOL_VARIANTS distinct answers, then serves only those, all of them in time", () => {
    const memo = new DeterministicMemo();
    const first = Array.from({ length: POOL_VARIANTS }, () => memo.respond(input, "body"));
    assert.equal(new Set(first).size, POOL_VARIANTS, "each fill request generates");
    assert.ok(new Set(first.map((o) => o.choices[0]!.content)).size > 1, "and the answers vary");
    const later = Array.from({ length: 400 }, () => memo.respond(input, "body"));
    assert.ok(
      later.every((o) => first.includes(o)),
      "no generation once full",
    );
    assert.equal(new Set(later).size, POOL_VARIANTS, "every variant is served");
    assert.ok(memo.reuses(input), "pooled answers are served again, so their JSON is worth keeping");
  });

  test("a different body, cap or temperature is another pool; tools and seeds are never pooled", () => {
    const memo = new DeterministicMemo();
    for (let i = 0; i < POOL_VARIANTS; i++) memo.respond(input, "body");
    const pool = new Set(Array.from({ length: 50 }, () => memo.respond(input, "body")));
    assert.ok(!pool.has(memo.respond(input, "other body")));
    assert.ok(!pool.has(memo.respond({ ...input, maxTokens: 20 }, "body")));
    assert.ok(!pool.has(memo.respond({ ...input, temperature: 0.7 }, "body")));
    const tools = {
      ...input,
      tools: [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object" } } }],
    };
    const withTools = Array.from({ length: POOL_VARIANTS + 5 }, () => memo.respond(tools, "tools body"));
    assert.equal(new Set(withTools).size, withTools.length, "tool calls (and their ids) are generated every time");
    assert.ok(!memo.reuses(tools));
    const seeded = { ...input, seed: 7 };
    assert.equal(memo.respond(seeded, "seeded"), memo.respond(seeded, "seeded"), "seeded: one answer, reused");
  });

  test("keeps at most poolCapacity pools", () => {
    const memo = new DeterministicMemo(256, 2);
    const fill = (body: string) => Array.from({ length: POOL_VARIANTS }, () => memo.respond(input, body));
    const oldA = fill("a");
    fill("b");
    fill("c"); // evicts a, the least recently used
    const newA = fill("a");
    assert.equal(new Set(newA).size, POOL_VARIANTS, "pool a refills: every request generates again");
    assert.ok(newA.every((o) => !oldA.includes(o)));
  });
});
