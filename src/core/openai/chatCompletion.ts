import type { ChatRequest } from "./chatRequest";
import { SYSTEM_FINGERPRINT } from "./ids";
import { fixed, jsonString, objectWriter, type ObjectWriter } from "./jsonFields";
import { interleave, type ChunkList } from "./chunkList";
import { logprobsFor } from "./logprobs";

/** What the responder produced for one choice (structurally the responder's ChoiceOut). */
export interface GeneratedChoice {
  pieces: string[];
  content: string | null;
  toolCalls: Array<{ id: string; name: string; arguments: string; argumentPieces: string[] }>;
  finishReason: "stop" | "length" | "tool_calls";
  completionTokens: number;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export interface CompletionContext {
  id: string;
  created: number;
  /** The model name as the response reports it (the snapshot for aliases). */
  model: string;
  request: ChatRequest;
}

export function usageOf(promptTokens: number, choices: GeneratedChoice[]): Usage {
  const completion = choices.reduce((sum, c) => sum + c.completionTokens, 0);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * Applies `stop` sequences: the text ends before the first match, as the real API does.
 * `count` gives the real token count of the text that is still sent.
 */
export function applyStop(choice: GeneratedChoice, stop: string[], count?: (text: string) => number): GeneratedChoice {
  if (!stop.length || choice.content === null) return choice;
  let cut = -1;
  for (const s of stop) {
    const at = s ? choice.content.indexOf(s) : -1;
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  if (cut < 0) return choice;
  const pieces: string[] = [];
  let len = 0;
  for (const p of choice.pieces) {
    if (len + p.length > cut) {
      if (cut > len) pieces.push(p.slice(0, cut - len));
      break;
    }
    pieces.push(p);
    len += p.length;
  }
  const content = pieces.join("");
  return { ...choice, pieces, content, finishReason: "stop", completionTokens: count ? count(content) : pieces.length };
}

// The wire objects, each declared once as its members in order: the product writes from these
// lists (byte for byte what JSON.stringify of the same object gives; test/oracle holds the proof).

const num = (n: number) => String(n);
const str = jsonString;
const list = <T>(items: readonly T[], w: ObjectWriter<T>) => {
  let s = "[";
  for (let i = 0; i < items.length; i++) s += (i ? "," : "") + w.write(items[i]!);
  return s + "]";
};

type ToolCall = GeneratedChoice["toolCalls"][number];
const FUNCTION = objectWriter<ToolCall>([
  ["name", (t) => str(t.name)],
  ["arguments", (t) => str(t.arguments)],
]);
const TOOL_CALL = objectWriter<ToolCall>([
  ["id", (t) => str(t.id)],
  ["type", fixed("function")],
  ["function", (t) => FUNCTION.write(t)],
]);

const MESSAGE = objectWriter<GeneratedChoice>([
  ["role", fixed("assistant")],
  ["content", (c) => str(c.content)],
  ["refusal", fixed(null)],
  ["tool_calls", (c) => (c.toolCalls.length ? list(c.toolCalls, TOOL_CALL) : undefined)],
  ["annotations", fixed([])],
]);

interface ChoiceSource {
  index: number;
  choice: GeneratedChoice;
  request: ChatRequest;
}
const CHOICE = objectWriter<ChoiceSource>([
  ["index", (s) => num(s.index)],
  ["message", (s) => MESSAGE.write(s.choice)],
  ["logprobs", (s) => (s.request.logprobs ? JSON.stringify(logprobsFor(s.choice.pieces, s.request)) : "null")],
  ["finish_reason", (s) => str(s.choice.finishReason)],
]);

type Details<K extends keyof Usage> = Usage[K];
const PROMPT_DETAILS = objectWriter<Details<"prompt_tokens_details">>([
  ["cached_tokens", (d) => num(d.cached_tokens)],
  ["audio_tokens", (d) => num(d.audio_tokens)],
]);
const COMPLETION_DETAILS = objectWriter<Details<"completion_tokens_details">>([
  ["reasoning_tokens", (d) => num(d.reasoning_tokens)],
  ["audio_tokens", (d) => num(d.audio_tokens)],
  ["accepted_prediction_tokens", (d) => num(d.accepted_prediction_tokens)],
  ["rejected_prediction_tokens", (d) => num(d.rejected_prediction_tokens)],
]);
const USAGE = objectWriter<Usage>([
  ["prompt_tokens", (u) => num(u.prompt_tokens)],
  ["completion_tokens", (u) => num(u.completion_tokens)],
  ["total_tokens", (u) => num(u.total_tokens)],
  ["prompt_tokens_details", (u) => PROMPT_DETAILS.write(u.prompt_tokens_details)],
  ["completion_tokens_details", (u) => COMPLETION_DETAILS.write(u.completion_tokens_details)],
]);

/** An envelope's source: the context, the choices already written, and the usage (written, or left out). */
interface EnvelopeSource {
  ctx: CompletionContext;
  choices: string;
  usage: string | undefined;
}
const COMPLETION = objectWriter<EnvelopeSource>([
  ["id", (s) => str(s.ctx.id)],
  ["object", fixed("chat.completion")],
  ["created", (s) => num(s.ctx.created)],
  ["model", (s) => str(s.ctx.model)],
  ["choices", (s) => s.choices],
  ["usage", (s) => s.usage],
  ["service_tier", fixed("default")],
  ["system_fingerprint", fixed(SYSTEM_FINGERPRINT)],
]);
const CHUNK = objectWriter<EnvelopeSource>([
  ["id", (s) => str(s.ctx.id)],
  ["object", fixed("chat.completion.chunk")],
  ["created", (s) => num(s.ctx.created)],
  ["model", (s) => str(s.ctx.model)],
  ["service_tier", fixed("default")],
  ["system_fingerprint", fixed(SYSTEM_FINGERPRINT)],
  ["choices", (s) => s.choices],
  ["usage", (s) => s.usage],
]);

interface ChunkChoiceSource {
  index: number;
  delta: unknown;
  logprobs: unknown;
  finish: string | null;
}
const CHUNK_CHOICE = objectWriter<ChunkChoiceSource>([
  ["index", (s) => num(s.index)],
  ["delta", (s) => JSON.stringify(s.delta)],
  ["logprobs", (s) => JSON.stringify(s.logprobs)],
  ["finish_reason", (s) => str(s.finish)],
]);

// A reused (memoized) answer reuses its written choice: only the envelope changes per response.
const choiceTails = new WeakMap<GeneratedChoice, string>();
const CHOICE_HEAD = '{"index":';

function choiceJson(choice: GeneratedChoice, index: number, request: ChatRequest, reused: boolean): string {
  let tail = reused ? choiceTails.get(choice) : undefined;
  if (tail === undefined) {
    tail = CHOICE.after({ index, choice, request }, "index");
    // Only answers that will be served again are worth the WeakMap entry.
    if (reused && !request.logprobs) choiceTails.set(choice, tail);
  }
  return CHOICE_HEAD + index + tail;
}

/**
 * The `chat.completion` body. `reused`: the choices may be served again (a deterministic answer),
 * so their JSON is kept with them.
 */
export function chatCompletionJson(
  ctx: CompletionContext,
  choices: GeneratedChoice[],
  usage: Usage,
  reused = false,
): string {
  let written = "[";
  for (let i = 0; i < choices.length; i++) written += (i ? "," : "") + choiceJson(choices[i]!, i, ctx.request, reused);
  return COMPLETION.write({ ctx, choices: written + "]", usage: USAGE.write(usage) });
}

/**
 * The same text as chatCompletionJson, a choice a piece, each written when asked for: many choices
 * with logprobs run to tens of MB (n = 128 with top_logprobs 20: ~27 MB, ~0.8 s to write), which
 * sendJsonPieces sends as they are made.
 */
export function* chatCompletionPieces(
  ctx: CompletionContext,
  choices: GeneratedChoice[],
  usage: Usage,
  reused = false,
): Generator<string, void, undefined> {
  const envelope: EnvelopeSource = { ctx, choices: "", usage: USAGE.write(usage) };
  yield COMPLETION.through(envelope, "choices") + "[";
  for (let i = 0; i < choices.length; i++) yield (i ? "," : "") + choiceJson(choices[i]!, i, ctx.request, reused);
  yield "]" + COMPLETION.after(envelope, "choices");
}

/** Writes one stream's chunks: the envelope and each choice's opening are written once, a chunk splices in its delta. */
function chunkWriter(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage) {
  const { request } = ctx;
  const envelope: EnvelopeSource = { ctx, choices: "", usage: request.includeUsage ? "null" : undefined };
  const head = CHUNK.through(envelope, "choices") + "[";
  const tail = "]" + CHUNK.after(envelope, "choices");
  const opening = choices.map((_, index) => head + CHUNK_CHOICE.through({ index } as ChunkChoiceSource, "delta"));
  // The common chunk (no logprobs, no finish_reason) reuses one closing too.
  const plainClose = CHUNK_CHOICE.after({ logprobs: null, finish: null } as ChunkChoiceSource, "delta") + tail;
  const chunk = (index: number, delta: unknown, finish: string | null, logprobs: unknown = null) =>
    opening[index] +
    JSON.stringify(delta) +
    (finish === null && logprobs === null
      ? plainClose
      : CHUNK_CHOICE.after({ index, delta, logprobs, finish }, "delta") + tail);
  /** The last chunk when `stream_options.include_usage` asks for it: no choices, the usage. */
  const usageChunk = () => head + "]" + CHUNK.after({ ...envelope, usage: USAGE.write(usage) }, "choices");
  return { chunk, usageChunk };
}

const CHUNK_HEAD = CHUNK.throughFn("choices");
const FIRST_CHOICE_HEAD = CHUNK_CHOICE.through({ index: 0 } as ChunkChoiceSource, "delta");
const ROLE_DELTA = JSON.stringify({ role: "assistant", content: "", refusal: null });

/** What follows a chunk's delta without logprobs: constant per finish reason and include_usage. */
const closings = [new Map<string | null, string>(), new Map<string | null, string>()] as const;
function chunkClosing(finish: string | null, includeUsage: boolean): string {
  const kept = closings[includeUsage ? 1 : 0];
  let text = kept.get(finish);
  if (text === undefined) {
    const envelope = { usage: includeUsage ? "null" : undefined } as EnvelopeSource;
    text =
      CHUNK_CHOICE.after({ logprobs: null, finish } as ChunkChoiceSource, "delta") +
      "]" +
      CHUNK.after(envelope, "choices");
    kept.set(finish, text);
  }
  return text;
}

/**
 * The same chunks as `chatCompletionChunks`, for a stream to send, each written when it goes out, so
 * an open stream holds the chunks it sent, not its whole answer (n = 128 with top_logprobs 20 is
 * ~33 MB of chunks). One plain-text choice, the usual request, has a path of its own.
 */
export function chatCompletionChunkList(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage): ChunkList {
  const choice = choices[0];
  if (choices.length !== 1 || !choice || choice.toolCalls.length || ctx.request.logprobs)
    return interleavedChunks(ctx, choices, usage);
  const { pieces } = choice;
  const { includeUsage } = ctx.request;
  // Only what later chunks need stays reachable: the opening, the closing, the answer's pieces (shared
  // with the responder's pool) and the two last chunks, not the request. Only the opening (id,
  // created, model) is written per stream; the closings are constant text.
  const head = CHUNK_HEAD({ ctx, choices: "", usage: undefined }) + "[";
  const opening = head + FIRST_CHOICE_HEAD;
  const plainClose = chunkClosing(null, includeUsage);
  const first = opening + ROLE_DELTA + plainClose;
  const last = opening + "{}" + chunkClosing(choice.finishReason, includeUsage);
  const usageChunk = includeUsage
    ? head + "]" + CHUNK.after({ ctx, choices: "", usage: USAGE.write(usage) }, "choices")
    : null;
  const count = pieces.length + 2 + (usageChunk === null ? 0 : 1);
  return {
    length: count,
    at(i: number): string | undefined {
      if (i < 0 || i >= count) return undefined;
      if (i === 0) return first;
      if (i <= pieces.length) return opening + JSON.stringify({ content: pieces[i - 1] }) + plainClose;
      return i === pieces.length + 1 ? last : (usageChunk ?? undefined);
    },
  };
}

/**
 * Every `chat.completion.chunk` payload of a stream, in send order (without the `[DONE]` marker).
 * Choices interleave round-robin, as the real API does with n > 1. Each choice opens with a
 * role delta and closes with an empty delta carrying its finish_reason.
 */
export function chatCompletionChunks(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage): string[] {
  const list = interleavedChunks(ctx, choices, usage);
  return Array.from({ length: list.length }, (_, k) => list.at(k)!);
}

type ChunkWriter = ReturnType<typeof chunkWriter>["chunk"];

/** One choice's chunks, in order: tool calls written up front (they are short), text as asked for. */
function choiceChunks(index: number, c: GeneratedChoice, request: ChatRequest, chunk: ChunkWriter): ChunkList {
  if (c.toolCalls.length) {
    const out: string[] = [];
    c.toolCalls.forEach((t, ti) => {
      const first = { index: ti, id: t.id, type: "function", function: { name: t.name, arguments: "" } };
      out.push(
        chunk(
          index,
          ti === 0 ? { role: "assistant", content: null, tool_calls: [first], refusal: null } : { tool_calls: [first] },
          null,
        ),
      );
      for (const frag of t.argumentPieces)
        out.push(chunk(index, { tool_calls: [{ index: ti, function: { arguments: frag } }] }, null));
    });
    out.push(chunk(index, {}, c.finishReason));
    return { length: out.length, at: (j) => out[j] };
  }
  const { pieces } = c;
  return {
    length: pieces.length + 2,
    at(j) {
      if (j === 0)
        return chunk(
          index,
          { role: "assistant", content: "", refusal: null },
          null,
          request.logprobs ? { content: [], refusal: null } : null,
        );
      if (j <= pieces.length) {
        const p = pieces[j - 1]!;
        return chunk(index, { content: p }, null, logprobsFor([p], request));
      }
      return j === pieces.length + 1 ? chunk(index, {}, c.finishReason) : undefined;
    },
  };
}

/** All choices' chunks interleaved round-robin, then the usage chunk if asked for. */
function interleavedChunks(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage): ChunkList {
  const { chunk, usageChunk } = chunkWriter(ctx, choices, usage);
  const per = choices.map((c, index) => choiceChunks(index, c, ctx.request, chunk));
  return interleave(per, ctx.request.includeUsage ? usageChunk : null);
}
