// The legacy text_completion serializer as it was before answers were written a choice at a time
// (commit 04c9a0e): the differential test's oracle. Frozen: never edit it to make a test pass.
import type { TextCompletionContext, TextCompletionOut } from "../../src/core/openai/textCompletion";
import { tokenLogprob } from "../../src/core/openai/logprobs";

function legacyLogprobs(echoed: string[], pieces: string[], top: number, offset: number) {
  const tokens: string[] = [];
  const token_logprobs: Array<number | null> = [];
  const top_logprobs: Array<Record<string, number> | null> = [];
  const text_offset: number[] = [];
  let at = offset;
  const add = (p: string, first: boolean) => {
    const lp = tokenLogprob(p, top);
    tokens.push(p);
    // The API has no logprob for the very first token of a document.
    token_logprobs.push(first ? null : lp.logprob);
    top_logprobs.push(first ? null : Object.fromEntries(lp.top_logprobs.map((t) => [t.token, t.logprob])));
    text_offset.push(at);
    at += p.length;
  };
  echoed.forEach((p, i) => add(p, i === 0));
  for (const p of pieces) add(p, false);
  return { tokens, token_logprobs, top_logprobs, text_offset };
}

function usageOf(out: TextCompletionOut) {
  return {
    prompt_tokens: out.promptTokens,
    completion_tokens: out.completionTokens,
    total_tokens: out.promptTokens + out.completionTokens,
  };
}

/** The non-streaming `text_completion` object. */
export function textCompletionBody(ctx: TextCompletionContext, out: TextCompletionOut) {
  const { request } = ctx;
  return {
    id: ctx.id,
    object: "text_completion" as const,
    created: ctx.created,
    model: ctx.model,
    choices: out.choices.map((c) => ({
      text: c.promptPieces.join("") + c.pieces.join(""),
      index: c.index,
      // Without echo, offsets still count from the start of the prompt.
      logprobs:
        request.logprobs === null
          ? null
          : legacyLogprobs(c.promptPieces, c.pieces, request.logprobs, request.echo ? 0 : c.promptLength),
      finish_reason: c.finishReason,
    })),
    usage: usageOf(out),
  };
}

/** Every SSE payload of a streamed completion (without `[DONE]`), choices interleaved. */
export function textCompletionChunks(ctx: TextCompletionContext, out: TextCompletionOut): string[] {
  const { request } = ctx;
  const head = { id: ctx.id, object: "text_completion", created: ctx.created, model: ctx.model };
  const tail = request.includeUsage ? { usage: null } : {};
  const chunk = (index: number, text: string, logprobs: unknown, finish: string | null) =>
    JSON.stringify({ ...head, choices: [{ text, index, logprobs, finish_reason: finish }], ...tail });
  const per = out.choices.map((c) => {
    const events: string[] = [];
    let offset = request.echo ? 0 : c.promptLength;
    const lp = (echoed: string[], p: string[]) => {
      if (request.logprobs === null) return null;
      const l = legacyLogprobs(echoed, p, request.logprobs, offset);
      offset += [...echoed, ...p].join("").length;
      return l;
    };
    if (c.promptPieces.length) events.push(chunk(c.index, c.promptPieces.join(""), lp(c.promptPieces, []), null));
    for (const p of c.pieces) events.push(chunk(c.index, p, lp([], [p]), null));
    events.push(chunk(c.index, "", null, c.finishReason));
    return events;
  });
  const events: string[] = [];
  const longest = Math.max(0, ...per.map((e) => e.length));
  for (let i = 0; i < longest; i++) for (const e of per) if (i < e.length) events.push(e[i]!);
  if (request.includeUsage) events.push(JSON.stringify({ ...head, choices: [], usage: usageOf(out) }));
  return events;
}
