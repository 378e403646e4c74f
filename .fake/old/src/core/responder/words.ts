/** Small text helpers: key terms, topic phrases and identifier casing. */

const STOP = new Set(
  (
    "a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being " +
    "do does did doing have has had having i me my we our you your he she it its they them their this that these those " +
    "what which who whom whose when where why how can could would should will shall may might must please tell explain " +
    "describe give show write create make generate implement build need want help like just some any all also more most " +
    "very really so not no yes than too use using used get there here out up down over under again once only own same " +
    "other such both each few many much function code program script snippet example simple quick way know let lets " +
    "thing things something anything im i'm it's what's whats does work works define meaning mean"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'+#-]*/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Content words in order of appearance, lower-cased, unique. */
export function keyTerms(text: string, max = 6): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const lw = w.toLowerCase();
    if (lw.length < 3 || STOP.has(lw) || out.includes(lw)) continue;
    out.push(lw);
    if (out.length >= max) break;
  }
  return out;
}

const TOPIC_LEAD =
  /^(?:(?:hey|hi|ok|okay|so|please)[,!.]?\s+)*(?:(?:can|could|would) you\s+)?(?:please\s+)?(?:what(?:'s| is| are| was| were)|who(?:'s| is| was| are)|explain(?: to me)?|describe|define|tell me (?:about|what)|give me an? (?:overview|summary|explanation) of|how (?:does|do|did|is|are|can|to)|why (?:is|are|do|does|did)|what do you know about)\s+/i;
const TOPIC_TAIL = /\s+(?:work|works|mean|means|happen|happens)$/i;
const ARTICLE = /^(?:the|a|an)\s+/i;

const LIST_LEAD =
  /^(?:(?:can|could) you )?(?:give me|list|suggest|share|what are)\s+(?:some|a few|\d+|the best|good|a list of)?\s*(?:tips|ideas|ways|examples|suggestions|steps|reasons|benefits)\s+(?:for|on|to|about|of)\s+/i;
// "why is the sky blue" -> "why the sky is blue"
const WHY = /^why (is|are|was|were|do|does|did) (?:(the|a|an|my|your|this) )?(\S+) (.+)$/i;

/** The thing being asked about, as a short phrase ("quantum computing"), or key terms. */
export function topicOf(question: string): string {
  const firstSentence = question.split(/[?\n]|\.\s/)[0] ?? question;
  let t = firstSentence.trim().replace(/[.!?]+$/, "");
  const why = WHY.exec(t);
  if (why && words(t).length <= 10) {
    const [, verb, det, noun, rest] = why;
    const aux = /^d/i.test(verb!) ? "" : ` ${verb!.toLowerCase()}`;
    return `why ${det ? `${det.toLowerCase()} ` : ""}${noun}${aux} ${rest}`;
  }
  const listed = t.replace(LIST_LEAD, "");
  if (listed !== t && words(listed).length <= 6) return listed;
  const stripped = t.replace(TOPIC_LEAD, "");
  if (stripped !== t) {
    t = stripped.replace(TOPIC_TAIL, "").replace(ARTICLE, "");
    const n = words(t).length;
    if (n > 0 && n <= 6) return t;
  }
  const terms = keyTerms(question, 3);
  return terms.length ? terms.join(" ") : "this topic";
}

export function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Lower-case ASCII identifier parts from free text ("reverses a string" -> ["reverse", "string"]). */
export function identParts(text: string, max = 3): string[] {
  const parts: string[] = [];
  for (const t of keyTerms(text, 12)) {
    const ascii = t.normalize("NFKD").replace(/[^a-z0-9]/g, "");
    if (!ascii || /^\d/.test(ascii)) continue;
    // Verbs read better in imperative form: "reverses" -> "reverse", "sorting" -> "sort".
    const base = parts.length === 0 ? ascii.replace(/(?<=[^s])s$/, "").replace(/ing$/, "") : ascii;
    parts.push(base.length >= 3 ? base : ascii);
    if (parts.length >= max) break;
  }
  return parts.length ? parts : ["process", "items"];
}

export const snake = (p: string[]): string => p.join("_");
export const camel = (p: string[]): string => p.map((w, i) => (i ? capitalize(w) : w)).join("");
export const pascal = (p: string[]): string => p.map(capitalize).join("");
export const kebab = (p: string[]): string => p.join("-");

/** Joins terms as English: "a", "a and b", "a, b, and c". */
export function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}
