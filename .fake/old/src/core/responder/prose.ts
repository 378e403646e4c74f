/** Natural-language answers: greetings, help offers, explanations, general answers, summaries, translations. */
import type { Intent } from "./intent";
import * as P from "./phrases";
import type { Rng } from "./rng";
import { capitalize, keyTerms, topicOf } from "./words";

// Stand-ins when the question has too few content words to fill every slot.
const FILLER_TERMS = ["its underlying mechanism", "the surrounding context", "practical constraints"];

interface Slots {
  [k: string]: string;
}

function slotsFor(question: string): Slots {
  const topic = topicOf(question);
  const topicWords = new Set(topic.toLowerCase().split(/\s+/));
  const terms = keyTerms(question, 8).filter((t) => !topicWords.has(t));
  const [t1, t2, t3] = [0, 1, 2].map((i) => terms[i] ?? FILLER_TERMS[i] ?? "");
  return {
    topic,
    Topic: capitalize(topic),
    t1: t1!,
    t2: t2!,
    t3: t3!,
    T1: capitalize(t1!),
    T2: capitalize(t2!),
    T3: capitalize(t3!),
  };
}

const SLOT = /\{(\w+)\}/g;
function fill(template: string, slots: Slots): string {
  return template.replace(SLOT, (m, k: string) => slots[k] ?? m);
}

/** Picks `count` distinct entries, temperature-shaped. */
function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = items.slice();
  const out: T[] = [];
  while (out.length < count && pool.length) {
    const chosen = rng.pick(pool);
    out.push(chosen);
    pool.splice(pool.indexOf(chosen), 1);
  }
  return out;
}

function bullets(items: string[], numbered = false): string {
  return items.map((s, i) => (numbered ? `${i + 1}. ${s}` : `- ${s}`)).join("\n");
}

function greeting(rng: Rng): string {
  return `${rng.pick(P.GREETINGS)} ${rng.pick(P.GREETING_OFFERS)}`;
}

function help(question: string, rng: Rng): string {
  const m = /help(?: me)?(?: out)? (?:with|on|to|in) ([^.?!\n]{3,80})/i.exec(question);
  const subject = m?.[1]
    ? ` with ${m[1]
        .trim()
        .replace(/^(?:my|the)\s+/i, "your ")
        .replace(/^your your/, "your")}`
    : "";
  const s = slotsFor(question);
  return [
    fill(rng.pick(P.HELP_OPENERS), { ...s, subject }) + " " + rng.pick(P.HELP_ASKS),
    rng.pick(P.HELP_STEPS),
    rng.pick(P.HELP_CLOSERS),
  ].join("\n\n");
}

function explain(question: string, rng: Rng): string {
  const s = slotsFor(question);
  const points = pickSome(rng, P.KEY_POINTS, rng.int(3, 4)).map((p) => fill(p, s));
  return [
    fill(rng.pick(P.DEFINITIONS), s),
    `${rng.pick(P.KEY_POINT_HEADINGS)}\n\n${bullets(points)}`,
    fill(rng.pick(P.BODIES), s),
    fill(rng.pick(P.CLOSERS), s),
  ].join("\n\n");
}

function general(question: string, rng: Rng, listy: boolean): string {
  const s = slotsFor(question);
  const parts = [fill(rng.pick(P.OPENERS), s)];
  const bodies = pickSome(rng, P.BODIES, rng.int(1, 2)).map((b) => fill(b, s));
  parts.push(bodies[0]!);
  if (listy || rng.chance(0.5)) {
    const items = pickSome(rng, P.LIST_ITEMS, listy ? 5 : rng.int(3, 4)).map((i) => fill(i, s));
    parts.push(`${rng.pick(P.LIST_INTROS)}\n\n${bullets(items, listy)}`);
  }
  if (bodies[1]) parts.push(bodies[1]);
  parts.push(fill(rng.pick(P.CLOSERS), s));
  return parts.join("\n\n");
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** The text to work on: after the first colon or newline of the request, else the previous message. */
function payload(question: string, previous: string): string {
  const m = /[:\n]\s*([^]+)$/.exec(question);
  const body = m?.[1]?.trim().replace(/^["'“]|["'”]$/g, "");
  return body && body.length > 2 ? body : previous;
}

function summarize(question: string, previous: string, rng: Rng): string {
  const source = payload(question, previous);
  const sentences = sentencesOf(source);
  if (!sentences.length)
    return `${rng.pick(P.SUMMARY_INTROS)} there isn't any text to summarize yet. Paste the text you'd like summarized, and I'll condense it into the key points.`;
  const terms = keyTerms(source, 4);
  const lead = `The text discusses ${terms.length ? terms.join(", ") : "its subject"}, ${sentences.length > 1 ? "making a few connected points" : "in a single main point"}.`;
  const points = sentences.slice(0, 4).map((x) => (x.length > 140 ? `${x.slice(0, 137).trimEnd()}...` : x));
  return `${rng.pick(P.SUMMARY_INTROS)}\n\n**Summary:** ${lead}\n\n**Key points:**\n${bullets(points)}`;
}

function translate(question: string, previous: string, rng: Rng): string {
  const target =
    /\b(?:to|into|in) (french|spanish|german|italian|portuguese)\b/i.exec(question)?.[1]?.toLowerCase() ?? "spanish";
  const quoted = /["“']([^"”']{1,400})["”']/.exec(question)?.[1];
  const source =
    quoted ?? payload(question.replace(/^.*?\b(?:french|spanish|german|italian|portuguese)\b/i, ""), previous);
  const dict = P.DICTIONARY[target] ?? {};
  const out = source.replace(/[A-Za-z]+/g, (w) => {
    const t = dict[w.toLowerCase()];
    if (!t) return w;
    return w[0] === w[0]!.toUpperCase() ? capitalize(t) : t;
  });
  const intro = fill(rng.pick(P.TRANSLATION_INTROS), { lang: capitalize(target) });
  return `${intro}\n\n> ${out.trim() || "..."}\n\nLet me know if you'd like a more formal or informal version.`;
}

/** Prose answer for every intent except code. */
export function proseAnswer(intent: Intent, question: string, previous: string, rng: Rng): string {
  switch (intent) {
    case "greeting":
      return greeting(rng);
    case "thanks":
      return rng.pick(P.THANKS);
    case "farewell":
      return rng.pick(P.FAREWELLS);
    case "help":
      return help(question, rng);
    case "explain":
      return explain(question, rng);
    case "summarize":
      return summarize(question, previous, rng);
    case "translate":
      return translate(question, previous, rng);
    case "list":
      return general(question, rng, true);
    default:
      return general(question, rng, false);
  }
}

/** "Talk like a pirate" system prompts. */
export function piratify(text: string, rng: Rng): string {
  let out = text;
  for (const [re, to] of P.PIRATE) out = out.replace(re, to);
  return rng.pick(P.PIRATE_OPENERS) + out;
}
