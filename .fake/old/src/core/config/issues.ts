import { locate } from "./locate";
import type { ConfigIssue } from "./types";

/** Where the values being checked came from, so issues can point at them. */
export interface IssueContext {
  /** File path, or "env" / "setting" / "cli". */
  file: string;
  /** Env variable, setting or flag name, for non-file sources. */
  origin?: string;
  /** The file's text, to find line/column of keys. */
  text?: string;
}

/** Builds an issue about `key`, positioned at `at` (a dotted key or table path) when the text has it. */
export function makeIssue(
  ctx: IssueContext,
  severity: ConfigIssue["severity"],
  key: string | undefined,
  message: string,
  at = key,
): ConfigIssue {
  const issue: ConfigIssue = { file: ctx.file, message, severity };
  if (key !== undefined) issue.key = key;
  if (ctx.origin !== undefined) issue.origin = ctx.origin;
  const pos = ctx.text !== undefined && at !== undefined ? locate(ctx.text, at) : undefined;
  if (pos) {
    issue.line = pos.line;
    issue.column = pos.column;
  }
  return issue;
}

export function isTable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
