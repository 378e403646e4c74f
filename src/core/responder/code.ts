/** Code answers: short intro, a fenced block in the asked language, then a bulleted explanation. */
import { knownCode } from "./code-known";
import { TEMPLATES, type Names } from "./code-templates";
import { detectLanguage, type CodeLang } from "./intent";
import type { Rng } from "./rng";
import { camel, capitalize, identParts, keyTerms, pascal, snake } from "./words";

const DISPLAY: Record<CodeLang, string> = {
  python: "Python", typescript: "TypeScript", javascript: "JavaScript", rust: "Rust", go: "Go", sql: "SQL",
  bash: "Bash", java: "Java", c: "C", cpp: "C++", csharp: "C#", ruby: "Ruby", php: "PHP", kotlin: "Kotlin", swift: "Swift",
};

// Words that name a language or the artefact itself; never part of a function name.
const NOT_NAME = new Set([
  "python", "typescript", "javascript", "rust", "golang", "sql", "bash", "shell", "java", "cpp", "csharp", "ruby", "php",
  "kotlin", "swift", "query", "method", "class", "node", "that", "returns", "return", "takes", "given", "line",
]);

const TASK = /\b(?:that|which|to|for|how (?:do|can|would|should) (?:i|you|we))\s+(.+)$/i;
const LANG_PHRASE = /\s+(?:in|using|with|for)\s+(?:python3?|typescript|javascript|js|ts|node\.?js|rust|go|golang|sql|mysql|postgres(?:ql)?|sqlite|bash|shell|zsh|java|c\+\+|cpp|c#|csharp|c|ruby|php|kotlin|swift)\b/gi;

/** "write a function in Python that reverses a string" -> { task: "reverses a string", link: "that" }. */
export function taskOf(question: string): { task: string; link: string } {
  const first = (question.split(/[?\n]/)[0] ?? question).replace(LANG_PHRASE, "").trim();
  const m = TASK.exec(first);
  const task = (m?.[1] ?? keyTerms(first, 4).join(" ")).replace(/[.!]+$/, "").trim() || "process the input";
  const link = m?.[0].toLowerCase().startsWith("for") ? "for" : "";
  return { task, link };
}

function namesFor(task: string): Names {
  const parts = identParts(task.split(/\s+/).filter((w) => !NOT_NAME.has(w.toLowerCase())).join(" "));
  return { snake: snake(parts), camel: camel(parts), pascal: pascal(parts) };
}

const INTROS = [
  "Here's a {Lang} {kind} {purpose}:",
  "Sure! Below is a simple {Lang} {kind} {purpose}.",
  "You can do this in {Lang} with a small, self-contained {kind}. Here's one way {purpose}:",
  "Certainly! This {Lang} {kind} shows how {purpose}:",
];

const EXPLAIN_HEADINGS = ["### How it works", "### Explanation", "### Key points"];

const CLOSERS = [
  "You can adapt the core step to fit your exact requirements. Let me know if you'd like tests, error handling, or a version tuned for performance.",
  "Feel free to ask if you'd like me to extend this, add tests, or walk through any part in more detail.",
  "If your input looks different from this example, share a sample and I can adjust the code accordingly.",
];

function purposeOf(task: string, link: string): string {
  if (link) return `${link} ${task}`;
  const first = task.split(/\s+/)[0] ?? "";
  // "reverses a string" reads after "that"; "find the top 5" reads after "to".
  return /[^s]s$/.test(first) ? `that ${task}` : `to ${task}`;
}

export function codeAnswer(question: string, rng: Rng, fallback: CodeLang = "python"): string {
  const lang = detectLanguage(question) ?? fallback;
  const { task, link } = taskOf(question);
  const purpose = purposeOf(task, link);
  const description = `${capitalize(task)}.`;
  const Lang = DISPLAY[lang];
  const kind = lang === "sql" ? "query" : lang === "bash" ? "script" : "function";
  const intro = rng.pick(INTROS).replace("{Lang}", Lang).replace("{kind}", kind).replace("{purpose}", purpose);

  let code: string;
  let points: string[];
  if (lang === "sql") {
    const table = keyTerms(task, 8).find((w) => /^[a-z]{3,}s$/.test(w) && !NOT_NAME.has(w)) ?? "records";
    const limit = Number(/\b(\d{1,3})\b/.exec(task)?.[1] ?? 10);
    code = sqlTemplate(table, limit, description);
    points = [
      `The query reads from \`${table}\` and joins the related rows so each result can be aggregated.`,
      "`WHERE` narrows the data to the last 30 days; adjust the interval to match your needs.",
      "`GROUP BY` collapses the joined rows, and `ORDER BY ... DESC` puts the largest totals first.",
      `\`LIMIT ${limit}\` keeps only the top results.`,
    ];
  } else {
    const names = namesFor(task);
    const fn = lang === "csharp" ? names.pascal : ["python", "rust", "c", "cpp", "bash", "ruby"].includes(lang) ? names.snake : names.camel;
    const known = knownCode(task, lang, names);
    code = known?.code ?? TEMPLATES[lang](names, description);
    points = known ? [`\`${fn}\` is self-contained and needs nothing beyond the standard library.`, ...known.points] : rng.pick([
      [
        `\`${fn}\` takes the input collection and skips empty values so they don't affect the result.`,
        "Each remaining item is normalized before it is added to the output.",
        "The input is never modified; a new collection is returned instead.",
        "The example at the bottom shows how to call it.",
      ],
      [
        `**Input handling**: \`${fn}\` ignores empty entries up front, which keeps the main logic simple.`,
        "**Core logic**: a single pass over the items builds the result, so it runs in O(n) time.",
        "**Output**: the function returns a fresh collection and leaves the input untouched.",
      ],
    ]);
  }
  return `${intro}\n\n\`\`\`${lang}\n${code}\n\`\`\`\n\n${rng.pick(EXPLAIN_HEADINGS)}\n\n${points.map((p) => `- ${p}`).join("\n")}\n\n${rng.pick(CLOSERS)}`;
}

function sqlTemplate(table: string, limit: number, d: string): string {
  const joined = table === "orders" ? "order_items" : "orders";
  const fk = `${table.replace(/ies$/, "y").replace(/s$/, "")}_id`;
  return `-- ${d}
SELECT
    t.id,
    t.name,
    COUNT(j.id) AS related_count,
    SUM(j.total) AS total_amount
FROM ${table} AS t
LEFT JOIN ${joined} AS j ON j.${fk} = t.id
WHERE t.created_at >= CURRENT_DATE - INTERVAL '30 days'
GROUP BY t.id, t.name
ORDER BY total_amount DESC
LIMIT ${limit};`;
}
