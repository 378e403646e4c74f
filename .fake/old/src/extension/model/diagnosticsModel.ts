import type { ConfigIssue } from "../../core";
import { isFileIssue } from "./startErrorActions";

/** A Problems-panel entry, vscode-free: 0-based positions as vscode.Range wants them. */
export interface DiagnosticModel {
  message: string;
  severity: "error" | "warning";
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * Groups file issues by file. Issues without a line mark the first line; with a line but no
 * column, the whole line (to a generous end column, which VS Code clamps).
 */
export function diagnosticsByFile(issues: readonly ConfigIssue[]): Map<string, DiagnosticModel[]> {
  const out = new Map<string, DiagnosticModel[]>();
  for (const issue of issues) {
    if (!isFileIssue(issue)) continue;
    const line = Math.max(0, (issue.line ?? 1) - 1);
    const col = issue.column !== undefined ? Math.max(0, issue.column - 1) : 0;
    const list = out.get(issue.file) ?? [];
    list.push({
      message: issue.key ? `${issue.key}: ${issue.message}` : issue.message,
      severity: issue.severity,
      startLine: line,
      startColumn: col,
      endLine: line,
      endColumn: issue.column !== undefined ? col + 1 : 1000,
    });
    out.set(issue.file, list);
  }
  return out;
}
