import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as vscode from "vscode";
import type { MockServer } from "../core";
import { localTomlSeed, relativeFile } from "./model/configMessages";
import type { CertificateService } from "./services/certificateService";
import type { ReplayKey } from "./services/replayKey";
import type { ServerController } from "./services/serverController";
import type { WorkspaceTarget } from "./services/workspaceTarget";
import { pickFault } from "./ui/faultPicker";
import { pickScenario } from "./ui/scenarioPicker";
import { pickClientSnippet } from "./ui/snippetPicker";

export interface CommandDeps {
  server: MockServer;
  controller: ServerController;
  targets: WorkspaceTarget;
  certs: CertificateService;
  output: vscode.LogOutputChannel;
  replayKey: ReplayKey;
}

/** Every mockGpt.* command this module owns (the webview ones are registered by registerWebviews). */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { server, controller, output } = deps;
  const handlers: Record<string, () => Promise<void> | void> = {
    "mockGpt.startServer": () => controller.start(),
    "mockGpt.stopServer": () => controller.stop(),
    "mockGpt.restartServer": () => controller.restart(),
    "mockGpt.chooseFolder": () => controller.chooseFolder(),
    "mockGpt.switchScenario": () => pickScenario(server, controller),
    "mockGpt.injectFault": () => pickFault(server),
    "mockGpt.generateCertificates": () => generateCertificates(deps),
    "mockGpt.copyClientSnippet": () => pickClientSnippet(controller),
    "mockGpt.openConfiguration": () => openConfiguration(deps.targets),
    "mockGpt.showOutput": () => output.show(),
    "mockGpt.setReplayApiKey": () => deps.replayKey.ask(),
  };
  return Object.entries(handlers).map(([id, run]) => vscode.commands.registerCommand(id, guarded(id, run, output)));
}

/** Nothing throws into the extension host: failures are logged and shown once. */
export function guarded(
  id: string,
  run: () => Promise<void> | void,
  output: vscode.LogOutputChannel,
): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      output.error(`${id} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      const show = "Show Output";
      if ((await vscode.window.showErrorMessage(`Mock GPT: ${message}`, show)) === show) output.show(true);
    }
  };
}

async function generateCertificates({ controller, targets, certs, server }: CommandDeps): Promise<void> {
  const target = await targets.resolve(true);
  if (!target) return;
  if (!(await certs.generate(target.certDir, targets.label(target.certDir, target), target.folder))) return;
  if (server.status().state === "running") {
    const restart = "Restart Server";
    if (
      (await vscode.window.showInformationMessage(
        "The running server still uses the previous certificates.",
        restart,
      )) === restart
    )
      await controller.restart();
  }
  await pickClientSnippet(controller);
}

/** Opens <configDir>/local.toml, seeding it with the defaults commented out so it changes nothing yet. */
async function openConfiguration(targets: WorkspaceTarget): Promise<void> {
  const target = await targets.resolve(true);
  if (!target) return;
  if (!target.configDir) {
    void vscode.window.showInformationMessage(
      "Mock GPT runs on built-in defaults here (no trusted workspace folder), so there is no configuration file to open.",
    );
    return;
  }
  const file = join(target.configDir, "local.toml");
  if (!existsSync(file)) {
    await mkdir(target.configDir, { recursive: true });
    await writeFile(file, localTomlSeed(relativeFile(file, target.projectDir)), { flag: "wx" }).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      },
    );
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  // VS Code has no TOML language of its own: ours (package.json "languages") or a TOML extension's.
  const shown = doc.languageId === "plaintext" ? await vscode.languages.setTextDocumentLanguage(doc, "toml") : doc;
  await vscode.window.showTextDocument(shown);
}
