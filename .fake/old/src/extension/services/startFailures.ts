import { dirname, isAbsolute, relative } from "node:path";
import * as vscode from "vscode";
import { type ConfigIssue, type LoadedConfig, type ServerStartError } from "../../core";
import {
  isFileIssue,
  planForConfigErrors,
  planForStartError,
  validatePortInput,
  FIX_TITLES,
  type FixId,
  type FixPlan,
} from "../model/startErrorActions";
import type { CertificateService } from "./certificateService";
import type { ConfigService } from "./configService";
import type { Target, WorkspaceTarget } from "./workspaceTarget";

/** Turns start and config failures into a message whose buttons fix them. */
export class StartFailures {
  constructor(
    private readonly targets: WorkspaceTarget,
    private readonly certs: CertificateService,
    private readonly output: vscode.LogOutputChannel,
    private readonly config: ConfigService,
  ) {}

  /** Returns true when a fix was applied and starting again makes sense. */
  async handle(err: ServerStartError, target: Target, loaded: LoadedConfig): Promise<boolean> {
    const certDir = dirname(loaded.config.tls.cert_path);
    const plan = planForStartError(err, this.targets.label(certDir, target));
    switch (await ask(plan)) {
      case "generateCertificates":
        return this.certs.generate(certDir, this.targets.label(certDir, target), target.folder, {
          deferGitignore: true,
        });
      case "useAnotherPort":
        return this.askForPort(err.detail.port ?? loaded.config.server.port, target.folder);
      case "openSettings":
        await vscode.commands.executeCommand("workbench.action.openSettings", "mockGpt");
        return false;
      case "openFolder":
        await this.reveal(dirname(err.detail.path ?? loaded.config.tls.cert_path), target.folder);
        return false;
      case "showOutput":
        this.output.show(true);
        return false;
      default:
        return false;
    }
  }

  /** A start refused by an invalid configuration. */
  async showConfigErrors(errors: readonly ConfigIssue[], target: Target): Promise<void> {
    await this.fixConfig(errors, ask(planForConfigErrors(errors, (i) => this.config.describe(i, target))));
  }

  /**
   * A save (or Restart) the running server did not apply. A warning, so VS Code lets it go by
   * itself; the status bar keeps the state until a save applies.
   */
  async showRejectedSave(errors: readonly ConfigIssue[], target: Target): Promise<void> {
    const plan = planForConfigErrors(errors, (i) => this.config.describe(i, target));
    await this.fixConfig(
      errors,
      ask({
        ...plan,
        severity: "warning",
        message: plan.message.replace(
          /^Mock GPT configuration is invalid: /,
          "Mock GPT kept its last good configuration: ",
        ),
      }),
    );
  }

  private async fixConfig(errors: readonly ConfigIssue[], answer: Promise<FixId | undefined>): Promise<void> {
    const fix = await answer;
    if (fix === "openSettings") await vscode.commands.executeCommand("workbench.action.openSettings", "mockGpt");
    else if (fix === "showOutput") this.output.show(true);
    else if (fix === "openFile") {
      const first = errors.find(isFileIssue);
      if (!first) return;
      const pos = new vscode.Position(Math.max(0, (first.line ?? 1) - 1), Math.max(0, (first.column ?? 1) - 1));
      await vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(pos, pos) });
    }
  }

  private async askForPort(busy: number, folder: vscode.Uri | null): Promise<boolean> {
    const text = await vscode.window.showInputBox({
      title: "Mock GPT: port",
      prompt: `Port ${busy} is not available. Saved as mockGpt.port in ${folder ? "the workspace" : "your user"} settings.`,
      value: String(busy > 0 && busy < 65535 ? busy + 1 : 8444),
      validateInput: validatePortInput,
    });
    if (text === undefined) return false;
    const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration("mockGpt", folder ?? undefined).update("port", Number(text.trim()), target);
    return true;
  }

  private async reveal(dir: string, folder: vscode.Uri | null): Promise<void> {
    const rel = folder ? relative(folder.fsPath, dir) : "..";
    const inside = !rel.startsWith("..") && !isAbsolute(rel);
    await vscode.commands.executeCommand(inside ? "revealInExplorer" : "revealFileInOS", vscode.Uri.file(dir));
  }
}

async function ask(plan: FixPlan): Promise<FixId | undefined> {
  const titles = plan.fixes.map((f) => FIX_TITLES[f]);
  const show = plan.severity === "error" ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const picked = await show(plan.message, ...titles);
  return plan.fixes.find((f) => FIX_TITLES[f] === picked);
}
