// End-to-end harness: a real VS Code (code-server) in headless Chromium, driven by playwright-core.
// Each run is isolated (own HOME, TMPDIR, XDG dirs, user-data-dir, extensions-dir, gallery on
// loopback), code-server runs in its own process group and is always killed, and every wait is
// bounded. See shared notes "vscode-e2e" for why each step is the way it is.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  type WriteStream,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import { codeServerPath } from "../../scripts/paths.mjs";
import { artifactsDir, launchChromium, repoRoot } from "../helpers/chromium";

/** Where screenshots and failure logs go: test-results/e2e/ (gitignored). */
export const E2E_ARTIFACTS = "e2e";

/** Settings every run starts with: nothing phones home, nothing pops up on its own. */
export const baseSettings: Readonly<Record<string, unknown>> = {
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "update.showReleaseNotes": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "git.openRepositoryInParentFolders": "never",
  "npm.fetchOnlinePackageInfo": false,
};

/** Keeps the extension gallery on a closed loopback port (the default is open-vsx.org). */
export const loopbackGallery = JSON.stringify({
  serviceUrl: "http://127.0.0.1:9/gallery",
  itemUrl: "http://127.0.0.1:9/item",
  resourceUrlTemplate: "http://127.0.0.1:9/files/{publisher}/{name}/{version}/{path}",
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `p` or `ms`, whichever is first, and clears the timer so it cannot hold the process open. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
  ]);
  clearTimeout(timer);
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no port"))));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Run directory

/** Options for {@link createRunDir}. */
export interface RunDirOptions {
  /** Settings merged over {@link baseSettings} into User/settings.json. @default {} */
  settings?: Record<string, unknown>;
  /** Make the workspace a git repository with one commit. @default false */
  git?: boolean;
  /** Files to create in the workspace, by relative path. @default {} */
  files?: Record<string, string>;
  /**
   * Run with workspace trust on: code-server starts without --disable-workspace-trust and the
   * settings enable trust with no startup prompt ({@link untrustedSettings}), so the opened folder
   * starts in Restricted Mode (untrusted) with no modal in the way. @default false
   */
  workspaceTrust?: boolean;
  /**
   * Open a multi-root workspace instead of one folder: these folders (relative to the workspace
   * dir, created if missing, listed in this order) go into `<workspace>/e2e.code-workspace`, and
   * code-server opens that file (`?workspace=`). `files` paths stay relative to the workspace dir,
   * so "a/config/local.toml" lands in folder "a". @default undefined (the workspace dir is the one folder)
   */
  workspaceFolders?: string[];
}

/**
 * Merged over {@link baseSettings} when {@link RunDirOptions.workspaceTrust} is set: trust is on,
 * and with `startupPrompt: "never"` VS Code neither asks nor trusts, so the folder stays untrusted.
 */
export const untrustedSettings: Readonly<Record<string, unknown>> = {
  "security.workspace.trust.enabled": true,
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.emptyWindow": false,
};

/** An isolated home for one code-server run; everything lives under `root`, removed by `remove()`. */
export interface RunDir {
  root: string;
  home: string;
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's --config file. */
  configFile: string;
  /**
   * The folder opened in VS Code, outside `root` so nothing of the harness shows in it. With
   * {@link RunDirOptions.workspaceFolders} it is the folder that holds the workspace's folders and
   * its .code-workspace file.
   */
  workspace: string;
  /** The .code-workspace file opened instead of a folder ({@link RunDirOptions.workspaceFolders}); undefined otherwise. */
  workspaceFile?: string;
  /** Environment for every code-server process of this run. */
  env: NodeJS.ProcessEnv;
  /** Whether code-server runs with workspace trust on (see {@link RunDirOptions.workspaceTrust}). */
  workspaceTrust: boolean;
  remove(): void;
}

/** Creates the isolated folders, seeds settings and the workspace. */
export function createRunDir(options: RunDirOptions = {}): RunDir {
  const root = mkdtempSync(join(tmpdir(), "mock-gpt-e2e-"));
  const workspace = mkdtempSync(join(tmpdir(), "mock-gpt-ws-"));
  const d = (name: string) => {
    const p = join(root, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const home = d("home");
  const tmp = d("tmp");
  const userDataDir = d("user-data");
  const extensionsDir = d("extensions");
  const xdgConfig = d("home/.config");
  const xdgData = d("home/.local/share");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify(
      { ...baseSettings, ...(options.workspaceTrust ? untrustedSettings : {}), ...options.settings },
      null,
      2,
    ),
  );
  const configFile = join(root, "code-server.yaml");
  writeFileSync(configFile, "auth: none\ncert: false\n");

  for (const [rel, text] of Object.entries(options.files ?? {})) {
    const p = join(workspace, rel);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
  }
  let workspaceFile: string | undefined;
  if (options.workspaceFolders) {
    if (options.workspaceFolders.length === 0) throw new Error("workspaceFolders: list at least one folder");
    for (const f of options.workspaceFolders) mkdirSync(join(workspace, f), { recursive: true });
    workspaceFile = join(workspace, "e2e.code-workspace");
    writeFileSync(
      workspaceFile,
      JSON.stringify({ folders: options.workspaceFolders.map((path) => ({ path })), settings: {} }, null, 2),
    );
  }
  if (options.git) {
    const git = (...args: string[]) => {
      const r = spawnSync(
        "git",
        ["-c", "user.name=e2e", "-c", "user.email=e2e@127.0.0.1", "-c", "init.defaultBranch=main", ...args],
        { cwd: workspace, timeout: 15_000, encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
    };
    if (!existsSync(join(workspace, "README.md"))) writeFileSync(join(workspace, "README.md"), "# e2e workspace\n");
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "initial");
  }

  // Only what code-server needs from the outside: PATH (for git, rg) and the locale.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: process.env.LANG ?? "C.UTF-8",
    HOME: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: xdgConfig,
    XDG_DATA_HOME: xdgData,
    XDG_CACHE_HOME: d("home/.cache"),
    EXTENSIONS_GALLERY: loopbackGallery,
  };
  let removed = false;
  return {
    root,
    home,
    tmp,
    userDataDir,
    extensionsDir,
    configFile,
    workspace,
    env,
    ...(workspaceFile ? { workspaceFile } : {}),
    workspaceTrust: options.workspaceTrust ?? false,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      rmSync(workspace, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function requireCodeServer(): string {
  const entry = codeServerPath();
  if (!entry)
    throw new Error("code-server not found (bash scripts/setup-test-deps.sh installs it, or set CODE_SERVER_PATH)");
  return entry;
}

/** Installs a .vsix into the run's extensions dir with code-server's --install-extension. */
export function installVsix(run: RunDir, vsixPath: string, timeoutMs = 60_000): void {
  const entry = requireCodeServer();
  const r = spawnSync(
    process.execPath,
    [entry, "--user-data-dir", run.userDataDir, "--extensions-dir", run.extensionsDir, "--install-extension", vsixPath],
    {
      env: run.env,
      cwd: run.home,
      timeout: timeoutMs,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  if (r.status !== 0 || r.error) {
    throw new Error(
      `--install-extension ${vsixPath} failed (status ${r.status}${r.error ? ", " + r.error.message : ""}):\n${r.stdout}\n${r.stderr}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// code-server process

/** Live process groups, killed on exit even if a test forgets to dispose. */
const liveGroups = new Set<number>();
process.once("exit", () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
});

/** A running code-server. */
export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** TERM to the process group, then KILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts code-server on a free loopback port in its own process group and waits for /healthz. */
export async function startCodeServer(
  run: RunDir,
  options: { port?: number; timeoutMs?: number } = {},
): Promise<CodeServer> {
  const entry = requireCodeServer();
  const port = options.port ?? (await freePort());
  const logFile = join(run.root, "code-server.log");
  const log: WriteStream = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      entry,
      "--config",
      run.configFile,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      ...(run.workspaceTrust ? [] : ["--disable-workspace-trust"]),
      "--disable-getting-started-override",
      "--user-data-dir",
      run.userDataDir,
      "--extensions-dir",
      run.extensionsDir,
      run.workspaceFile ?? run.workspace,
    ],
    { env: run.env, cwd: run.home, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("code-server did not start");
  liveGroups.add(pid);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited = false;
  const exitedP = new Promise<void>((r) =>
    child.once("exit", () => {
      exited = true;
      r();
    }),
  );

  let stopped: Promise<void> | undefined;
  const server: CodeServer = {
    port,
    pid,
    logFile,
    url: `http://127.0.0.1:${port}`,
    stop(graceMs = 5_000) {
      stopped ??= (async () => {
        const signal = (s: NodeJS.Signals) => {
          try {
            process.kill(-pid, s);
          } catch {
            /* gone */
          }
        };
        signal("SIGTERM");
        await settleWithin(exitedP, graceMs);
        // The group may still hold the extension host and other children even after the leader exits.
        signal("SIGKILL");
        await settleWithin(exitedP, 2_000);
        liveGroups.delete(pid);
        await new Promise<void>((r) => log.end(r));
      })();
      return stopped;
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) {
      await server.stop();
      throw new Error(`code-server exited before it was healthy; see ${logFile}`);
    }
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer /healthz within ${options.timeoutMs ?? 30_000} ms; see ${logFile}`);
    }
    await sleep(200);
  }
  return server;
}

// ---------------------------------------------------------------------------------------------
// Workbench

/** Options for {@link startWorkbench}. */
export interface WorkbenchOptions extends RunDirOptions {
  /** A name for this run's screenshots and logs (file-name safe). */
  name: string;
  /** .vsix files to install before code-server starts. @default [] */
  vsix?: string[];
  /** Milliseconds to wait for `.monaco-workbench`. @default 60000 */
  workbenchTimeoutMs?: number;
}

/**
 * One VS Code window: its run dir, code-server, browser and page, with helpers that follow the
 * notes' pitfalls. Create with {@link startWorkbench}; always `dispose()` (or use {@link withWorkbench}).
 */
export class Workbench {
  private shots = 0;
  private disposed = false;

  constructor(
    readonly name: string,
    readonly run: RunDir,
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** The opened folder (for a multi-root workspace: the folder holding its folders, see {@link RunDir.workspace}). */
  get workspace(): string {
    return this.run.workspace;
  }

  /** The opened .code-workspace file, or undefined when a single folder is open. */
  get workspaceFile(): string | undefined {
    return this.run.workspaceFile;
  }

  /**
   * Runs a command by its palette title ("Category: Title"). Opens the palette with F1, types the
   * title and clicks the row whose label equals it. The palette lists only commands registered
   * when it opened, so a missing row closes the palette and tries again until `timeoutMs`.
   *
   * For a command that may open a quick input of its own (a QuickPick, an input box), pass
   * `mayOpenQuickInput`: the widget may then be reused without ever hiding, so the palette counts
   * as closed once its `>title` text is gone, and the command's quick input is left open.
   */
  async runCommand(title: string, timeoutMs = 30_000, options: { mayOpenQuickInput?: boolean } = {}): Promise<void> {
    const { page } = this;
    const deadline = Date.now() + timeoutMs;
    const widget = page.locator(".quick-input-widget");
    const exact = new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, "i");
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        await this.closeQuickInput();
        await page
          .locator(".monaco-workbench")
          .focus()
          .catch(() => {});
        await page.keyboard.press("F1");
        await widget.waitFor({ state: "visible", timeout: 5_000 });
        const input = widget.locator("input.input");
        await input.fill(`>${title}`, { timeout: 5_000 });
        const row = widget
          .locator(".quick-input-list .monaco-list-row")
          .filter({ has: page.locator(".label-name", { hasText: exact }) })
          .first();
        await row.waitFor({ state: "visible", timeout: 3_000 });
        await row.click({ timeout: 5_000 });
        if (options.mayOpenQuickInput) await waitForPaletteGone(page, 5_000);
        else await widget.waitFor({ state: "hidden", timeout: 5_000 });
        return;
      } catch (e) {
        lastError = e;
        await sleep(500);
      }
    }
    await this.closeQuickInput();
    throw new Error(`command "${title}" not found or not runnable within ${timeoutMs} ms: ${String(lastError)}`);
  }

  /** Closes the quick input if it is open. */
  async closeQuickInput(): Promise<void> {
    const widget = this.page.locator(".quick-input-widget");
    if (await widget.isVisible()) {
      await this.page.keyboard.press("Escape");
      await widget.waitFor({ state: "hidden", timeout: 3_000 }).catch(() => {});
    }
  }

  /** The status-bar item whose text matches `text`. */
  statusBarItem(text: RegExp | string): Locator {
    return this.page.locator("#workbench\\.parts\\.statusbar .statusbar-item").filter({ hasText: text }).first();
  }

  /** Waits until a status-bar item's text matches; returns that text. */
  async waitForStatusBarText(text: RegExp | string, timeoutMs = 30_000): Promise<string> {
    const item = this.statusBarItem(text);
    await item.waitFor({ state: "visible", timeout: timeoutMs });
    return (await item.innerText()).trim();
  }

  /** Clicks the status-bar item whose text matches. */
  async clickStatusBar(text: RegExp | string, timeoutMs = 15_000): Promise<void> {
    const item = this.statusBarItem(text);
    await item.waitFor({ state: "visible", timeout: timeoutMs });
    await item.locator(".statusbar-item-label").first().click({ timeout: timeoutMs });
  }

  /** The rows of the open quick input (QuickPick). */
  quickInputRows(): Locator {
    return this.page.locator(".quick-input-widget .quick-input-list .monaco-list-row");
  }

  /** Waits for an open QuickPick and returns the labels of its visible rows. */
  async quickInputLabels(timeoutMs = 15_000): Promise<string[]> {
    await this.quickInputRows().first().waitFor({ state: "visible", timeout: timeoutMs });
    return (await this.quickInputRows().locator(".label-name").allInnerTexts()).map((s) => s.trim());
  }

  /** In an open QuickPick, clicks the first row whose label matches. */
  async pickQuickInput(label: RegExp | string, timeoutMs = 15_000): Promise<void> {
    const row = this.quickInputRows()
      .filter({ has: this.page.locator(".label-name", { hasText: label }) })
      .first();
    await row.waitFor({ state: "visible", timeout: timeoutMs });
    await row.click({ timeout: timeoutMs });
    await this.page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: timeoutMs });
  }

  /** Waits for a notification toast whose text matches; returns it. */
  async waitForNotification(text: RegExp | string, timeoutMs = 30_000): Promise<Locator> {
    const toast = this.page.locator(".notification-toast").filter({ hasText: text }).first();
    await toast.waitFor({ state: "visible", timeout: timeoutMs });
    return toast;
  }

  /** Clicks a button (by its exact text) in a visible notification toast. */
  async clickNotificationButton(text: string, timeoutMs = 30_000): Promise<void> {
    const button = this.page
      .locator(".notification-toast .monaco-button")
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
      .first();
    await button.waitFor({ state: "visible", timeout: timeoutMs });
    await button.click({ timeout: timeoutMs });
  }

  /**
   * The content frame of a visible webview: by index among the visible ones, or by the page's
   * `<title>` (or first heading). Hidden webviews are skipped, and VS Code may recreate a webview
   * when it is shown again, so look it up again after showing a view rather than keeping it.
   */
  async webviewFrame(which: number | string | RegExp = 0, timeoutMs = 30_000): Promise<FrameLocator> {
    const outer = this.page.locator("iframe.webview.ready");
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const visible: number[] = [];
      const n = await outer.count();
      for (let i = 0; i < n; i++) if (await outer.nth(i).isVisible()) visible.push(i);
      if (typeof which === "number") {
        const idx = visible[which];
        if (idx !== undefined) {
          const inner = outer.nth(idx).contentFrame().locator("iframe#active-frame");
          if (await inner.count()) return inner.contentFrame();
        }
      } else {
        for (const idx of visible) {
          const content = outer.nth(idx).contentFrame().locator("iframe#active-frame").contentFrame();
          const title = await content
            .locator("title")
            .first()
            .textContent({ timeout: 500 })
            .catch(() => null);
          const heading = title
            ? null
            : await content
                .locator("h1, h2, h3")
                .first()
                .textContent({ timeout: 500 })
                .catch(() => null);
          const got = (title ?? heading ?? "").trim();
          if (got && (typeof which === "string" ? got.includes(which) : which.test(got))) return content;
        }
      }
      if (Date.now() > deadline)
        throw new Error(
          `no visible webview matching ${String(which)} within ${timeoutMs} ms (${visible.length} visible)`,
        );
      await sleep(250);
    }
  }

  /** Saves a screenshot as test-results/e2e/<name>-NN-<label>.png, after toasts stop sliding. */
  async screenshot(label: string): Promise<string> {
    await this.waitForToastsToSettle();
    const file = join(
      artifactsDir(E2E_ARTIFACTS),
      `${this.name}-${String(++this.shots).padStart(2, "0")}-${safeName(label)}.png`,
    );
    await this.page.screenshot({ path: file, animations: "disabled", timeout: 15_000 });
    return file;
  }

  private async waitForToastsToSettle(timeoutMs = 3_000): Promise<void> {
    const toasts = this.page.locator(".notification-toast");
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      const boxes = await toasts
        .evaluateAll((els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())))
        .catch(() => [] as string[]);
      const now = boxes.join("|");
      if (now === last) return;
      last = now;
      await sleep(150);
    }
  }

  /** Copies code-server's output and the VS Code logs (extension host included) to test-results/e2e/<name>-failure/. */
  async collectFailureArtifacts(): Promise<string> {
    const dir = join(artifactsDir(E2E_ARTIFACTS), `${this.name}-failure`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, "page.png"), timeout: 10_000 }).catch(() => {});
    if (existsSync(this.server.logFile)) cpSync(this.server.logFile, join(dir, "code-server.log"));
    const logs = join(this.run.userDataDir, "logs");
    if (existsSync(logs)) cpSync(logs, join(dir, "vscode-logs"), { recursive: true });
    return dir;
  }

  /** Closes the browser, kills code-server's process group (TERM, then KILL) and removes the temp dirs. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await settleWithin(this.browser.close(), 10_000);
    await this.server.stop();
    this.run.remove();
  }
}

/** Starts an isolated code-server with the given settings and extensions, opens it in Chromium and waits for the workbench. */
export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const run = createRunDir(options);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    for (const vsix of options.vsix ?? []) installVsix(run, vsix);
    server = await startCodeServer(run);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const wb = new Workbench(safeName(options.name), run, server, browser, page);
    try {
      const open = run.workspaceFile
        ? `workspace=${encodeURIComponent(run.workspaceFile)}`
        : `folder=${encodeURIComponent(run.workspace)}`;
      await page.goto(`${server.url}/?${open}`, { timeout: 30_000 });
      await page
        .locator(".monaco-workbench")
        .waitFor({ state: "visible", timeout: options.workbenchTimeoutMs ?? 60_000 });
      await page
        .locator("#workbench\\.parts\\.statusbar .statusbar-item")
        .first()
        .waitFor({ state: "visible", timeout: 30_000 });
    } catch (e) {
      await wb.collectFailureArtifacts().catch(() => {});
      await wb.dispose();
      throw e;
    }
    return wb;
  } catch (e) {
    await browser?.close().catch(() => {});
    await server?.stop();
    run.remove();
    throw e;
  }
}

/**
 * Runs `body` against a fresh workbench; on failure copies logs and a screenshot to
 * test-results/e2e/, and always disposes everything.
 */
export async function withWorkbench<T>(options: WorkbenchOptions, body: (wb: Workbench) => Promise<T>): Promise<T> {
  const wb = await startWorkbench(options);
  try {
    return await body(wb);
  } catch (e) {
    const dir = await wb.collectFailureArtifacts().catch(() => undefined);
    if (dir) console.error(`[e2e] ${options.name} failed; logs and screenshot in ${dir}`);
    throw e;
  } finally {
    await wb.dispose();
  }
}

/** Until the command palette is closed: its widget hidden, or reused by another quick input (no ">" text). */
async function waitForPaletteGone(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const widget = document.querySelector<HTMLElement>(".quick-input-widget");
      const input = widget?.querySelector<HTMLInputElement>("input.input");
      return !widget || !input || widget.getClientRects().length === 0 || !input.value.startsWith(">");
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "run";
}

/** The packaged extension the e2e tests install; npm test builds it before this suite. */
export const extensionVsix = join(repoRoot, "dist", "mock-gpt.vsix");
export const skipWithoutVsix: string | false = existsSync(extensionVsix)
  ? false
  : `${extensionVsix} not found: run \`node scripts/package-vsix.mjs\` first (npm test does)`;
