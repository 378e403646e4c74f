import { dirname, isAbsolute, relative, sep } from "node:path";
import * as vscode from "vscode";
import { describeIssue, loadConfig, type ConfigIssue, type LoadResult } from "../../core";
import { diagnosticsByFile } from "../model/diagnosticsModel";
import { settingOverrides } from "../model/settingsModel";
import type { Target } from "./workspaceTarget";

/** Loads configuration through the core and mirrors its issues into the Problems panel. */
export class ConfigService implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection("mockGpt");

  constructor(private readonly output: vscode.LogOutputChannel) {}

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
        `config: ${describeIssue(issue)}`,
      );
    return result;
  }

  private publish(issues: readonly ConfigIssue[]): void {
    this.diagnostics.clear();
    for (const [file, models] of diagnosticsByFile(issues)) {
      this.diagnostics.set(
        vscode.Uri.file(file),
        models.map((m) => {
          const d = new vscode.Diagnostic(
            new vscode.Range(m.startLine, m.startColumn, m.endLine, m.endColumn),
            m.message,
            m.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          d.source = "Mock GPT";
          return d;
        }),
      );
    }
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
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
