import { readFileSync } from "node:fs";
import { builtInDefaultsPath } from "./packageRoot";
import type { ConfigIssue } from "./types";

const NON_FILE = ["env", "setting", "cli", "built-in"];

/** "path/to/file.toml:12:5: server.port: expected an integer 0-65535, got \"abc\"", leaving out unknown parts. */
export function describeIssue(issue: ConfigIssue): string {
  let where = issue.file;
  if (NON_FILE.includes(issue.file)) {
    if (issue.origin) where += ` ${issue.origin}`;
  } else if (issue.line !== undefined) {
    where += `:${issue.line}` + (issue.column !== undefined ? `:${issue.column}` : "");
  }
  return [where, issue.key, issue.message].filter((part) => part !== undefined && part !== "").join(": ");
}

/**
 * The built-in default.toml with every setting commented out, headers and comments kept:
 * a starting point for config/local.toml that changes nothing until a line is uncommented.
 */
export function defaultsAsCommentedToml(options: { builtInDefaultsFile?: string } = {}): string {
  const text = readFileSync(options.builtInDefaultsFile ?? builtInDefaultsPath(), "utf8");
  return text
    .split("\n")
    .map((line) => {
      const t = line.trim();
      return t === "" || t.startsWith("#") || t.startsWith("[") ? line : `# ${line}`;
    })
    .join("\n");
}
