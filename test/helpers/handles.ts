import { existsSync, readdirSync, readlinkSync } from "node:fs";

/** How many of this process's handles are open on `path` (Linux), or null where /proc is not there. */
export function handlesOn(path: string): number | null {
  if (!existsSync("/proc/self/fd")) return null;
  let n = 0;
  for (const fd of readdirSync("/proc/self/fd"))
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // closed meanwhile
    }
  return n;
}
