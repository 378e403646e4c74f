// The legacy completion's answer and stream chunks, now written a choice (or event) at a time, are
// byte-identical to the serializer they replaced (test/oracle/textCompletionBefore.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as before from "../oracle/textCompletionBefore";
import { parseCompletionRequest } from "../../src/core/openai/completionRequest";
import { textCompletion, textCompletionChunks, textCompletionPieces } from "../../src/core/openai/textCompletion";
import { respond } from "../../src/core/responder";

const MODEL = "gpt-3.5-turbo-instruct";
const PROMPTS: unknown[] = ["Say this is a test", ["a", 'b"c'], [1, 2, 3], [[5, 6], [7]], "", "日本語 ok", ["x", ""]];

/** Every combination of the options that shape the answer, over the prompts above. */
function* requests(): Generator<Record<string, unknown>> {
  let seed = 0;
  for (const prompt of PROMPTS)
    for (const echo of [false, true])
      for (const logprobs of [null, 0, 3])
        for (const n of [1, 3])
          for (const max_tokens of [0, 1, 17])
            for (const stop of [null, "\n", ["the", "a"]]) {
              const body: Record<string, unknown> = { model: MODEL, prompt, echo, n, max_tokens, seed: seed++ };
              if (logprobs !== null) body.logprobs = logprobs;
              if (stop !== null) body.stop = stop;
              if (seed % 2) body.stream_options = { include_usage: true };
              yield body;
            }
}

test("text_completion JSON and chunks are byte-identical to the old serializer", () => {
  let count = 0;
  for (const body of requests()) {
    const req = parseCompletionRequest({ ...body, stream: true }, [MODEL], true);
    const out = textCompletion(req, respond, 1, 4096);
    const ctx = { id: `cmpl-${count}`, created: 1_735_689_600 + count, model: 'a "quoted" model', request: req };
    const label = JSON.stringify(body);
    assert.equal(
      [...textCompletionPieces(ctx, out)].join(""),
      JSON.stringify(before.textCompletionBody(ctx, out)),
      label,
    );
    const list = textCompletionChunks(ctx, out);
    assert.deepEqual(
      Array.from({ length: list.length }, (_, k) => list.at(k)),
      before.textCompletionChunks(ctx, out),
      label,
    );
    assert.equal(list.at(list.length), undefined, label);
    count++;
  }
  assert.ok(count > 700, `${count} requests`);
});
