// Config issues as the user reads them: workspace-relative paths instead of absolute ones, a
// squiggle under the whole offending key or value, and the "did you mean" fix as an edit.
import { isAbsolute, relative, sep } from "node:path";
import { defaultsAsCommentedToml, describeIssue, type ConfigIssue } from "../../core";
import { isFileIssue } from "./startErrorActions";

/** "config/local.toml" inside the root (posix separators), the path unchanged outside it; "built-in defaults" for the packaged file. */
export function relativeFile(file: string, root: string | null, builtInDefaultsFile?: string): string {
  if (builtInDefaultsFile && file === builtInDefaultsFile) return "built-in defaults";
  if (!root) return file;
  const rel = relative(root, file);
  return !rel || rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

/** describeIssue with the file relative to the workspace folder. */
export function describeRelative(issue: ConfigIssue, root: string | null, builtInDefaultsFile?: string): string {
  return describeIssue(
    isFileIssue(issue) ? { ...issue, file: relativeFile(issue.file, root, builtInDefaultsFile) } : issue,
  );
}

/**
 * The columns (0-based, end exclusive) a diagnostic should cover on its line: from the issue's
 * column to the end of the value, leaving out a trailing comment, so the squiggle is visible.
 */
export function issueSpan(lineText: string, column0: number): { start: number; end: number } {
  const start = Math.min(Math.max(0, column0), lineText.length);
  let end = lineText.length;
  let quote: string | null = null;
  for (let i = start; i < lineText.length; i++) {
    const ch = lineText[i]!;
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") {
      end = i;
      break;
    }
  }
  while (end > start && /\s/.test(lineText[end - 1]!)) end--;
  return end > start ? { start, end } : { start, end: Math.min(lineText.length, start + 1) };
}

/** An edit on one line: replace [start, end) with text. */
export interface LineEdit {
  start: number;
  end: number;
  text: string;
  title: string;
}

/**
 * The quick fix for a 'did you mean "y"' issue: the first quoted word of the message ("x", the
 * unknown key or value) replaced by "y" on the issue's line, searching from its column. None for
 * hints that need a move to another table ("keys go under their [server] table").
 */
export function didYouMeanEdit(message: string, lineText: string, column0: number): LineEdit | null {
  const m = /"([^"]+)"[^"]*?\(did you mean "([^"]+)"\?/.exec(message);
  if (!m || /keys go under/.test(message)) return null;
  const [, wrong, right] = m as unknown as [string, string, string];
  const from = Math.max(0, column0);
  const find = (needle: string) => {
    const i = lineText.indexOf(needle, from);
    return i >= 0 ? i : lineText.indexOf(needle);
  };
  // A value is quoted in the file; a key is bare (or quoted). Try the exact word as a token first.
  for (const needle of [`"${wrong}"`, `'${wrong}'`]) {
    const i = find(needle);
    if (i >= 0) return { start: i + 1, end: i + 1 + wrong.length, text: right, title: `Change to "${right}"` };
  }
  const re = new RegExp(`(^|[^A-Za-z0-9_-])(${wrong.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?![A-Za-z0-9_-])`, "g");
  re.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = re.exec(lineText))) {
    const i = hit.index + hit[1]!.length;
    if (i >= from || from >= lineText.length)
      return { start: i, end: i + wrong.length, text: right, title: `Change to "${right}"` };
  }
  return null;
}

/** The packaged defaults, commented out, under a header that says what this file is. */
export function localTomlSeed(label: string): string {
  const body = defaultsAsCommentedToml().replace(/^(#[^\n]*\n)+\n?/, "");
  return [
    `# ${label}: this workspace's Mock GPT settings, over the built-in defaults and test_scenarios.toml.`,
    "# Every setting below is commented out with its default value: uncomment a line to change it.",
    "# MOCK_GPT_<TABLE>_<KEY> environment variables and mockGpt.* settings still win over this file.",
    "",
    body,
  ].join("\n");
}
