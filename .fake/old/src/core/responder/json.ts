/** JSON-mode answers: an object relevant to the question, shaped by any keys the prompt names. */
import type { Rng } from "./rng";
import { generate } from "./schema";
import type { JsonSchema } from "./types";
import { keyTerms, topicOf } from "./words";

const NUMERIC_KEY =
  /(?:^|_)(?:age|price|cost|amount|total|count|quantity|year|rating|score|number|confidence|population|temperature)$/;
const BOOLEAN_KEY = /^(?:is|has|can|should)_|(?:^|_)(?:valid|enabled|active|available|correct)$/;
const LIST_KEY = /(?:s|_list|items)$/;

/** Keys the prompt asks for: `"name"`, `name`, or "with keys/fields name, age and city". */
export function requestedKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/["`']([A-Za-z_][\w]{0,40})["`']\s*(?=[:,)\]]|\s+(?:and|or)\b|\s*$)/g)) keys.add(m[1]!);
  const listed =
    /\b(?:keys|fields|properties|attributes)\s*(?:called|named|:)?\s+([A-Za-z_][\w]*(?:\s*(?:,|and)\s*[A-Za-z_][\w]*){0,11})/i.exec(
      text,
    );
  if (listed?.[1]) for (const k of listed[1].split(/\s*(?:,|\band\b)\s*/)) if (k) keys.add(k);
  return [...keys].slice(0, 12);
}

function schemaForKey(key: string): JsonSchema {
  const k = key.toLowerCase();
  if (NUMERIC_KEY.test(k))
    return { type: /confidence|price|cost|amount|temperature/.test(k) ? "number" : "integer", minimum: 0 };
  if (BOOLEAN_KEY.test(k)) return { type: "boolean" };
  if (LIST_KEY.test(k) && k.length > 3 && !/(?:ss|us|status|address)$/.test(k))
    return { type: "array", items: { type: "string" }, minItems: 2, maxItems: 4 };
  return { type: "string" };
}

/** `plainAnswer` is the prose answer's first paragraph, without Markdown. */
export function jsonAnswer(instructions: string, question: string, plainAnswer: string, rng: Rng): string {
  const topic = topicOf(question);
  const terms = keyTerms(question, 6);
  const keys = requestedKeys(`${instructions}\n${question}`);
  if (keys.length) {
    const schema: JsonSchema = {
      type: "object",
      properties: Object.fromEntries(keys.map((k) => [k, schemaForKey(k)])),
    };
    return JSON.stringify(generate(schema, { rng, root: schema, topic, terms }));
  }
  const sentences = plainAnswer.split(/(?<=\.)\s+/).filter(Boolean);
  return JSON.stringify({
    answer: sentences[0] ?? plainAnswer,
    topic,
    key_points: sentences.length > 1 ? sentences.slice(1, 4) : [`${topic} is worth exploring in more depth.`],
    confidence: rng.int(80, 97) / 100,
  });
}

/** The prose paragraphs of a Markdown answer (no headings or lists), as plain text. */
export function plainText(markdown: string): string {
  const paragraphs = markdown.split("\n\n").filter((p) => !/^(?:#|- |\d+\. |>)/.test(p));
  return paragraphs
    .slice(0, 2)
    .join(" ")
    .replace(/\*\*|`/g, "")
    .trim();
}
