/** Tool-call decisions, arguments that satisfy each function's parameters, and answers built from tool results. */
import type { Rng } from "./rng";
import { generate, newBudget, type Budget } from "./schema";
import { messageText, splitTokens } from "./tokens";
import type { ChatMessageIn, JsonSchema, RespondInput, ToolCallOut, ToolDef } from "./types";
import { keyTerms, topicOf, words } from "./words";
import { keyWords } from "./values";

const MAX_PARALLEL = 3;
const EMPTY_PARAMS: JsonSchema = { type: "object", properties: {} };

// Generic verbs and nouns in tool names that say nothing about the subject ("get", "data").
const WEAK = new Set([
  "get",
  "set",
  "fetch",
  "list",
  "create",
  "update",
  "delete",
  "find",
  "search",
  "run",
  "call",
  "data",
  "info",
  "information",
  "the",
  "and",
  "for",
  "current",
  "tool",
  "function",
  "given",
  "specified",
  "returns",
  "retrieve",
]);

const stem = (w: string): string =>
  w
    .toLowerCase()
    .replace(/(?:ies)$/, "y")
    .replace(/(?:ing|ed|es|s)$/, "");

function toolVocabulary(tool: ToolDef): { name: Set<string>; desc: Set<string> } {
  const name = new Set(
    keyWords(tool.function.name)
      .split(" ")
      .filter((w) => w.length > 2 && !WEAK.has(w))
      .map(stem),
  );
  const desc = new Set(
    keyTerms(tool.function.description ?? "", 12)
      .filter((w) => !WEAK.has(w))
      .map(stem),
  );
  return { name, desc };
}

function score(tool: ToolDef, messageStems: Set<string>): number {
  const { name, desc } = toolVocabulary(tool);
  let s = 0;
  for (const w of name) if (messageStems.has(w)) s += 2;
  for (const w of desc) if (messageStems.has(w)) s += 1;
  return s;
}

const NOT_PLACE = new Set([
  "I",
  "What",
  "What's",
  "How",
  "Can",
  "Could",
  "Would",
  "Is",
  "Are",
  "Please",
  "Tell",
  "Show",
  "Give",
  "Get",
  "The",
  "Hi",
  "Hello",
  "Hey",
  "Do",
  "Does",
  "Will",
  "Should",
  "Find",
  "Check",
  "Look",
  "And",
  "Also",
  "Today",
  "Tomorrow",
  "Thanks",
]);
const CAPITALIZED = /\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*/gu;

/** Capitalized names in the message. Sentence-initial words ("Compare", "What") count only if nothing else does. */
export function placesIn(text: string): string[] {
  const inner: string[] = [];
  const initial: string[] = [];
  for (const m of text.matchAll(CAPITALIZED)) {
    const atStart = m.index === 0 || /[.!?:]\s*$/.test(text.slice(0, m.index));
    const parts = m[0].split(/\s+/).filter((p) => !NOT_PLACE.has(p));
    if (atStart) parts.shift();
    const name = parts.join(" ");
    if (name && !inner.includes(name)) inner.push(name);
    if (atStart && !NOT_PLACE.has(m[0].split(/\s+/)[0]!)) initial.push(m[0].split(/\s+/)[0]!);
  }
  return inner.length ? inner : initial;
}

const PLACE_KEY = /\b(?:location|city|place|destination|town|region|address|origin|where)\b/;
const TEXT_KEY = /\b(?:query|q|search|keywords?|topic|prompt|question|text|input|term)\b/;

function hintFor(userText: string, place: string | undefined): (key: string) => string | undefined {
  return (key) => {
    const k = keyWords(key);
    if (place && PLACE_KEY.test(k)) return place;
    if (TEXT_KEY.test(k)) return topicOf(userText);
    return undefined;
  };
}

/** Which tools to call now; [] means answer in text. */
export function chooseTools(input: RespondInput, userText: string): ToolDef[] {
  const tools = input.tools ?? [];
  const choice = input.toolChoice ?? (tools.length ? "auto" : "none");
  if (!tools.length || choice === "none") return [];
  if (typeof choice === "object") {
    const named = tools.find((t) => t.function.name === choice.function.name);
    return [named ?? { type: "function", function: { name: choice.function.name } }];
  }
  const last = input.messages[input.messages.length - 1];
  // A tool result (or assistant turn) last means the model should now speak, unless forced.
  if (choice === "auto" && last?.role !== "user") return [];
  const stems = new Set(words(userText).map(stem));
  const scored = tools
    .map((t) => ({ t, s: score(t, stems) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s);
  if (!scored.length) return choice === "required" ? [tools[0]!] : [];
  if (input.parallelToolCalls === false) return [scored[0]!.t];
  const best = scored[0]!.s;
  return scored
    .filter((x) => x.s * 2 >= best)
    .slice(0, MAX_PARALLEL)
    .map((x) => x.t);
}

/** One `budget` covers all calls of a choice, so parallel calls cannot multiply the output cap. */
export function buildToolCalls(
  chosen: ToolDef[],
  input: RespondInput,
  userText: string,
  rng: Rng,
  budget: Budget = newBudget(input.maxTokens),
): ToolCallOut[] {
  const places = placesIn(userText);
  const terms = keyTerms(userText, 6);
  const topic = topicOf(userText);
  const calls: ToolCallOut[] = [];
  for (const tool of chosen) {
    const params = tool.function.parameters ?? EMPTY_PARAMS;
    const takesPlace = Object.keys((params.properties as JsonSchema | undefined) ?? {}).some((k) =>
      PLACE_KEY.test(keyWords(k)),
    );
    // "weather in Paris and Tokyo" -> one call per place, as parallel tool calls do.
    const targets =
      takesPlace && input.parallelToolCalls !== false && places.length > 1
        ? places.slice(0, MAX_PARALLEL)
        : [places[0]];
    for (const place of targets) {
      if (calls.length >= MAX_PARALLEL) break;
      const args = JSON.stringify(
        generate(params, { rng, root: params, topic, terms, hint: hintFor(userText, place), budget }),
      );
      const split = splitTokens(args, input.model);
      calls.push({
        id: `call_${rng.base62(24)}`,
        name: tool.function.name,
        arguments: args,
        argumentPieces: split.pieces,
        argumentTokens: split.tokens,
      });
    }
  }
  return calls;
}

const RESULT_INTROS = [
  "Based on the results from `{name}`, here's what I found:",
  "Here's what `{name}` returned:",
  "I checked with `{name}`. Here are the details:",
];
const RESULT_CLOSERS = [
  "Let me know if you'd like me to look up anything else.",
  "Is there anything else you'd like to know?",
  "If you need more detail on any of this, just ask.",
];

// Tool results are client JSON: slice before recursing, and stop at a shallow depth.
function describe(value: unknown, depth = 0): string {
  if (value === null || typeof value !== "object") return String(value);
  if (depth >= 4) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value))
    return value
      .slice(0, 5)
      .map((v) => describe(v, depth + 1))
      .join(", ");
  return Object.keys(value)
    .slice(0, 4)
    .map((k) => `${k}: ${describe((value as Record<string, unknown>)[k], depth + 1)}`)
    .join("; ");
}

/** Text answer built from the trailing tool messages, naming the tool that produced each. */
export function toolResultAnswer(messages: ChatMessageIn[], rng: Rng): string {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role === "tool") start--;
  const results = messages.slice(start);
  const names = new Map<string, string>();
  for (const m of messages) {
    for (const call of (m.tool_calls ?? []) as Array<{ id?: string; function?: { name?: string } }>) {
      if (call?.id && call.function?.name) names.set(call.id, call.function.name);
    }
  }
  const sections = results.map((m) => {
    const name = (m.tool_call_id && names.get(m.tool_call_id)) || m.name || "the tool";
    const raw = messageText(m.content).trim();
    let body: string;
    try {
      const parsed: unknown = JSON.parse(raw);
      body =
        parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
          ? Object.entries(parsed)
              .slice(0, 8)
              .map(([k, v]) => `- **${keyWords(k)}**: ${describe(v)}`)
              .join("\n")
          : `- ${describe(parsed)}`;
    } catch {
      body = raw ? `> ${raw.length > 400 ? `${raw.slice(0, 397)}...` : raw}` : "- (no output)";
    }
    return `${rng.pick(RESULT_INTROS).replace("{name}", name)}\n\n${body}`;
  });
  return `${sections.join("\n\n")}\n\n${rng.pick(RESULT_CLOSERS)}`;
}
