import * as vscode from "vscode";
import { describeIssue, loadConfig, MockServer } from "../core";
import { sharedStatsTracker } from "../core/stats";
import { guarded, registerCommands } from "./commands";
import { CertificateService } from "./services/certificateService";
import { ConfigService, ConfigWatcher } from "./services/configService";
import { outputSink } from "./services/outputLog";
import { notifyFromPage, ReplayKey } from "./services/replayKey";
import { ServerController } from "./services/serverController";
import { StartFailures } from "./services/startFailures";
import { WorkspaceTarget } from "./services/workspaceTarget";
import { ServerStatusBar } from "./ui/statusBar";
import { registerWebviews } from "./webviews";

/** Settings that change what the server loads; autoStart only matters at activation. */
const RELOAD_SETTINGS = ["mockGpt.port", "mockGpt.host", "mockGpt.configDirectory", "mockGpt.certificatesDirectory"];

let server: MockServer | undefined;

/**
 * Composition root: builds each service once and hands it to those that need it. Activation stays
 * cheap (it runs onStartupFinished for autoStart): no workspace config is read and no certificate
 * is generated until a command or autoStart asks for the server.
 */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Mock GPT", { log: true });
  // The webviews need the server object from the start; it begins on the packaged defaults alone
  // (env ignored, so a bad MOCK_GPT_* variable surfaces on Start, not as a failed activation).
  const initial = loadConfig({ projectDir: null, env: {} });
  if (!initial.ok)
    throw new Error(`Mock GPT: the packaged defaults are invalid: ${initial.errors.map(describeIssue).join("; ")}`);
  const mock = (server = new MockServer(initial.loaded, { logSinks: [outputSink(output)] }));
  // Count from the first request, not from when the dashboard is first opened.
  sharedStatsTracker(mock);

  const targets = new WorkspaceTarget(context.workspaceState, context.globalStorageUri);
  const config = new ConfigService(output);
  const certs = new CertificateService(output);
  const replayKey = new ReplayKey(context.secrets);
  const failures = new StartFailures(targets, certs, output, config);
  const statusBar = new ServerStatusBar(mock);
  const reload = guarded("mockGpt.reloadConfiguration", () => controller.reload(), output);
  const watcher = new ConfigWatcher(() => void reload());
  const foldersRemoved = (removed: readonly vscode.WorkspaceFolder[]) =>
    guarded("mockGpt.workspaceFolders", () => controller.foldersRemoved(removed), output)();
  const controller = new ServerController(
    mock,
    targets,
    config,
    watcher,
    failures,
    context.workspaceState,
    output,
    certs,
    statusBar,
  );

  context.subscriptions.push(
    output,
    config,
    watcher,
    statusBar,
    ...registerCommands({ server: mock, controller, targets, certs, output, replayKey }),
    ...registerWebviews(context, {
      server: mock,
      extensionUri: context.extensionUri,
      clientTls: () => controller.clientTls(),
      replayApiKey: () => replayKey.get(),
      notify: notifyFromPage,
      exportFolder: () => targets.current?.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri,
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RELOAD_SETTINGS.some((s) => e.affectsConfiguration(s))) void reload();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => targets.resetTrustChoice()),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => void foldersRemoved(e.removed)),
    { dispose: () => void mock.stop() },
  );

  if (vscode.workspace.getConfiguration("mockGpt").get<boolean>("autoStart") === true) {
    if (vscode.workspace.isTrusted)
      void guarded("mockGpt.autoStart", () => controller.start({ announce: false }), output)();
    else
      output.info(
        "autoStart skipped: this workspace is not trusted (use Mock GPT: Start Server to run on built-in defaults)",
      );
  }
}

/** Closes every connection, in-flight streams included, and frees the port. */
export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
