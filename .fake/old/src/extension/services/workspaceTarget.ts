import { join, resolve } from "node:path";
import * as vscode from "vscode";
import { dirLabel, FOLDER_PICK_PLACEHOLDER, folderPicks, type FolderRef } from "../model/folderChoice";
import { DEFAULT_SETTINGS, type MockGptSettings } from "../model/settingsModel";

/** Which project files the server uses: a trusted workspace folder, or built-in defaults. */
export interface Target {
  /** null in built-in-defaults mode (no folder, or an untrusted workspace the user chose to ignore). */
  folder: vscode.Uri | null;
  /** The workspace folder's name as VS Code shows it; null when folder is null. */
  folderName: string | null;
  projectDir: string | null;
  /** Absolute; null when no project files are read. */
  configDir: string | null;
  /** Absolute folder for generated certificates. */
  certDir: string;
  /** When set, TLS paths are overridden to certDir (explicit setting, or built-in-defaults mode). */
  certDirOverride: { dir: string; origin: string } | undefined;
  settings: MockGptSettings;
}

const FOLDER_KEY = "mockGpt.folder";

/** Resolves the Target; remembers the multi-root folder choice per workspace. */
export class WorkspaceTarget {
  /** Session-only: the user agreed to run on built-in defaults in this untrusted workspace. */
  private defaultsAccepted = false;
  private last: Target | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly globalStorage: vscode.Uri,
  ) {}

  /** The last resolved target, without prompting. */
  get current(): Target | undefined {
    return this.last;
  }

  /** interactive=false never prompts: returns undefined where a question would be needed. */
  async resolve(interactive: boolean): Promise<Target | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return (this.last = this.builtIn());
    if (!vscode.workspace.isTrusted) {
      if (!this.defaultsAccepted) {
        if (!interactive) return undefined;
        const run = "Run on Built-in Defaults";
        const manage = "Manage Workspace Trust";
        const pick = await vscode.window.showWarningMessage(
          "This workspace is not trusted, so Mock GPT will not read its configuration or certificates.",
          run,
          manage,
        );
        if (pick === manage) void vscode.commands.executeCommand("workbench.trust.manage");
        if (pick !== run) return undefined;
        this.defaultsAccepted = true;
      }
      return (this.last = this.builtIn());
    }
    const folder = await this.pickFolder(folders, interactive);
    return folder ? (this.last = this.forFolder(folder)) : undefined;
  }

  /** Trust was granted: the next resolve reads the workspace again. */
  resetTrustChoice(): void {
    this.defaultsAccepted = false;
    this.last = undefined;
  }

  /** "certs/" for a folder inside the workspace folder ("beta/certs/" in a multi-root workspace), the full path otherwise. */
  label(dir: string, target: Target | undefined = this.last): string {
    const folder =
      target?.folder && target.folderName !== null ? { name: target.folderName, fsPath: target.folder.fsPath } : null;
    return dirLabel(dir, folder, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  /** The remembered multi-root choice (uri.toString()), if any. */
  get remembered(): string | undefined {
    return this.state.get<string>(FOLDER_KEY);
  }

  /** Forgets the multi-root choice: the next interactive resolve asks again. */
  async forget(): Promise<void> {
    await this.state.update(FOLDER_KEY, undefined);
    this.last = undefined;
  }

  /**
   * Asks again which folder to use, marking the current choice (or, with none remembered, the
   * folder the server was loaded from), and remembers the answer. Undefined when cancelled.
   */
  async choose(serving?: string): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const remembered = this.remembered;
    const current = folders.some((f) => f.uri.toString() === remembered) ? remembered : serving;
    return this.ask(folders, current, "Mock GPT: Choose Workspace Folder");
  }

  private async pickFolder(
    folders: readonly vscode.WorkspaceFolder[],
    interactive: boolean,
  ): Promise<vscode.WorkspaceFolder | undefined> {
    if (folders.length === 1) return folders[0]!;
    const remembered = this.remembered;
    const known = folders.find((f) => f.uri.toString() === remembered);
    if (known) return known;
    if (!interactive) return undefined;
    return this.ask(folders, undefined, undefined);
  }

  private async ask(
    folders: readonly vscode.WorkspaceFolder[],
    current: string | undefined,
    title: string | undefined,
  ): Promise<vscode.WorkspaceFolder | undefined> {
    const items = folderPicks(folders.map(folderRef), current).map((p) => ({
      ...p,
      iconPath: vscode.ThemeIcon.Folder,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      placeHolder: FOLDER_PICK_PLACEHOLDER,
      title,
      matchOnDescription: true,
    });
    // The workspace may have changed while the question was open.
    const folder = picked && (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.toString() === picked.uri);
    if (folder) await this.state.update(FOLDER_KEY, folder.uri.toString());
    return folder;
  }

  private forFolder(workspaceFolder: vscode.WorkspaceFolder): Target {
    const folder = workspaceFolder.uri;
    const settings = readSettings(folder);
    const root = folder.fsPath;
    const certDir = resolve(root, settings.certificatesDirectory);
    const explicit = vscode.workspace.getConfiguration("mockGpt", folder).inspect<string>("certificatesDirectory");
    const setExplicitly = [explicit?.globalValue, explicit?.workspaceValue, explicit?.workspaceFolderValue].some(
      (v) => v !== undefined,
    );
    return {
      folder,
      folderName: workspaceFolder.name,
      projectDir: root,
      configDir: resolve(root, settings.configDirectory),
      certDir,
      certDirOverride: setExplicitly ? { dir: certDir, origin: "mockGpt.certificatesDirectory" } : undefined,
      settings,
    };
  }

  private builtIn(): Target {
    const certDir = join(this.globalStorage.fsPath, "certs");
    return {
      folder: null,
      folderName: null,
      projectDir: null,
      configDir: null,
      certDir,
      certDirOverride: { dir: certDir, origin: "mockGpt (built-in defaults: per-user certificates)" },
      settings: readSettings(undefined),
    };
  }
}

export function readSettings(scope: vscode.Uri | undefined): MockGptSettings {
  const c = vscode.workspace.getConfiguration("mockGpt", scope);
  const port = c.get<number | null>("port", null);
  const host = c.get<string | null>("host", null);
  return {
    autoStart: c.get<boolean>("autoStart", DEFAULT_SETTINGS.autoStart),
    configDirectory: c.get<string>("configDirectory") || DEFAULT_SETTINGS.configDirectory,
    certificatesDirectory: c.get<string>("certificatesDirectory") || DEFAULT_SETTINGS.certificatesDirectory,
    port: typeof port === "number" ? port : null,
    host: typeof host === "string" && host.trim() ? host.trim() : null,
  };
}

export function folderRef(f: vscode.WorkspaceFolder): FolderRef {
  return { name: f.name, uri: f.uri.toString(), fsPath: f.uri.fsPath };
}
