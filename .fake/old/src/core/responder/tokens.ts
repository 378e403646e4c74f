/**
 * Token counts and token pieces from the real tokenizer: o200k_base for the gpt-4o family (and
 * newer), cl100k_base for gpt-3.5, gpt-4 and the embedding/instruct models. `model` is optional
 * everywhere and defaults to the o200k family.
 */
import { decodePieces, encode, encodingForModel, type EncodingName } from "../tokenizer";
import type { ChatMessageIn } from "./types";

/** Exact token count of `text` for `model`'s vocabulary. */
export function countTokens(text: string, model?: string | null): number {
  return text ? encode(text, encodingForModel(model)).length : 0;
}

export interface TokenSplit {
  /** Streamable pieces, joined === the (possibly cut) text. One per token, except where a character spans tokens. */
  pieces: string[];
  /** Real tokens covered by `pieces`. */
  tokens: number;
  /** Whether `limit` cut the text short. */
  cut: boolean;
}

/**
 * Splits text at real token boundaries. A token that is only part of a UTF-8 character (emoji,
 * some CJK) is merged with the next ones until the piece is whole text, as the API's stream does.
 * With `limit`, keeps at most that many tokens (a character split at the limit is dropped whole).
 */
export function splitTokens(text: string, model?: string | null, limit = Infinity): TokenSplit {
  if (!text) return { pieces: [], tokens: 0, cut: false };
  const name: EncodingName = encodingForModel(model);
  const all = decodePieces(encode(text, name), name);
  const max = Math.max(0, Math.floor(limit));
  const pieces: string[] = [];
  let tokens = 0;
  for (const p of all) {
    if (tokens + p.tokens > max) return { pieces, tokens, cut: true };
    pieces.push(p.text);
    tokens += p.tokens;
  }
  return { pieces, tokens, cut: false };
}

/** Real token pieces of `text` (joined === text), at most `limit` tokens' worth. */
export function tokenize(text: string, limit = Infinity, model?: string | null): string[] {
  return splitTokens(text, model, limit).pieces;
}

/** Concatenated text parts of a message (non-text parts are ignored). */
export function messageText(content: ChatMessageIn["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  let out = "";
  for (const part of content) if (typeof part?.text === "string") out += (out ? "\n" : "") + part.text;
  return out;
}

/*
 * OpenAI's per-message chat accounting (the "How to count tokens with tiktoken" cookbook, for
 * gpt-3.5-turbo-0613 and later, gpt-4 and gpt-4o):
 *   prompt_tokens = 3                                   (every reply is primed with <|start|>assistant<|message|>)
 *                 + Σ over messages [ 3                 (<|start|>, <|message|>, <|end|>)
 *                                     + tokens(role) + tokens(content)
 *                                     + (name ? 1 + tokens(name) : 0) ]
 * Tool calls, tool ids, images and tool definitions follow below.
 */
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
// A low-detail image costs 85 tokens; a fair stand-in for any non-text part.
const NON_TEXT_PART = 85;
// Framing of one tool call in the prompt (id, type, braces) beyond its name and arguments.
const PER_TOOL_CALL = 8;

/**
 * Tokens of an assistant message's tool_calls: only each call's function name and arguments
 * strings count (they are what the model sees). Nothing is recursed into or stringified, so a
 * client's 100k-deep tool_calls cannot overflow the stack.
 */
function toolCallTokens(calls: unknown[], model?: string | null): number {
  let n = 0;
  for (const call of calls) {
    n += PER_TOOL_CALL;
    const fn = typeof call === "object" && call !== null ? (call as { function?: unknown }).function : undefined;
    if (typeof fn !== "object" || fn === null) continue;
    const { name, arguments: args } = fn as { name?: unknown; arguments?: unknown };
    if (typeof name === "string") n += countTokens(name, model);
    if (typeof args === "string") n += countTokens(args, model);
  }
  return n;
}

/** prompt_tokens of a chat request's messages, by the formula above. */
export function promptTokens(messages: ChatMessageIn[], model?: string | null): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + countTokens(m.role, model) + countTokens(messageText(m.content), model);
    if (Array.isArray(m.content)) for (const p of m.content) if (typeof p?.text !== "string") total += NON_TEXT_PART;
    if (m.name) total += PER_NAME + countTokens(m.name, model);
    if (Array.isArray(m.tool_calls)) total += toolCallTokens(m.tool_calls, model);
    if (m.tool_call_id) total += countTokens(m.tool_call_id, model);
  }
  return total;
}
