import { existsSync } from "node:fs";
import { access, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import * as vscode from "vscode";
import { certificateFiles, generateCertificates } from "../../core";
import { patchGitignore } from "../model/gitignorePatch";

/** Generates certificate sets, asking before overwriting, and keeps their keys out of git. */
export class CertificateService {
  /** A .gitignore offer held back until the start it belongs to has finished. */
  private pending: { root: string; dir: string } | null = null;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  /**
   * Writes a fresh set into dir. Returns false when the user declined to overwrite.
   * folder (the workspace folder) enables the .gitignore offer, which never blocks: it is asked
   * at once without being awaited, or with deferGitignore when {@link offerPendingGitignore} is called.
   */
  async generate(
    dir: string,
    dirLabel: string,
    folder: vscode.Uri | null,
    o: { deferGitignore?: boolean } = {},
  ): Promise<boolean> {
    const existing = (
      await Promise.all(Object.values(certificateFiles(dir)).map(async (p) => ((await fileExists(p)) ? p : null)))
    ).filter((p) => p !== null);
    if (existing.length > 0) {
      const replace = "Replace Certificates";
      const answer = await vscode.window.showWarningMessage(
        `Replace the ${existing.length} existing certificate file(s) in ${dirLabel}?`,
        {
          modal: true,
          detail: "Clients using the current client certificate or CA will be refused until they use the new files.",
        },
        replace,
      );
      if (answer !== replace) return false;
    }
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Mock GPT: generating certificates in ${dirLabel}` },
      () => generateCertificates({ dir, force: existing.length > 0 }),
    );
    this.output.info(
      `certificates written to ${result.dir} (valid until ${result.expiresAt.toISOString().slice(0, 10)})`,
    );
    if (folder) {
      this.pending = { root: folder.fsPath, dir };
      if (!o.deferGitignore) this.offerPendingGitignore();
    }
    return true;
  }

  /** Asks the held-back .gitignore question, if any, without waiting for the answer. */
  offerPendingGitignore(): void {
    const p = this.pending;
    this.pending = null;
    if (p)
      void this.offerGitignore(p.root, p.dir).catch((err: unknown) =>
        this.output.warn(`.gitignore: ${err instanceof Error ? err.message : String(err)}`),
      );
  }

  /** Only for git repositories, and only the patterns not already ignored. */
  private async offerGitignore(root: string, dir: string): Promise<void> {
    if (!existsSync(join(root, ".git"))) return;
    const file = join(root, ".gitignore");
    const current = await readFile(file, "utf8").catch(() => "");
    const patch = patchGitignore(current, relative(root, dir));
    if (patch.added.length === 0) return;
    const add = "Add to .gitignore";
    const answer = await vscode.window.showInformationMessage(
      `Keep the generated keys out of git? Adds ${patch.added.join(", ")} to .gitignore.`,
      add,
    );
    if (answer !== add) return;
    // Re-read: the file may have changed while the question was open.
    const latest = patchGitignore(await readFile(file, "utf8").catch(() => ""), relative(root, dir));
    await writeFile(file, latest.text);
    this.output.info(`.gitignore: added ${latest.added.join(", ")}`);
  }
}

function fileExists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}
