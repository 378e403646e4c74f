/**
 * The responder decides WHAT the mock GPT-4o-mini says. Pure: no I/O, no timers.
 * Output is a function of (seed, request, choice index); unseeded requests at temperature > 0
 * draw fresh entropy so answers vary like the real model's.
 */
import { codeAnswer } from "./code";
import { classify } from "./intent";
import { jsonAnswer, plainText } from "./json";
import { piratify, proseAnswer } from "./prose";
import { freshSeed, Rng } from "./rng";
import { generate, MAX_STEPS, newBudget, type Budget } from "./schema";
import { safeStringify } from "./safeJson";
import { countTokens, messageText, promptTokens, splitTokens } from "./tokens";
import { buildToolCalls, chooseTools, toolResultAnswer } from "./tools";
import type { ChatMessageIn, ChoiceOut, RespondInput, RespondOutput, ToolCallOut } from "./types";
import { keyTerms, topicOf } from "./words";

export type {
  ChatMessageIn,
  ChoiceOut,
  JsonSchema,
  RespondInput,
  RespondOutput,
  ResponseFormat,
  ToolCallOut,
  ToolChoice,
  ToolDef,
} from "./types";
export { countTokens, messageText, promptTokens, splitTokens, tokenize, type TokenSplit } from "./tokens";
export { encodingForModel, loadedEncodings, type EncodingName } from "../tokenizer";
export { classify, detectLanguage, type CodeLang, type Intent } from "./intent";

// Regenerations tried when a choice duplicates an earlier one (n > 1).
const DEDUPE_ATTEMPTS = 4;
// Schema work shared by all choices and retries of one request (n=8 with dedupe retries would
// otherwise multiply a hostile schema's cost by 32). Ordinary schemas use a tiny fraction.
const STEPS_PER_REQUEST = 2 * MAX_STEPS;

const WANTS_JSON =
  /\b(?:respond|reply|answer|output|return|format)\b[^.\n]{0,40}\bjson\b|\bjson only\b|\bonly (?:valid )?json\b|\bin json\b/i;
const PIRATE = /\bpirate\b/i;
const CONCISE = /\b(?:concise|brief|briefly|one sentence|terse|short answers?)\b/i;
const ONE_SENTENCE = /\b(?:in )?(?:one|a single|1) (?:short |brief )?sentence\b/i;

function firstSentence(text: string): string {
  const end = text.indexOf("\n\n");
  const para = (end < 0 ? text : text.slice(0, end)).replace(/^(?:#+ |> |- |\d+\. )/, "");
  const m = /^.+?[.!?](?=\s|$)/.exec(para);
  return m ? m[0] : para;
}

interface Conversation {
  userText: string;
  previousText: string;
  instructions: string;
}

function conversationOf(messages: ChatMessageIn[]): Conversation {
  let userText = "",
    previousText = "",
    instructions = "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "user" && !userText) userText = messageText(m.content);
    else if (userText && !previousText && (m.role === "user" || m.role === "assistant"))
      previousText = messageText(m.content);
  }
  for (const m of messages)
    if (m.role === "system" || m.role === "developer") instructions += `${messageText(m.content)}\n`;
  return { userText, previousText, instructions };
}

/** `budget` records whether schema generation was cut short (the answer then ends with "length"). */
function textContent(input: RespondInput, conv: Conversation, rng: Rng, budget: Budget): string {
  const fmt = input.responseFormat;
  const last = input.messages[input.messages.length - 1];
  const { userText, previousText, instructions } = conv;
  if (fmt?.type === "json_schema" && fmt.json_schema.schema) {
    const schema = fmt.json_schema.schema;
    return JSON.stringify(
      generate(schema, { rng, root: schema, topic: topicOf(userText), terms: keyTerms(userText, 6), budget }),
    );
  }
  if (last?.role === "tool" || last?.role === "function") return toolResultAnswer(input.messages, rng);
  const intent = classify(userText);
  if (fmt?.type === "json_object" || fmt?.type === "json_schema" || WANTS_JSON.test(instructions)) {
    const prose = intent === "code" ? "" : plainText(proseAnswer(intent, userText, previousText, rng));
    return jsonAnswer(instructions, userText, prose, rng);
  }
  if (intent === "code") return codeAnswer(userText, rng);
  const brief = ONE_SENTENCE.test(userText);
  let text = proseAnswer(intent, brief ? userText.replace(ONE_SENTENCE, "") : userText, previousText, rng);
  if (CONCISE.test(instructions)) text = text.split("\n\n")[0] ?? text;
  // "…in one sentence" from the user: the first sentence, as a model asked for brevity would give.
  if (brief) text = firstSentence(text);
  if (PIRATE.test(instructions)) text = piratify(text, rng);
  return text;
}

function toolChoiceOut(calls: ToolCallOut[], input: RespondInput, cutShort: boolean): ChoiceOut {
  const { maxTokens } = input;
  // completion_tokens counts what is sent: the arguments' tokens.
  const natural = calls.reduce((n, c) => n + c.argumentTokens, 0);
  if (maxTokens == null || natural <= maxTokens) {
    // A named tool_choice ends with "stop" on the real API; "auto"/"required" with "tool_calls".
    const forced = typeof input.toolChoice === "object" && input.toolChoice !== null;
    const finishReason = cutShort ? "length" : forced ? "stop" : "tool_calls";
    return { pieces: [], content: null, toolCalls: calls, finishReason, completionTokens: natural };
  }
  // Truncated mid-arguments at a token boundary, as the real API does when max_tokens runs out.
  const kept: ToolCallOut[] = [];
  let budget = maxTokens;
  let used = 0;
  for (const c of calls) {
    const split = splitTokens(c.arguments, input.model, budget);
    kept.push({ ...c, arguments: split.pieces.join(""), argumentPieces: split.pieces, argumentTokens: split.tokens });
    budget -= split.tokens;
    used += split.tokens;
    if (budget <= 0) break;
  }
  return { pieces: [], content: null, toolCalls: kept, finishReason: "length", completionTokens: used };
}

function textChoiceOut(content: string, input: RespondInput, cutShort: boolean): ChoiceOut {
  const { maxTokens } = input;
  const split = splitTokens(content, input.model, maxTokens ?? Infinity);
  if (split.cut) {
    const cut = split.pieces;
    return {
      pieces: cut,
      content: cut.join(""),
      toolCalls: [],
      finishReason: "length",
      completionTokens: split.tokens,
    };
  }
  return {
    pieces: split.pieces,
    content,
    toolCalls: [],
    finishReason: cutShort ? "length" : "stop",
    completionTokens: split.tokens,
  };
}

function requestKey(input: RespondInput): string {
  return safeStringify([
    input.model,
    input.messages,
    input.responseFormat ?? null,
    input.tools ?? null,
    input.toolChoice ?? null,
    input.top_p ?? null,
  ]);
}

function extraPromptTokens(input: RespondInput): number {
  let n = 0;
  // Tool definitions and schemas are injected into the prompt by the real API.
  // safeStringify: a client schema nested deeper than the stack must not turn into a 500.
  if (input.tools?.length) n += countTokens(safeStringify(input.tools), input.model);
  const fmt = input.responseFormat;
  if (fmt?.type === "json_schema" && fmt.json_schema.schema)
    n += countTokens(safeStringify(fmt.json_schema.schema), input.model);
  return n;
}

export function respond(input: RespondInput): RespondOutput {
  const conv = conversationOf(input.messages);
  const base =
    input.seed != null
      ? `seed:${input.seed}|${requestKey(input)}`
      : input.temperature === 0
        ? `t0|${requestKey(input)}`
        : freshSeed();
  const n = Math.max(1, Math.floor(input.n || 1));
  const choices: ChoiceOut[] = [];
  const seen = new Set<string>();
  let steps = STEPS_PER_REQUEST;
  for (let i = 0; i < n; i++) {
    let choice: ChoiceOut | undefined;
    let sig = "";
    for (let attempt = 0; attempt < DEDUPE_ATTEMPTS; attempt++) {
      // Retries heat up so a duplicate choice is unlikely to repeat.
      const temperature = attempt === 0 ? input.temperature : Math.max(input.temperature, 1) + attempt * 0.5;
      const rng = new Rng(`${base}|${i}|${attempt}`, temperature, attempt === 0 ? input.top_p : 1);
      const tools = chooseTools(input, conv.userText);
      const budget = newBudget(input.maxTokens, steps);
      const before = budget.steps;
      choice = tools.length
        ? toolChoiceOut(buildToolCalls(tools, input, conv.userText, rng, budget), input, budget.exhausted)
        : textChoiceOut(textContent(input, conv, rng, budget), input, budget.exhausted);
      steps -= before - budget.steps;
      sig = choice.content ?? choice.toolCalls.map((c) => c.name + c.arguments).join("|");
      // A cut-short value would only be cut short again: no point retrying it for variety.
      if (!seen.has(sig) || budget.exhausted) break;
    }
    seen.add(sig);
    choices.push(choice!);
  }
  return { choices, promptTokens: promptTokens(input.messages, input.model) + extraPromptTokens(input) };
}
