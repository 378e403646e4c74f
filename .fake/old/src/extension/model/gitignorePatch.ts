/**
 * Patterns that keep generated certificates out of git, for a certificates folder given relative
 * to the repository root ("certs", "config/tls"). Keys are secrets; certificates are per-machine.
 */
export function certificatePatterns(certDirRel: string): string[] {
  const dir = normalizeDir(certDirRel);
  return dir === null ? [] : [`${dir}/*.key`, `${dir}/*.crt`];
}

export interface GitignorePatch {
  /** Patterns that were not ignored yet. */
  added: string[];
  /** The full new .gitignore text (unchanged when added is empty). */
  text: string;
}

/**
 * Appends only the patterns not already covered. "Covered" is judged conservatively by lines
 * that obviously match: the pattern itself, the whole folder ("certs/", "certs/*", "/certs"),
 * or the extension anywhere ("*.key"). Negations are left to the user.
 */
export function patchGitignore(existing: string, certDirRel: string): GitignorePatch {
  const dir = normalizeDir(certDirRel);
  if (dir === null) return { added: [], text: existing };
  const lines = new Set(
    existing
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.replace(/^\//, "")),
  );
  const folderIgnored = [dir, `${dir}/`, `${dir}/*`, `${dir}/**`].some((l) => lines.has(l));
  const added = certificatePatterns(dir).filter((p) => {
    const ext = p.slice(p.lastIndexOf("*"));
    return !folderIgnored && !lines.has(p) && !lines.has(ext) && !lines.has(`**/${ext}`);
  });
  if (added.length === 0) return { added, text: existing };
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const sep = existing === "" || existing.endsWith("\n") ? "" : eol;
  return {
    added,
    text: `${existing}${sep}# Mock GPT certificates (generated per machine)${eol}${added.join(eol)}${eol}`,
  };
}

/** Posix, no leading "./" or trailing "/"; null for the repo root itself or a path outside it. */
function normalizeDir(rel: string): string | null {
  const d = rel
    .replace(/\\/g, "/")
    .replace(/^\.\/+/, "")
    .replace(/\/+$/, "");
  if (d === "" || d === "." || d.startsWith("../") || d === ".." || d.startsWith("/") || /^[a-zA-Z]:/.test(d))
    return null;
  return d;
}
