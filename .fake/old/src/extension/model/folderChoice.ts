import { isAbsolute, relative, sep } from "node:path";

/** A workspace folder as the pure logic sees it (the adapter maps vscode.WorkspaceFolder). */
export interface FolderRef {
  name: string;
  /** uri.toString(): how folders are compared and remembered. */
  uri: string;
  fsPath: string;
}

/** The question of the folder pick, for Start and for Choose Workspace Folder alike. */
export const FOLDER_PICK_PLACEHOLDER = "Which folder's config/ and certs/ should Mock GPT use?";
export const CURRENT_FOLDER = "current";
export const START_AGAIN = "Start Again";

/**
 * How to name a folder to the user: relative to its workspace folder ("certs/"); in a multi-root
 * workspace, where every folder may have a certs/, with the folder's name first ("beta/certs/");
 * the full path when it is not inside the folder.
 */
export function dirLabel(dir: string, folder: Pick<FolderRef, "name" | "fsPath"> | null, multiRoot: boolean): string {
  if (!folder) return dir;
  const rel = relative(folder.fsPath, dir);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) return dir;
  const inside = `${rel.split(sep).join("/")}/`;
  return multiRoot ? `${folder.name}/${inside}` : inside;
}

export interface FolderPick {
  label: string;
  description: string;
  uri: string;
}

/** One row per folder, in workspace order: its name, then its path; the current one says so first. */
export function folderPicks(folders: readonly FolderRef[], current: string | undefined): FolderPick[] {
  return folders.map((f) => ({
    label: f.name,
    description: f.uri === current ? `${CURRENT_FOLDER} · ${f.fsPath}` : f.fsPath,
    uri: f.uri,
  }));
}

/** What choosing a folder means for the server. */
export type ChoiceEffect = "none" | "restart" | "reload";

/**
 * "restart" when the server runs (or is starting) on another folder: Start's flow on the new one.
 * "reload" when it is stopped but a config was loaded from another folder, so snippets and the
 * health page follow the choice. "none" when nothing was loaded or the folder did not change.
 */
export function effectOfChoice(chosen: string, serving: string | null | undefined, live: boolean): ChoiceEffect {
  if (serving === undefined || serving === chosen) return "none";
  return live ? "restart" : "reload";
}

export interface RemovalPlan {
  /** The remembered choice was removed: forget it, so Start asks again. */
  forget: boolean;
  /** The folder the server's configuration came from was removed: drop that configuration. */
  drop: boolean;
  /** ... and the server runs on it: stop it and say so. */
  stop: boolean;
  /** The removed folder the server used, for the message. */
  folderName: string | null;
}

/**
 * After folders left the workspace. remembered: the saved choice; serving: the folder whose
 * configuration is loaded (null on built-in defaults, undefined when nothing is loaded); live:
 * running or starting.
 */
export function planForRemovedFolders(
  removed: readonly FolderRef[],
  remembered: string | undefined,
  serving: string | null | undefined,
  live: boolean,
): RemovalPlan {
  const gone = removed.find((f) => f.uri === serving);
  return {
    forget: remembered !== undefined && removed.some((f) => f.uri === remembered),
    drop: gone !== undefined,
    stop: gone !== undefined && live,
    folderName: gone?.name ?? null,
  };
}

export function folderRemovedMessage(folderName: string): string {
  return `Mock GPT stopped: the folder "${folderName}" it was running on was removed from the workspace.`;
}
