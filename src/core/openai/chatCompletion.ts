import type { ChatRequest } from "./chatRequest";
import { SYSTEM_FINGERPRINT } from "./ids";

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
function tokenLogprob(token: string, top: number): TokenLogprob {
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

function logprobsFor(pieces: string[], req: ChatRequest) {
  return req.logprobs ? { content: pieces.map((p) => tokenLogprob(p, req.topLogprobs)), refusal: null } : null;
}

/** The non-streaming `chat.completion` object. */
export function chatCompletion(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage) {
  return {
    id: ctx.id,
    object: "chat.completion" as const,
    created: ctx.created,
    model: ctx.model,
    choices: choices.map((c, index) => ({
      index,
      message: {
        role: "assistant" as const,
        content: c.content,
        refusal: null,
        ...(c.toolCalls.length
          ? {
              tool_calls: c.toolCalls.map((t) => ({
                id: t.id,
                type: "function" as const,
                function: { name: t.name, arguments: t.arguments },
              })),
            }
          : {}),
        annotations: [],
      },
      logprobs: logprobsFor(c.pieces, ctx.request),
      finish_reason: c.finishReason,
    })),
    usage,
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

// A reused (memoized) answer reuses its serialized choice: only the envelope changes per response.
const choiceTails = new WeakMap<GeneratedChoice, string>();

function choiceTail(c: GeneratedChoice, request: ChatRequest): string {
  // The common case by template: plain text, no logprobs. Same fields, same order as chatCompletion().
  if (!c.toolCalls.length && !request.logprobs)
    return `"message":{"role":"assistant","content":${JSON.stringify(c.content)},"refusal":null,"annotations":[]},"logprobs":null,"finish_reason":${JSON.stringify(c.finishReason)}}`;
  // The leading "{" is dropped for the index prefix.
  return JSON.stringify({
    message: {
      role: "assistant",
      content: c.content,
      refusal: null,
      ...(c.toolCalls.length
        ? {
            tool_calls: c.toolCalls.map((t) => ({
              id: t.id,
              type: "function",
              function: { name: t.name, arguments: t.arguments },
            })),
          }
        : {}),
      annotations: [],
    },
    logprobs: logprobsFor(c.pieces, request),
    finish_reason: c.finishReason,
  }).slice(1);
}

function choiceJson(c: GeneratedChoice, index: number, request: ChatRequest, reused: boolean): string {
  let tail = reused ? choiceTails.get(c) : undefined;
  if (tail === undefined) {
    tail = choiceTail(c, request);
    // Only answers that will be served again are worth the WeakMap entry.
    if (reused && !request.logprobs) choiceTails.set(c, tail);
  }
  return `{"index":${index},${tail}`;
}

const usageJson = (u: Usage) =>
  `{"prompt_tokens":${u.prompt_tokens},"completion_tokens":${u.completion_tokens},"total_tokens":${u.total_tokens},` +
  `"prompt_tokens_details":{"cached_tokens":${u.prompt_tokens_details.cached_tokens},"audio_tokens":${u.prompt_tokens_details.audio_tokens}},` +
  `"completion_tokens_details":{"reasoning_tokens":${u.completion_tokens_details.reasoning_tokens},"audio_tokens":${u.completion_tokens_details.audio_tokens},` +
  `"accepted_prediction_tokens":${u.completion_tokens_details.accepted_prediction_tokens},"rejected_prediction_tokens":${u.completion_tokens_details.rejected_prediction_tokens}}}`;

/**
 * `chatCompletion(...)` already serialized, byte for byte what JSON.stringify would give: the
 * hot path's response body, built without the intermediate object. `reused`: the choices may be
 * served again (a deterministic answer), so their JSON is kept with them.
 */
export function chatCompletionJson(
  ctx: CompletionContext,
  choices: GeneratedChoice[],
  usage: Usage,
  reused = false,
): string {
  let list = "";
  for (let i = 0; i < choices.length; i++) list += (i ? "," : "") + choiceJson(choices[i]!, i, ctx.request, reused);
  return (
    `{"id":${JSON.stringify(ctx.id)},"object":"chat.completion","created":${ctx.created},"model":${JSON.stringify(ctx.model)},` +
    `"choices":[${list}],"usage":${usageJson(usage)},"service_tier":"default","system_fingerprint":${JSON.stringify(SYSTEM_FINGERPRINT)}}`
  );
}

/**
 * Every `chat.completion.chunk` payload of a stream, in send order (without the `[DONE]` marker).
 * Choices interleave round-robin, as the real API does with n > 1. Each choice opens with a
 * role delta and closes with an empty delta carrying its finish_reason.
 */
export function chatCompletionChunks(ctx: CompletionContext, choices: GeneratedChoice[], usage: Usage): string[] {
  const { request } = ctx;
  // Serialize the envelope once; each chunk only splices in its choices (and usage).
  const head = `{"id":${JSON.stringify(ctx.id)},"object":"chat.completion.chunk","created":${ctx.created},"model":${JSON.stringify(ctx.model)},"service_tier":"default","system_fingerprint":"${SYSTEM_FINGERPRINT}","choices":`;
  const tail = request.includeUsage ? `,"usage":null}` : "}";
  const chunk = (index: number, delta: unknown, finish: string | null, logprobs: unknown = null) =>
    head +
    `[{"index":${index},"delta":${JSON.stringify(delta)},"logprobs":${JSON.stringify(logprobs)},"finish_reason":${finish === null ? "null" : `"${finish}"`}}]` +
    tail;

  const perChoice: string[][] = choices.map((c, index) => {
    const out: string[] = [];
    if (c.toolCalls.length) {
      c.toolCalls.forEach((t, ti) => {
        const first = { index: ti, id: t.id, type: "function", function: { name: t.name, arguments: "" } };
        out.push(
          chunk(
            index,
            ti === 0
              ? { role: "assistant", content: null, tool_calls: [first], refusal: null }
              : { tool_calls: [first] },
            null,
          ),
        );
        for (const frag of t.argumentPieces)
          out.push(chunk(index, { tool_calls: [{ index: ti, function: { arguments: frag } }] }, null));
      });
    } else {
      out.push(
        chunk(
          index,
          { role: "assistant", content: "", refusal: null },
          null,
          request.logprobs ? { content: [], refusal: null } : null,
        ),
      );
      for (const p of c.pieces) out.push(chunk(index, { content: p }, null, logprobsFor([p], request)));
    }
    out.push(chunk(index, {}, c.finishReason));
    return out;
  });

  const events: string[] = [];
  const longest = Math.max(...perChoice.map((c) => c.length));
  for (let i = 0; i < longest; i++) for (const c of perChoice) if (i < c.length) events.push(c[i]!);
  if (request.includeUsage) events.push(head + `[],"usage":${JSON.stringify(usage)}}`);
  return events;
}
