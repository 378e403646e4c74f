import { randomBytes } from "node:crypto";
// fs.promises, not node:fs/promises: it loads on the first use, not at every start.
import { promises as fsp } from "node:fs";
import { join, resolve } from "node:path";

/** Absolute paths of the six files of a workspace certificate set. */
export interface CertificateFiles {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export const CERTIFICATE_FILE_NAMES: Readonly<Record<keyof CertificateFiles, string>> = {
  caCert: "ca.crt",
  caKey: "ca.key",
  serverCert: "server.crt",
  serverKey: "server.key",
  clientCert: "client.crt",
  clientKey: "client.key",
};

/** Where each file of the set lives in dir (made absolute). */
export function certificateFiles(dir: string): CertificateFiles {
  const abs = resolve(dir);
  const entries = Object.entries(CERTIFICATE_FILE_NAMES).map(([k, name]) => [k, join(abs, name)]);
  return Object.fromEntries(entries) as unknown as CertificateFiles;
}

export async function exists(path: string): Promise<boolean> {
  return fsp.access(path).then(
    () => true,
    () => false,
  );
}

/** One file to write: its final path, PEM contents and mode. */
export interface StagedFile {
  path: string;
  contents: string;
  mode: number;
}

/**
 * Writes every file to a temp name beside its target, then swaps them all in.
 * Any failure restores the previous files (if any) and removes the temps, so the set is never a mix of two runs.
 */
export async function writeFileSet(files: StagedFile[]): Promise<void> {
  const tag = `.${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmp = (p: string) => `${p}${tag}.tmp`;
  const backup = (p: string) => `${p}${tag}.bak`;
  const backedUp: string[] = [];
  const placed: string[] = [];
  try {
    for (const f of files) {
      // mode on open keeps keys private from the first byte; chmod then undoes the umask.
      await fsp.writeFile(tmp(f.path), f.contents, { mode: f.mode, flag: "wx" });
      await fsp.chmod(tmp(f.path), f.mode);
    }
    for (const f of files) {
      if (!(await exists(f.path))) continue;
      await fsp.rename(f.path, backup(f.path));
      backedUp.push(f.path);
    }
    for (const f of files) {
      await place(tmp(f.path), f.path);
      placed.push(f.path);
    }
  } catch (err) {
    for (const p of placed) await fsp.rm(p, { force: true });
    for (const p of backedUp) await fsp.rename(backup(p), p).catch(() => undefined);
    throw err;
  } finally {
    for (const f of files) await fsp.rm(tmp(f.path), { force: true });
  }
  for (const p of backedUp) await fsp.rm(backup(p), { force: true });
}

// link() fails with EEXIST instead of clobbering, so a concurrent generator can't interleave with us.
async function place(from: string, to: string): Promise<void> {
  try {
    await fsp.link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Filesystems without hard links: fall back to rename, after the same no-clobber check.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV") throw err;
    if (await exists(to)) throw err;
    await fsp.rename(from, to);
  }
}
