import type { ChatRequest } from "./chatRequest";

interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

const encoder = new TextEncoder();

// Common o200k tokens that stand in as runner-up candidates. More than MAX_TOP_LOGPROBS so that,
// after dropping the chosen token, there are still enough distinct alternatives.
const ALTERNATIVES = [
  " the",
  " a",
  ",",
  ".",
  " and",
  " to",
  " of",
  " in",
  " is",
  " that",
  " for",
  " it",
  " with",
  " as",
  " on",
  " be",
  " this",
  " are",
  " or",
  " an",
  " can",
  "the",
  "\n",
  " I",
  " you",
];
// The API accepts top_logprobs 0..20.
const MAX_TOP_LOGPROBS = 20;

/** Plausible, deterministic log probabilities (most tokens are near-certain, a few are not). */
export function tokenLogprob(token: string, top: number): TokenLogprob {
  let h = 2166136261;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
  const u = ((h >>> 0) % 1000) / 1000;
  const logprob = -Math.round(u * u * u * 2.5 * 1e6) / 1e6;
  const bytes = [...encoder.encode(token)];
  const wanted = Math.min(Math.max(0, Math.floor(top)), MAX_TOP_LOGPROBS);
  const top_logprobs = wanted ? [{ token, logprob, bytes }] : [];
  // Walk the bank from a token-dependent offset: distinct, never the chosen token, deterministic.
  const start = (h >>> 3) % ALTERNATIVES.length;
  for (let k = 0; k < ALTERNATIVES.length && top_logprobs.length < wanted; k++) {
    const alt = ALTERNATIVES[(start + k) % ALTERNATIVES.length]!;
    if (alt === token) continue;
    const rank = top_logprobs.length;
    // Strictly decreasing and below the chosen token's logprob.
    const lp = Math.round((logprob - 2 - rank * 1.3) * 1e6) / 1e6;
    top_logprobs.push({ token: alt, logprob: lp, bytes: [...encoder.encode(alt)] });
  }
  return { token, logprob, bytes, top_logprobs };
}

/** The `logprobs` member of a choice: null unless the request asked for it. */
export function logprobsFor(pieces: string[], req: ChatRequest) {
  return req.logprobs ? { content: pieces.map((p) => tokenLogprob(p, req.topLogprobs)), refusal: null } : null;
}
