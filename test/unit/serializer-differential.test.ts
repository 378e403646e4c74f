// The field-list serializer against the one it replaced (frozen in test/oracle), byte for byte,
// over many generated requests run through the real responder.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as before from "../oracle/chatCompletionBefore";
import {
  applyStop,
  chatCompletionChunkList,
  chatCompletionChunks,
  chatCompletionJson,
  chatCompletionPieces,
  usageOf,
} from "../../src/core/openai/chatCompletion";
import { parseChatRequest, respondInput } from "../../src/core/openai/chatRequest";
import { respond } from "../../src/core/responder";
import { generatedRequest } from "../helpers/chatRequests";

const MODELS = ["gpt-4o-mini", "gpt-4o-mini-2024-07-18"];
const COUNT = 600;

test(`chat.completion and chunk JSON are byte-identical to the old serializer over ${COUNT} generated requests`, () => {
  const shapes = new Set<string>();
  for (let i = 0; i < COUNT; i++) {
    const body = generatedRequest(i);
    const req = parseChatRequest(body, MODELS, true);
    const out = respond(respondInput(req, 1, req.maxTokens ?? 4096));
    const choices = out.choices.map((c) => applyStop(c, req.stop));
    const usage = usageOf(out.promptTokens, choices);
    const ctx = { id: `chatcmpl-${i}`, created: 1_735_689_600 + i, model: req.model, request: req };
    const label = `request #${i}: ${JSON.stringify(body)}`;
    for (const reused of [false, true]) {
      const oracle = before.chatCompletionJson(ctx, choices, usage, reused);
      assert.equal(chatCompletionJson(ctx, choices, usage, reused), oracle, label);
      // What a large answer sends, a choice a piece.
      assert.equal([...chatCompletionPieces(ctx, choices, usage, reused)].join(""), oracle, label);
      assert.equal(oracle, JSON.stringify(before.chatCompletion(ctx, choices, usage)), label);
    }
    // A reused answer served again, to another response: its kept tail under a new head.
    const again = { ...ctx, id: `chatcmpl-again-${i}`, created: ctx.created + 1 };
    assert.equal(
      chatCompletionJson(again, choices, usage, true),
      before.chatCompletionJson(again, choices, usage, true),
      label,
    );
    // The same choices under another usage (another prompt): the kept tail must not stand for it.
    const longer = usageOf(out.promptTokens + 3, choices);
    assert.equal(
      chatCompletionJson(again, choices, longer, true),
      before.chatCompletionJson(again, choices, longer, true),
      label,
    );
    assert.equal(
      [...chatCompletionPieces(again, choices, longer, true)].join(""),
      before.chatCompletionJson(again, choices, longer, true),
      label,
    );
    const oracleChunks = before.chatCompletionChunks(ctx, choices, usage);
    assert.deepEqual(chatCompletionChunks(ctx, choices, usage), oracleChunks, label);
    // What a stream sends: chunks written one at a time as they go out.
    const list = chatCompletionChunkList(ctx, choices, usage);
    assert.deepEqual(
      Array.from({ length: list.length }, (_, k) => list.at(k)),
      oracleChunks,
      label,
    );
    assert.equal(list.at(list.length), undefined, label);
    shapes.add(
      [
        choices.length > 1 ? "n" : "1",
        choices.some((c) => c.toolCalls.length) ? "tools" : "text",
        req.logprobs ? "logprobs" : "",
        req.includeUsage ? "usage" : "",
        choices.some((c) => c.finishReason === "length") ? "length" : "",
      ].join("|"),
    );
  }
  // The generator must reach the shapes that differ on the wire, or the comparison proves little.
  for (const needle of ["n|", "|tools|", "|logprobs|", "|usage|", "|length"])
    assert.ok(
      [...shapes].some((s) => s.includes(needle)),
      `no generated case with ${needle}`,
    );
});
