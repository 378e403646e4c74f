/** Code answers: short intro, a fenced block in the asked language, then a bulleted explanation. */
import {
  detectTask,
  LABEL,
  NAME_TAIL,
  POINTS,
  POINTS_FOR,
  snippetFor,
  sqlAnswer,
  TABLES,
  wantsStrings,
  type Task,
} from "./code/index";
import { detectLanguage, type CodeLang } from "./intent";
import type { Rng } from "./rng";
import { camel, capitalize, identParts, keyTerms, pascal, snake } from "./words";

export { detectTask, type Task } from "./code/index";

export interface Names {
  snake: string;
  camel: string;
  pascal: string;
}

const DISPLAY: Record<CodeLang, string> = {
  python: "Python",
  typescript: "TypeScript",
  javascript: "JavaScript",
  rust: "Rust",
  go: "Go",
  sql: "SQL",
  bash: "Bash",
  java: "Java",
  c: "C",
  cpp: "C++",
  csharp: "C#",
  ruby: "Ruby",
  php: "PHP",
  kotlin: "Kotlin",
  swift: "Swift",
};

// Words that name a language or the artefact itself; never part of a function name.
const NOT_NAME = new Set([
  "python",
  "typescript",
  "javascript",
  "rust",
  "golang",
  "sql",
  "bash",
  "shell",
  "java",
  "cpp",
  "csharp",
  "ruby",
  "php",
  "kotlin",
  "swift",
  "query",
  "method",
  "class",
  "node",
  "that",
  "returns",
  "return",
  "takes",
  "given",
  "line",
]);

// PHP function names are case-insensitive: "readFile" would redeclare the builtin readfile().
const PHP_BUILTINS = new Set([
  "readfile",
  "strrev",
  "strlen",
  "implode",
  "explode",
  "rsort",
  "usort",
  "ksort",
  "intdiv",
  "ucwords",
  "sprintf",
  "printf",
]);

const TASK = /\b(?:that|which|to|for|how (?:do|can|would|should) (?:i|you|we))\s+(.+)$/i;
const LANG_PHRASE =
  /\s+(?:in|using|with|for)\s+(?:python3?|typescript|javascript|js|ts|node\.?js|rust|go|golang|sql|mysql|postgres(?:ql)?|sqlite|bash|shell|zsh|java|c\+\+|cpp|c#|csharp|c|ruby|php|kotlin|swift)\b/gi;

/** "write a function in Python that reverses a string" -> { task: "reverses a string", link: "that" }. */
export function taskOf(question: string): { task: string; link: string } {
  const first = (question.split(/[?\n]/)[0] ?? question).replace(LANG_PHRASE, "").trim();
  const m = TASK.exec(first);
  const task = (m?.[1] ?? keyTerms(first, 4).join(" ")).replace(/[.!]+$/, "").trim() || "process the input";
  const link = m?.[0].toLowerCase().startsWith("for") ? "for" : "";
  return { task, link };
}

function namesFor(task: string, kind: Task): Names {
  // "fetches" -> "fetch" (identParts only drops a bare trailing "s").
  const words = task
    .split(/\s+/)
    .filter((w) => !NOT_NAME.has(w.toLowerCase()))
    .map((w) => w.replace(/^(\w+(?:ch|sh|ss|x|z))es$/i, "$1"));
  const parts = identParts(words.join(" "));
  // A lone word (sum, max, sort, main...) would shadow a builtin or keyword somewhere; qualify it.
  if (parts.length < 2 && parts[0] !== NAME_TAIL[kind]) parts.push(NAME_TAIL[kind]);
  return { snake: snake(parts), camel: camel(parts), pascal: pascal(parts) };
}

/** One line, no characters that could close or escape a comment/docstring in any of the languages. */
function commentSafe(text: string): string {
  return text
    .replace(/[`"'\\$*{}<>&]|\/\/|\/\*/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
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
  const d = commentSafe(`${capitalize(task)}.`);
  const Lang = DISPLAY[lang];
  const kind = lang === "sql" ? "query" : lang === "bash" ? "script" : "function";
  const intro = rng.pick(INTROS).replace("{Lang}", Lang).replace("{kind}", kind).replace("{purpose}", purpose);

  let code: string;
  let points: string[];
  if (lang === "sql") {
    ({ code, points } = sqlAnswer(question.split("\n")[0] ?? question, d));
  } else {
    // Task detection reads the whole first line: "javascript: check if a word is a palindrome".
    const firstLine = question.split("\n")[0] ?? question;
    const wanted = detectTask(firstLine);
    const snip = snippetFor(wanted, lang);
    const kindOf: Task = snip ? wanted : "generic";
    const names = namesFor(task, kindOf);
    let fn =
      lang === "csharp"
        ? names.pascal
        : ["python", "rust", "c", "cpp", "bash", "ruby"].includes(lang)
          ? names.snake
          : names.camel;
    if (lang === "php" && PHP_BUILTINS.has(fn.toLowerCase())) fn += capitalize(NAME_TAIL[kindOf]);
    const cls = lang === "csharp" ? `${names.pascal}Helper` : names.pascal;
    code = (snip ?? TABLES[lang].generic)({ f: fn, cls, d, max: wanted === "max", str: wantsStrings(firstLine) });
    const external = /\b(?:curl|jq)\b/.test(code) && lang === "bash" ? " apart from `curl`/`jq`" : "";
    const lead =
      kindOf === "generic"
        ? wanted === "generic"
          ? `\`${fn}\` is a ${LABEL.generic}: the signature, input check and usage are in place, and the core step is yours to fill in.`
          : `${Lang} has no standard-library ${LABEL[wanted]} support, so \`${fn}\` is a ${LABEL.generic} to build on with the library you already use.`
        : `\`${fn}\` is self-contained and needs nothing beyond the standard library${external}.`;
    points = [
      lead,
      ...(POINTS_FOR[`${lang}:${kindOf}`] ?? POINTS[kindOf]),
      "The example at the bottom shows how to call it.",
    ];
  }
  return `${intro}\n\n\`\`\`${lang}\n${code}\n\`\`\`\n\n${rng.pick(EXPLAIN_HEADINGS)}\n\n${points.map((p) => `- ${p}`).join("\n")}\n\n${rng.pick(CLOSERS)}`;
}
