import { existsSync } from "node:fs";
import { dirname } from "node:path";
import * as vscode from "vscode";
import {
  certificateFiles,
  CertificateError,
  ensureCertificates,
  generateCertificates,
  ServerStartError,
  type LoadedConfig,
  type MockServer,
} from "../../core";
import { effectOfChoice, folderRemovedMessage, planForRemovedFolders, START_AGAIN } from "../model/folderChoice";
import { clientUrl, type ClientTarget } from "../model/snippets";
import type { ConfigService, ConfigWatcher } from "./configService";
import type { StartFailures } from "./startFailures";
import { folderRef, type Target, type WorkspaceTarget } from "./workspaceTarget";

const SCENARIO_KEY = "mockGpt.scenario";
/** Each fix (certificates, port) may lead to one more attempt; never loop. */
const MAX_ATTEMPTS = 3;

export interface Prepared {
  target: Target;
  loaded: LoadedConfig;
}

/** The start/stop/reload flows around the one MockServer. The core serializes the server calls themselves. */
export class ServerController {
  private prepared: Prepared | undefined;

  constructor(
    private readonly server: MockServer,
    private readonly targets: WorkspaceTarget,
    private readonly config: ConfigService,
    private readonly watcher: ConfigWatcher,
    private readonly failures: StartFailures,
    private readonly workspaceState: vscode.Memento,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Resolves the folder and loads its config into the (not necessarily running) server. */
  async prepare(interactive: boolean): Promise<Prepared | undefined> {
    const target = await this.targets.resolve(interactive);
    if (!target) return undefined;
    this.watcher.watch(target.configDir, target.folder);
    const result = this.config.load(target);
    if (!result.ok) {
      if (interactive) await this.failures.showConfigErrors(result.errors);
      return undefined;
    }
    // Another folder counts as a first load: its own scenario.active applies (unless one is remembered).
    const first = this.prepared === undefined || this.prepared.target.folder?.toString() !== target.folder?.toString();
    await this.server.applyConfig(result.loaded);
    this.prepared = { target, loaded: result.loaded };
    this.restoreScenario(first ? result.loaded.config.scenario.active : undefined);
    return this.prepared;
  }

  async start(): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const p = await this.prepare(true);
      if (!p) return;
      if (!p.target.folder) await this.ensureUserCertificates(p.target.certDir);
      try {
        await this.server.start();
        return;
      } catch (err) {
        if (!(err instanceof ServerStartError)) throw err;
        if (!(await this.failures.handle(err, p.target, p.loaded))) return;
      }
    }
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  async restart(): Promise<void> {
    await this.server.stop();
    await this.start();
  }

  /**
   * Mock GPT: Choose Workspace Folder. Remembers the answer; a server running on another folder
   * restarts on the new one (Start's flow: certificate prompt and so on). Cancelling changes nothing.
   */
  async chooseFolder(): Promise<void> {
    if ((vscode.workspace.workspaceFolders?.length ?? 0) < 2) {
      void vscode.window.showInformationMessage(
        "Mock GPT: this workspace has a single folder, so there is no folder to choose.",
      );
      return;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(
        "Mock GPT reads no workspace folder while the workspace is not trusted.",
      );
      return;
    }
    const folder = await this.targets.choose(this.servingFolder() ?? undefined);
    if (!folder) return;
    // Read again: the server may have started or stopped while the question was open.
    switch (effectOfChoice(folder.uri.toString(), this.servingFolder(), this.isLive())) {
      case "restart":
        this.output.info(`folder changed to ${folder.name}: restarting there`);
        await this.restart();
        return;
      case "reload":
        await this.prepare(false);
        return;
      default:
        return;
    }
  }

  /** Workspace folders were removed: forget a removed choice; stop a server that ran on one. */
  async foldersRemoved(removed: readonly vscode.WorkspaceFolder[]): Promise<void> {
    if (removed.length === 0) return;
    const plan = planForRemovedFolders(
      removed.map(folderRef),
      this.targets.remembered,
      this.servingFolder(),
      this.isLive(),
    );
    if (plan.forget) await this.targets.forget();
    if (!plan.drop) return;
    this.prepared = undefined;
    this.watcher.watch(null);
    if (!plan.stop) return;
    await this.server.stop();
    const name = plan.folderName ?? "?";
    this.output.warn(`stopped: the folder ${name} was removed from the workspace`);
    // Start asks for a folder again when several are left.
    void vscode.window.showWarningMessage(folderRemovedMessage(name), START_AGAIN).then((answer) => {
      if (answer === START_AGAIN) void vscode.commands.executeCommand("mockGpt.startServer");
    });
  }

  /** The folder whose configuration is loaded (uri.toString()): null on built-in defaults, undefined when nothing is loaded. */
  private servingFolder(): string | null | undefined {
    return this.prepared ? (this.prepared.target.folder?.toString() ?? null) : undefined;
  }

  private isLive(): boolean {
    const state = this.server.status().state;
    return state === "running" || state === "starting";
  }

  /** File watcher and settings changes: apply a valid config; keep the last good one otherwise. */
  async reload(): Promise<void> {
    if (!this.prepared) return; // nothing loaded yet: the next start reads everything fresh
    const target = await this.targets.resolve(false);
    if (!target) return;
    this.watcher.watch(target.configDir, target.folder);
    const result = this.config.load(target);
    if (!result.ok) {
      this.output.warn(
        `configuration has ${result.errors.length} error(s); keeping the last good configuration (see Problems)`,
      );
      return;
    }
    const previousActive = this.prepared.loaded.config.scenario.active;
    this.prepared = { target, loaded: result.loaded };
    try {
      const { restarted } = await this.server.applyConfig(result.loaded);
      this.output.info(
        restarted
          ? "configuration reloaded: listener restarted (host, port or TLS changed)"
          : "configuration reloaded: applied to the next request, no restart",
      );
    } catch (err) {
      if (!(err instanceof ServerStartError)) throw err;
      if (await this.failures.handle(err, target, result.loaded)) await this.start();
      return;
    }
    if (result.loaded.config.scenario.active !== previousActive) this.setScenario(result.loaded.config.scenario.active);
  }

  /** Applies live and remembers it for this workspace. */
  setScenario(name: string): void {
    this.server.setScenario(name);
    void this.workspaceState.update(SCENARIO_KEY, name);
  }

  /** URL and client certificate paths for snippets, once a config was loaded. */
  clientTarget(): ClientTarget | null {
    const p = this.prepared;
    if (!p) return null;
    const files = certificateFiles(dirname(p.loaded.config.tls.ca_cert_path));
    const { host, port } = p.loaded.config.server;
    return {
      url: this.server.status().url ?? clientUrl(host, port),
      caPath: files.caCert,
      certPath: files.clientCert,
      keyPath: files.clientKey,
    };
  }

  /** For the webviews: the client files, only when they exist. */
  clientTls(): { caPath: string; certPath: string; keyPath: string } | null {
    const t = this.clientTarget();
    return t && [t.caPath, t.certPath, t.keyPath].every((p) => existsSync(p))
      ? { caPath: t.caPath, certPath: t.certPath, keyPath: t.keyPath }
      : null;
  }

  private restoreScenario(fallback: string | undefined): void {
    const wanted = this.workspaceState.get<string>(SCENARIO_KEY) ?? fallback;
    if (wanted && wanted !== this.server.scenario && this.server.scenarios.some((s) => s.name === wanted))
      this.server.setScenario(wanted);
  }

  /** Built-in-defaults mode keeps a per-user set in global storage; it is ours, so a broken set is replaced. */
  private async ensureUserCertificates(dir: string): Promise<void> {
    try {
      const { generated } = await ensureCertificates(dir);
      if (generated) this.output.info(`generated per-user certificates in ${dir}`);
    } catch (err) {
      if (!(err instanceof CertificateError)) throw err;
      await generateCertificates({ dir, force: true });
      this.output.warn(`replaced an incomplete per-user certificate set in ${dir}`);
    }
  }
}
