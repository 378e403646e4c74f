import { readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, sep } from "node:path";
import * as vscode from "vscode";
import { loadConfig, type ConfigIssue, type LoadResult } from "../../core";
import { builtInDefaultsPath } from "../../core/config/packageRoot";
import { describeRelative, didYouMeanEdit, issueSpan } from "../model/configMessages";
import { diagnosticsByFile } from "../model/diagnosticsModel";
import { settingOverrides } from "../model/settingsModel";
import type { Target } from "./workspaceTarget";

const SOURCE = "Mock GPT";

/**
 * Loads configuration through the core, mirrors its issues into the Problems panel (cleared on the
 * next clean load), and offers each "did you mean" as a quick fix.
 */
export class ConfigService implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection("mockGpt");
  private readonly quickFixes = vscode.languages.registerCodeActionsProvider(
    { scheme: "file", pattern: "**/*.toml" },
    { provideCodeActions: (doc, _range, ctx) => didYouMeanActions(doc, ctx.diagnostics) },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );

  constructor(private readonly output: vscode.LogOutputChannel) {}

  /** An issue as the user reads it: its file relative to the workspace folder. */
  describe(issue: ConfigIssue, target: { projectDir: string | null }): string {
    return describeRelative(issue, target.projectDir, builtInDefaultsPath());
  }

  load(target: Target): LoadResult {
    const result = loadConfig({
      projectDir: target.projectDir,
      ...(target.configDir ? { configDir: target.configDir } : {}),
      env: process.env,
      overrides: settingOverrides(target.settings, target.certDirOverride),
    });
    const issues = result.ok ? result.loaded.warnings : [...result.errors, ...result.warnings];
    this.publish(issues);
    for (const issue of issues)
      (issue.severity === "error" ? this.output.error : this.output.warn).call(
        this.output,
        `config: ${this.describe(issue, target)}`,
      );
    return result;
  }

  private publish(issues: readonly ConfigIssue[]): void {
    this.diagnostics.clear();
    for (const [file, models] of diagnosticsByFile(issues)) {
      const lines = readLines(file);
      this.diagnostics.set(
        vscode.Uri.file(file),
        models.map((m) => {
          // The core knows where the key starts; underline the whole "key = value" (not one character).
          const text = lines[m.startLine];
          const span = text !== undefined ? issueSpan(text, m.startColumn) : { start: m.startColumn, end: m.endColumn };
          const d = new vscode.Diagnostic(
            new vscode.Range(m.startLine, span.start, m.startLine, span.end),
            m.message,
            m.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          d.source = SOURCE;
          return d;
        }),
      );
    }
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.quickFixes.dispose();
  }
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split(/\r?\n/);
  } catch {
    return [];
  }
}

function didYouMeanActions(doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE) continue;
    const line = d.range.start.line;
    if (line >= doc.lineCount) continue;
    const edit = didYouMeanEdit(d.message, doc.lineAt(line).text, d.range.start.character);
    if (!edit) continue;
    const action = new vscode.CodeAction(edit.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.isPreferred = true;
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, new vscode.Range(line, edit.start, line, edit.end), edit.text);
    actions.push(action);
  }
  return actions;
}

/**
 * Watches <configDir>/*.toml (and saves of those files) and calls onChange, debounced so one save
 * that fires both the watcher and onDidSaveTextDocument reloads once.
 */
export class ConfigWatcher implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  private dir: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly saveListener: vscode.Disposable;

  constructor(private readonly onChange: () => void) {
    this.saveListener = vscode.workspace.onDidSaveTextDocument((doc) => {
      if (
        this.dir &&
        doc.uri.scheme === "file" &&
        doc.uri.fsPath.endsWith(".toml") &&
        dirname(doc.uri.fsPath) === this.dir
      )
        this.fire();
    });
  }

  /**
   * (Re)targets the watcher; null stops watching. Inside the workspace folder the pattern is
   * relative to the folder, so a config/ folder created later is still seen.
   */
  watch(dir: string | null, folder: vscode.Uri | null = null): void {
    if (dir === this.dir) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.dir = dir;
    if (!dir) return;
    const rel = folder ? relative(folder.fsPath, dir) : "..";
    const inside = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
    const pattern = inside
      ? new vscode.RelativePattern(folder!, `${rel.split(sep).join("/")}/*.toml`)
      : new vscode.RelativePattern(vscode.Uri.file(dir), "*.toml");
    const w = vscode.workspace.createFileSystemWatcher(pattern);
    w.onDidChange(() => this.fire());
    w.onDidCreate(() => this.fire());
    w.onDidDelete(() => this.fire());
    this.watcher = w;
  }

  private fire(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, 200);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.dispose();
    this.saveListener.dispose();
  }
}
