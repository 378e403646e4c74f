/**
 * A deterministic approximation of the o200k_base tokenizer: no vocabulary, just its
 * pre-tokenizer shape (words with a leading space, digits in groups of three, punctuation
 * runs, newlines), with long words split into ~4-character pieces the way BPE would.
 */
import type { ChatMessageIn } from "./types";

// Every alternative is anchored on a distinct leading character class, so no backtracking blow-up.
// The last alternative guarantees every character lands in some piece (join === input).
const PIECE =
  /'(?:s|t|re|ve|m|ll|d)(?![\p{L}])| ?[\p{L}\p{M}]+|\p{N}{1,3}| ?[^\s\p{L}\p{M}\p{N}]+|\s*\n+|\s+(?!\S)|\s+|[^]/gu;
const LONG_WORD = 8;
const CHUNK = 4;

function splitLong(piece: string, out: string[]): void {
  const lead = piece.charCodeAt(0) === 32 ? 1 : 0;
  if (piece.length - lead <= LONG_WORD || !/^ ?[\p{L}\p{M}]/u.test(piece)) {
    out.push(piece);
    return;
  }
  let i = 0;
  while (i < piece.length) {
    const end = i === 0 ? lead + CHUNK : i + CHUNK;
    out.push(piece.slice(i, end));
    i = end;
  }
}

/**
 * Splits text into token pieces; pieces.join("") === text. With `limit`, stops once it has at
 * least that many pieces (truncated answers need no more).
 */
export function tokenize(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  PIECE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = PIECE.exec(text)) !== null) splitLong(m[0], out);
  return out;
}

/** Deterministic approximation of o200k token count. */
export function countTokens(text: string): number {
  let n = 0;
  PIECE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PIECE.exec(text)) !== null) {
    const p = m[0];
    const len = p.charCodeAt(0) === 32 ? p.length - 1 : p.length;
    n += len > LONG_WORD && /^ ?[\p{L}\p{M}]/u.test(p) ? Math.ceil(len / CHUNK) : 1;
  }
  return n;
}

/** Concatenated text parts of a message (non-text parts are ignored). */
export function messageText(content: ChatMessageIn["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  let out = "";
  for (const part of content) if (typeof part?.text === "string") out += (out ? "\n" : "") + part.text;
  return out;
}

// OpenAI's documented accounting: 3 per message, 1 per name, 3 to prime the reply.
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
function toolCallTokens(calls: unknown[]): number {
  let n = 0;
  for (const call of calls) {
    n += PER_TOOL_CALL;
    const fn = typeof call === "object" && call !== null ? (call as { function?: unknown }).function : undefined;
    if (typeof fn !== "object" || fn === null) continue;
    const { name, arguments: args } = fn as { name?: unknown; arguments?: unknown };
    if (typeof name === "string") n += countTokens(name);
    if (typeof args === "string") n += countTokens(args);
  }
  return n;
}

export function promptTokens(messages: ChatMessageIn[]): number {
  let total = REPLY_PRIMING;
  for (const m of messages) {
    total += PER_MESSAGE + countTokens(m.role) + countTokens(messageText(m.content));
    if (Array.isArray(m.content)) for (const p of m.content) if (typeof p?.text !== "string") total += NON_TEXT_PART;
    if (m.name) total += PER_NAME + countTokens(m.name);
    if (Array.isArray(m.tool_calls)) total += toolCallTokens(m.tool_calls);
    if (m.tool_call_id) total += countTokens(m.tool_call_id);
  }
  return total;
}
