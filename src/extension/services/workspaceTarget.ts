import { isAbsolute, join, relative, resolve, sep } from "node:path";
import * as vscode from "vscode";
import { DEFAULT_SETTINGS, type MockGptSettings } from "../model/settingsModel";

/** Which project files the server uses: a trusted workspace folder, or built-in defaults. */
export interface Target {
  /** null in built-in-defaults mode (no folder, or an untrusted workspace the user chose to ignore). */
  folder: vscode.Uri | null;
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

  /** "certs/" for a folder inside the workspace, the full path otherwise. */
  label(dir: string): string {
    const root = this.last?.folder?.fsPath;
    const rel = root ? relative(root, dir) : "";
    return root && rel && !rel.startsWith("..") && !isAbsolute(rel) ? `${rel.split(sep).join("/")}/` : dir;
  }

  private async pickFolder(folders: readonly vscode.WorkspaceFolder[], interactive: boolean): Promise<vscode.Uri | undefined> {
    if (folders.length === 1) return folders[0]!.uri;
    const remembered = this.state.get<string>(FOLDER_KEY);
    const known = folders.find((f) => f.uri.toString() === remembered);
    if (known) return known.uri;
    if (!interactive) return undefined;
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: "Which folder's config/ and certs/ should Mock GPT use?" });
    if (picked) await this.state.update(FOLDER_KEY, picked.uri.toString());
    return picked?.uri;
  }

  private forFolder(folder: vscode.Uri): Target {
    const settings = readSettings(folder);
    const root = folder.fsPath;
    const certDir = resolve(root, settings.certificatesDirectory);
    const explicit = vscode.workspace.getConfiguration("mockGpt", folder).inspect<string>("certificatesDirectory");
    const setExplicitly = [explicit?.globalValue, explicit?.workspaceValue, explicit?.workspaceFolderValue].some((v) => v !== undefined);
    return {
      folder,
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
