// buildah (vfs storage, chroot isolation) for the container test: no Docker engine on these machines.
// See shared notes "containers": `buildah run` ignores the image's CMD/ENTRYPOINT/HEALTHCHECK, so the
// test reads them from `buildah inspect` and runs them itself.
import { execFile, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const BUILDAH = ["--storage-driver", "vfs"];

/** Why the container test cannot run here, or null. */
export function buildahProblem(): string | null {
  if (spawnSync("buildah", ["--version"]).status !== 0)
    return "buildah not found (bash scripts/setup-test-deps.sh installs it)";
  if (process.getuid?.() !== 0) return "needs root (buildah with chroot isolation and debootstrap)";
  return null;
}

export async function buildah(args: string[], timeout = 120_000): Promise<string> {
  const { stdout } = await exec("buildah", [...BUILDAH, ...args], { encoding: "utf8", timeout, maxBuffer: 64 << 20 });
  return stdout;
}

export interface ImageConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  WorkingDir?: string;
}
export interface ImageInfo {
  config: ImageConfig;
  healthcheck?: { Test: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
  diffIds: string[];
}

export async function inspectImage(image: string): Promise<ImageInfo> {
  const d = JSON.parse(await buildah(["inspect", "--type", "image", image])) as {
    OCIv1: { config: ImageConfig; rootfs: { diff_ids: string[] } };
    Docker?: { config?: { Healthcheck?: ImageInfo["healthcheck"] } };
  };
  return { config: d.OCIv1.config, healthcheck: d.Docker?.config?.Healthcheck, diffIds: d.OCIv1.rootfs.diff_ids };
}

function parentOf(pid: number): number | null {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** A descendant of root whose command line contains needle (buildah run forks the container's process). */
export function findDescendant(root: number, needle: string): number | null {
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === root) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      continue;
    }
    if (!cmd.includes(needle) || cmd.startsWith("buildah")) continue;
    for (let p: number | null = pid, hops = 0; p && p > 1 && hops < 10; p = parentOf(p), hops++)
      if (p === root) return pid;
  }
  return null;
}

/** A /proc/<pid>/status field, e.g. "VmRSS" → "75368 kB". */
export function procStatus(pid: number, field: string): string | null {
  try {
    const m = new RegExp(`^${field}:\\s+(.*)$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? m[1]!.trim() : null;
  } catch {
    return null;
  }
}
