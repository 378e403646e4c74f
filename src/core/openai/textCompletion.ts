/**
 * The legacy `text_completion` object and its SSE chunks (gpt-3.5-turbo-instruct). The words come
 * from the chat responder; an instruct model's reply starts after a blank line, as the real one's does.
 */
import { interleave, type ChunkList } from "./chunkList";
import type { RespondInput, RespondOutput } from "../responder/types";
import { decodePieces, encode, encodingForModel, vocabularySize } from "../tokenizer";
import { applyStop, type GeneratedChoice } from "./chatCompletion";
import { tokenLogprob } from "./logprobs";
import { INSTRUCT_CONTEXT_TOKENS, type CompletionRequest } from "./completionRequest";
import { ApiError } from "./errors";
import { base62 } from "./ids";

export const textCompletionId = () => "cmpl-" + base62(29);

export interface TextChoice {
  index: number;
  /** Echoed prompt pieces (empty without echo) and generated pieces: the text, token by token. */
  promptPieces: string[];
  /** Characters in the prompt: logprobs offsets count from its start. */
  promptLength: number;
  pieces: string[];
  finishReason: "stop" | "length";
  completionTokens: number;
}

export interface TextCompletionOut {
  choices: TextChoice[];
  promptTokens: number;
  completionTokens: number;
}

const LEAD = "\n\n";

/**
 * The mock's own limits on one legacy completion, so that one request cannot hold the server for
 * seconds or fill its memory (a 1 MB body holds 250,000 prompts): choices (prompts × n), and the
 * tokens it would write, echoed prompts included, weighted by logprobs' entries per token.
 */
export const MAX_COMPLETION_CHOICES = 2048;
export const MAX_REQUESTED_COMPLETION_TOKENS = 1_048_576;

const tooLarge = (message: string) =>
  new ApiError(400, message + " Split the request.", "invalid_request_error", null, "request_too_large");

/** Prompt text and its real token pieces; token-array prompts are checked against the vocabulary. */
function promptOf(
  p: CompletionRequest["prompts"][number],
  model: string,
): { text: string; pieces: string[]; tokens: number } {
  const name = encodingForModel(model);
  let ids: number[];
  if ("tokens" in p) {
    const vocab = vocabularySize(name);
    if (p.tokens.some((t) => t < 0 || t >= vocab))
      throw new ApiError(
        400,
        `Invalid token in 'prompt': token ids must be between 0 and ${vocab - 1}.`,
        "invalid_request_error",
        "prompt",
      );
    ids = p.tokens;
  } else ids = p.text ? encode(p.text, name) : [];
  const pieces = decodePieces(ids, name).map((x) => x.text);
  return { text: pieces.join(""), pieces, tokens: ids.length };
}

/** Every prompt tokenized, once the request is within the model's context and the mock's limits. */
function promptsWithinLimits(req: CompletionRequest, maxTokens: number): ReturnType<typeof promptOf>[] {
  const choices = req.prompts.length * req.n;
  if (choices > MAX_COMPLETION_CHOICES)
    throw tooLarge(
      `This request asks for ${choices} choices (${req.prompts.length} prompts × n=${req.n}); Mock GPT answers at most ${MAX_COMPLETION_CHOICES} in one request.`,
    );
  const prompts = req.prompts.map((p) => promptOf(p, req.model));
  let tokens = 0;
  for (const prompt of prompts) {
    if (prompt.tokens + maxTokens > INSTRUCT_CONTEXT_TOKENS)
      throw new ApiError(
        400,
        `This model's maximum context length is ${INSTRUCT_CONTEXT_TOKENS} tokens, however you requested ${prompt.tokens + maxTokens} tokens (${prompt.tokens} in your prompt; ${maxTokens} for the completion). Please reduce your prompt; or completion length.`,
        "invalid_request_error",
      );
    tokens += req.n * (Math.max(maxTokens, 1) + (req.echo ? prompt.tokens : 0));
  }
  const weight = req.logprobs == null ? 1 : 2 + req.logprobs;
  if (tokens * weight > MAX_REQUESTED_COMPLETION_TOKENS)
    throw tooLarge(
      `This request asks Mock GPT to write up to ${tokens} tokens (n × max_tokens per prompt${req.echo ? ", echoed prompts included" : ""})${weight > 1 ? `, each with ${req.logprobs} logprobs (weight ${weight})` : ""}; it writes at most ${MAX_REQUESTED_COMPLETION_TOKENS} weighted tokens in one request. Lower n, max_tokens${req.logprobs == null ? "" : ", logprobs"}${req.echo ? ", echo" : ""} or the number of prompts.`,
    );
  return prompts;
}

/**
 * Generates every choice: `n` per prompt, indexed prompt-major as the API does. `respond` is the
 * responder (memoized or not); `temperature` the configured default.
 */
export function textCompletion(
  req: CompletionRequest,
  respond: (input: RespondInput) => RespondOutput,
  temperature: number,
  maxTokensCap: number,
): TextCompletionOut {
  const count = (t: string) => (t ? encode(t, encodingForModel(req.model)).length : 0);
  const choices: TextChoice[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  const maxTokens = Math.min(req.maxTokens, maxTokensCap);
  const prompts = promptsWithinLimits(req, maxTokens);
  prompts.forEach((prompt, pi) => {
    promptTokens += prompt.tokens;
    let gens: GeneratedChoice[];
    if (maxTokens === 0)
      gens = Array.from({ length: req.n }, () => ({
        pieces: [],
        content: "",
        toolCalls: [],
        finishReason: "length" as const,
        completionTokens: 0,
      }));
    else {
      const out = respond({
        model: req.model,
        messages: [{ role: "user", content: prompt.text || "Write something." }],
        seed: req.seed,
        temperature: req.temperature ?? temperature,
        top_p: req.top_p,
        n: req.n,
        // One token goes to the leading blank line.
        maxTokens: maxTokens - 1,
      });
      gens = out.choices.map((c) => ({
        ...c,
        pieces: [LEAD, ...c.pieces],
        content: LEAD + (c.content ?? ""),
        completionTokens: c.completionTokens + 1,
      }));
    }
    gens.forEach((g, i) => {
      const c = applyStop(g, req.stop, count);
      completionTokens += c.completionTokens;
      choices.push({
        index: pi * req.n + i,
        promptPieces: req.echo ? prompt.pieces : [],
        promptLength: prompt.text.length,
        pieces: c.pieces,
        finishReason: c.finishReason === "length" ? "length" : "stop",
        completionTokens: c.completionTokens,
      });
    });
  });
  return { choices, promptTokens, completionTokens };
}

/** The legacy logprobs object for `pieces` starting at character `offset`; echoed prompt tokens first. */
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

export interface TextCompletionContext {
  id: string;
  created: number;
  model: string;
  request: CompletionRequest;
}

function usageOf(out: TextCompletionOut) {
  return {
    prompt_tokens: out.promptTokens,
    completion_tokens: out.completionTokens,
    total_tokens: out.promptTokens + out.completionTokens,
  };
}

/** One choice of the non-streaming `text_completion` object. */
function textChoice(c: TextChoice, request: CompletionRequest) {
  return {
    text: c.promptPieces.join("") + c.pieces.join(""),
    index: c.index,
    // Without echo, offsets still count from the start of the prompt.
    logprobs:
      request.logprobs === null
        ? null
        : legacyLogprobs(c.promptPieces, c.pieces, request.logprobs, request.echo ? 0 : c.promptLength),
    finish_reason: c.finishReason,
  };
}

const CHOICES = '"choices":[';

/**
 * The non-streaming `text_completion` object as JSON text, a choice a piece, each written when asked
 * for: 2,048 choices with logprobs run to ~15 MB and ~1.4 s of writing, which sendJsonPieces sends
 * as they are made.
 */
export function* textCompletionPieces(
  ctx: TextCompletionContext,
  out: TextCompletionOut,
): Generator<string, void, undefined> {
  const { request } = ctx;
  const envelope = JSON.stringify({
    id: ctx.id,
    object: "text_completion",
    created: ctx.created,
    model: ctx.model,
    choices: [],
    usage: usageOf(out),
  });
  // The first `"choices":[` is the key: a quote inside the id or model is escaped.
  const at = envelope.indexOf(CHOICES) + CHOICES.length;
  yield envelope.slice(0, at);
  for (let i = 0; i < out.choices.length; i++)
    yield (i ? "," : "") + JSON.stringify(textChoice(out.choices[i]!, request));
  yield envelope.slice(at);
}

/**
 * Every SSE payload of a streamed completion (without `[DONE]`), choices interleaved, each written
 * when it is sent (see ChunkList).
 */
export function textCompletionChunks(ctx: TextCompletionContext, out: TextCompletionOut): ChunkList {
  const { request } = ctx;
  const head = { id: ctx.id, object: "text_completion", created: ctx.created, model: ctx.model };
  const tail = request.includeUsage ? { usage: null } : {};
  const chunk = (index: number, text: string, logprobs: unknown, finish: string | null) =>
    JSON.stringify({ ...head, choices: [{ text, index, logprobs, finish_reason: finish }], ...tail });
  const per = out.choices.map((c) => choiceChunks(c, request, chunk));
  return interleave(
    per,
    request.includeUsage ? () => JSON.stringify({ ...head, choices: [], usage: usageOf(out) }) : null,
  );
}

/** One choice's events: its echoed prompt (if any), a piece each, then its finish_reason. */
function choiceChunks(
  c: TextChoice,
  request: CompletionRequest,
  chunk: (index: number, text: string, logprobs: unknown, finish: string | null) => string,
): ChunkList {
  const top = request.logprobs;
  const lp = (echoed: string[], pieces: string[], offset: number) =>
    top === null ? null : legacyLogprobs(echoed, pieces, top, offset);
  const echoed = c.promptPieces.length > 0 ? 1 : 0;
  const echoText = c.promptPieces.join("");
  // Logprob offsets count characters from the start of the prompt, echoed or not.
  const start = request.echo ? 0 : c.promptLength;
  const offsets = new Int32Array(c.pieces.length);
  let at = start + echoText.length;
  for (let i = 0; i < c.pieces.length; i++) {
    offsets[i] = at;
    at += c.pieces[i]!.length;
  }
  return {
    length: echoed + c.pieces.length + 1,
    at(j) {
      if (j < echoed) return chunk(c.index, echoText, lp(c.promptPieces, [], start), null);
      const p = j - echoed;
      if (p < c.pieces.length) return chunk(c.index, c.pieces[p]!, lp([], [c.pieces[p]!], offsets[p]!), null);
      return p === c.pieces.length ? chunk(c.index, "", null, c.finishReason) : undefined;
    },
  };
}
