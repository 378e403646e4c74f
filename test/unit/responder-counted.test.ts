// A JSON answer without logprobs has its tokens counted, not cut into pieces (needsPieces: false):
// the choices, their usage and the wire JSON must be what the cut pieces gave, at every max_tokens,
// and the pieces, when read after all, the same strings.
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyStop, chatCompletionJson, usageOf } from "../../src/core/openai/chatCompletion";
import { parseChatRequest, respondInput } from "../../src/core/openai/chatRequest";
import { respond, type RespondInput } from "../../src/core/responder";
import { generatedRequest } from "../helpers/chatRequests";

const MODELS = ["gpt-4o-mini", "gpt-4o-mini-2024-07-18"];
const COUNT = 500;

test(`counted answers equal cut ones over ${COUNT} generated seeded requests`, () => {
  let counted = 0;
  let cut = 0;
  for (let i = 0; i < COUNT; i++) {
    const body = { ...generatedRequest(i), seed: i };
    const req = parseChatRequest(body, MODELS, true);
    // The route's mapping, with every piece cut (the old behaviour) or only counted.
    const input = (maxTokens: number | null, needsPieces = true): RespondInput => ({
      ...respondInput(req, 1, maxTokens),
      needsPieces,
    });
    // Limits at the edge too: one token short of the first choice's whole answer, and exactly it.
    const natural = respond(input(null)).choices[0]!.completionTokens;
    for (const maxTokens of [req.maxTokens ?? 4096, 7, null, natural - 1, natural]) {
      const want = respond(input(maxTokens));
      const got = respond(input(maxTokens, false));
      const label = `request #${i} at ${maxTokens}: ${JSON.stringify(body)}`;
      const ctx = { id: `chatcmpl-${i}`, created: 1_735_689_600 + i, model: req.model, request: req };
      const wire = (out: typeof want) => {
        const choices = out.choices.map((c) => applyStop(c, req.stop));
        return chatCompletionJson(ctx, choices, usageOf(out.promptTokens, choices), false);
      };
      // The wire first, while the counted pieces are still uncut; then the choices, pieces included.
      assert.equal(wire(got), wire(want), label);
      for (const c of got.choices) if (c.toolCalls.length === 0 && c.finishReason !== "length") counted++;
      for (const c of want.choices) if (c.finishReason === "length") cut++;
      assert.deepEqual(got, want, label);
      assert.deepEqual({ ...got.choices[0] }, { ...want.choices[0] }, label);
    }
  }
  assert.ok(counted > 1000, `only ${counted} counted choices`);
  assert.ok(cut > 500, `only ${cut} cut choices`);
});
