/** Task × language lookup over the per-family snippet tables (built once, at module load). */
import type { CodeLang } from "../intent";
import { C } from "./c";
import { CPP } from "./cpp";
import { CSHARP, SWIFT } from "./csharp-swift";
import { JAVASCRIPT, TYPESCRIPT } from "./js";
import { JAVA, KOTLIN } from "./jvm";
import { PYTHON } from "./python";
import { BASH, PHP, RUBY } from "./ruby-php-bash";
import { GO, RUST } from "./rust-go";
import type { LangTable, Snip, Task } from "./types";

export { detectTask, LABEL, NAME_TAIL, POINTS, POINTS_FOR, wantsStrings } from "./tasks";
export { sqlAnswer } from "./sql";
export type { Task } from "./types";

export const TABLES: Record<Exclude<CodeLang, "sql">, LangTable> = {
  python: PYTHON,
  typescript: TYPESCRIPT,
  javascript: JAVASCRIPT,
  go: GO,
  rust: RUST,
  java: JAVA,
  c: C,
  cpp: CPP,
  csharp: CSHARP,
  ruby: RUBY,
  php: PHP,
  kotlin: KOTLIN,
  swift: SWIFT,
  bash: BASH,
};

/** The snippet for a task, or null when this language has none (the caller then uses `generic`). */
export function snippetFor(task: Task, lang: Exclude<CodeLang, "sql">): Snip | null {
  const table = TABLES[lang];
  if (task === "max" || task === "min") return table.extreme ?? null;
  if (task === "generic") return table.generic;
  return table[task] ?? null;
}
