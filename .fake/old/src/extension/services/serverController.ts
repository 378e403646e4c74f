import { existsSync } from "node:fs";
import { dirname } from "node:path";
import * as vscode from "vscode";
import {
  certificateFiles,
  CertificateError,
  ensureCertificates,
  generateCertificates,
  ServerStartError,
  type ConfigIssue,
  type LoadedConfig,
  type MockServer,
} from "../../core";
import { effectOfChoice, folderRemovedMessage, planForRemovedFolders, START_AGAIN } from "../model/folderChoice";
import { relativeFile } from "../model/configMessages";
import { clientUrl, type ClientTarget } from "../model/snippets";
import type { CertificateService } from "./certificateService";
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

/** What the controller shows besides the server status itself (the status bar). */
export interface ControllerUi {
  /** An expected first-run step ("needs certificates"); null clears it. */
  setSetup(note: string | null): void;
  /** Why the last configuration save was not applied; null once one is. */
  setConfigProblem(problem: string | null): void;
}

export const COPY_CLIENT_SNIPPET = "Copy Client Snippet";
export const SHOW_REQUESTS = "Show Requests";

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
    private readonly certs: CertificateService,
    private readonly ui: ControllerUi,
  ) {}

  /** The problems of the last rejected load, as last notified (so one rejected save notifies once). */
  private lastRejection: string | null = null;
  /** A load failed before anything was loaded: a later save must still clear its Problems and warning. */
  private awaitingFix = false;

  /** Resolves the folder and loads its config into the (not necessarily running) server. */
  async prepare(interactive: boolean): Promise<Prepared | undefined> {
    const target = await this.targets.resolve(interactive);
    if (!target) return undefined;
    this.watcher.watch(target.configDir, target.folder);
    const result = this.config.load(target);
    if (!result.ok) {
      this.awaitingFix = true;
      this.rejected(result.errors, target, false);
      if (interactive) await this.failures.showConfigErrors(result.errors, target);
      return undefined;
    }
    this.accepted();
    // Another folder counts as a first load: its own scenario.active applies (unless one is remembered).
    const first = this.prepared === undefined || this.prepared.target.folder?.toString() !== target.folder?.toString();
    await this.server.applyConfig(result.loaded);
    this.prepared = { target, loaded: result.loaded };
    this.restoreScenario(first ? result.loaded.config.scenario.active : undefined);
    return this.prepared;
  }

  /**
   * announce: end a user's start with "Mock GPT running at <url>" and its next steps (autoStart
   * and reloads stay quiet). The expected first-run steps (no certificates yet) are questions,
   * never failures, and the .gitignore offer comes after the start, without holding it up.
   */
  async start(o: { announce?: boolean } = {}): Promise<void> {
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const p = await this.prepare(true);
        if (!p) return;
        if (!p.target.folder) await this.ensureUserCertificates(p.target.certDir);
        else if (!(await this.firstRunCertificates(p))) return;
        try {
          await this.server.start();
          if (o.announce !== false) this.announce();
          return;
        } catch (err) {
          if (!(err instanceof ServerStartError)) throw err;
          if (!(await this.failures.handle(err, p.target, p.loaded))) return;
        }
      }
    } finally {
      this.certs.offerPendingGitignore();
    }
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Validates the configuration first: an invalid one leaves the running server as it is. */
  async restart(): Promise<void> {
    const target = await this.targets.resolve(true);
    if (!target) return;
    const check = this.config.load(target);
    if (!check.ok) {
      const running = this.isLive();
      this.lastRejection = null; // an explicit Restart always answers, even with the same problems
      this.rejected(check.errors, target, running);
      if (!running) await this.failures.showConfigErrors(check.errors, target);
      return;
    }
    await this.server.stop();
    await this.start();
  }

  /** The first start in a folder without certificates: ask to generate them (a question, not a failure). */
  private async firstRunCertificates(p: Prepared): Promise<boolean> {
    const tls = p.loaded.config.tls;
    if ([tls.cert_path, tls.key_path, tls.ca_cert_path].some((f) => existsSync(f))) return true; // the start reports a partial set
    const dir = dirname(tls.cert_path);
    const label = this.targets.label(dir, p.target);
    this.ui.setSetup("needs certificates");
    try {
      const generate = "Generate Certificates";
      const answer = await vscode.window.showInformationMessage(
        `No mTLS certificates in ${label} yet. Mock GPT needs a CA, a server and a client certificate to start. Generate them now?`,
        generate,
      );
      if (answer !== generate) {
        this.output.info(`start cancelled: no certificates in ${label} (Mock GPT: Generate Workspace Certificates)`);
        return false;
      }
      return await this.certs.generate(dir, label, p.target.folder, { deferGitignore: true });
    } finally {
      this.ui.setSetup(null);
    }
  }

  /** "Mock GPT running at https://127.0.0.1:8443", with what to do next. */
  private announce(): void {
    const url = this.server.status().url;
    if (!url) return;
    void vscode.window
      .showInformationMessage(`Mock GPT running at ${url}`, COPY_CLIENT_SNIPPET, SHOW_REQUESTS)
      .then((answer) => {
        if (answer === COPY_CLIENT_SNIPPET) void vscode.commands.executeCommand("mockGpt.copyClientSnippet");
        else if (answer === SHOW_REQUESTS) void vscode.commands.executeCommand("mockGpt.inspector.focus");
      });
  }

  /**
   * A configuration that was not applied: the status bar says so until one is, and the same
   * problems notify once (not on every save). `kept`: a running server keeps the last good one.
   */
  private rejected(errors: readonly ConfigIssue[], target: Target, kept: boolean): void {
    const first = errors[0] ? this.config.describe(errors[0], target) : "invalid configuration";
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more, see Problems)` : "";
    this.ui.setConfigProblem(first + more);
    if (!kept) return;
    this.output.warn(`configuration not applied: ${first}${more}; the server keeps the last good configuration`);
    const key = errors.map((e) => this.config.describe(e, target)).join("\n");
    if (key === this.lastRejection) return;
    this.lastRejection = key;
    void this.failures.showRejectedSave(errors, target);
  }

  /** A configuration was applied: clear the warning (Problems entries are cleared by the load itself). */
  private accepted(): void {
    this.awaitingFix = false;
    this.lastRejection = null;
    this.ui.setConfigProblem(null);
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
    if (!this.prepared) {
      // Nothing loaded yet: the next start reads everything fresh. After a failed load, re-check
      // so fixing the file clears its Problems entries and the status-bar warning.
      const target = this.awaitingFix ? await this.targets.resolve(false) : undefined;
      if (!target) return;
      const result = this.config.load(target);
      if (result.ok) {
        this.awaitingFix = false;
        this.accepted();
      } else this.rejected(result.errors, target, false);
      return;
    }
    const target = await this.targets.resolve(false);
    if (!target) return;
    this.watcher.watch(target.configDir, target.folder);
    const result = this.config.load(target);
    if (!result.ok) {
      this.rejected(result.errors, target, this.isLive());
      return;
    }
    this.accepted();
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
      if (await this.failures.handle(err, target, result.loaded)) await this.start({ announce: false });
      return;
    }
    if (result.loaded.config.scenario.active !== previousActive) this.setScenario(result.loaded.config.scenario.active);
  }

  /** Applies live and remembers it for this workspace. */
  setScenario(name: string): void {
    this.server.setScenario(name);
    void this.workspaceState.update(SCENARIO_KEY, name);
  }

  /**
   * URL and client certificate paths, once a config was loaded. relative: paths relative to the
   * workspace folder where they are inside it ("certs/client.crt"), for snippets pasted into the project.
   */
  clientTarget(o: { relative?: boolean } = {}): ClientTarget | null {
    const p = this.prepared;
    if (!p) return null;
    const files = certificateFiles(dirname(p.loaded.config.tls.ca_cert_path));
    const { host, port } = p.loaded.config.server;
    const path = (f: string) => (o.relative ? relativeFile(f, p.target.projectDir) : f);
    return {
      url: this.server.status().url ?? clientUrl(host, port),
      caPath: path(files.caCert),
      certPath: path(files.clientCert),
      keyPath: path(files.clientKey),
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
