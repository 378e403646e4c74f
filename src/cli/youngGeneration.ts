import type * as V8 from "node:v8";

/**
 * The CLI's cap on V8's young generation (both semi-spaces), in MB. Under steady load V8 doubles new
 * space up to 32 MB, all of it resident; at 8 MB the scavenges come 4x as often but each finds only
 * the requests in flight: the CPU per request measured the same, and peak RSS ~20 MB lower.
 */
export const YOUNG_GENERATION_MB = 8;

/** Node flags by which the user chose the young generation's size themselves. */
const SIZING_FLAG = /--(max|min)[-_]semi[-_]space[-_]size|--semi[-_]space[-_]growth[-_]factor|--max[-_]heap[-_]size/;

/** Whether the user sized the heap with a Node flag (command line or NODE_OPTIONS): theirs wins. */
export function userSizedHeap(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => SIZING_FLAG.test(a)) || SIZING_FLAG.test(nodeOptions ?? "");
}

/** V8's growth factor that keeps new space of `size` bytes from passing `cap` bytes: 2 (its default) below. */
export function growthFactor(size: number, cap: number): number {
  return Math.min(2, Math.max(1, Math.floor(cap / size)));
}

/**
 * Holds new space at `mb` for this process, as far as it can from inside. `--max-semi-space-size`
 * caps it for sure, but only as a start flag (the heap's limits are fixed when V8 starts); the growth
 * factor is read at each growth, so after every GC we set it to 1 once new space has reached the cap,
 * and back to 2 if V8 shrank it. Best effort: GC notices arrive after the GC, so one request that
 * allocates tens of MB at once (chat with n = 128 and top_logprobs) can grow new space past the cap
 * before we see it, and V8 never shrinks it back under load; then it is where V8 would have it anyway.
 * For the CLI and the container only: the extension host is VS Code's process, not ours to tune.
 * Returns a stop function, or null when the user's own Node flag sizes the heap.
 */
export function capYoungGeneration(
  mb = YOUNG_GENERATION_MB,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS,
): (() => void) | null {
  if (userSizedHeap(execArgv, nodeOptions)) return null;
  // Loaded here, not with the CLI: node:v8 costs ~1.4 MB of idle RSS. A require: the launcher runs no import().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getHeapSpaceStatistics, setFlagsFromString } = require("node:v8") as typeof V8;
  const cap = mb * 1024 * 1024;
  let factor = 2;
  const check = () => {
    const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    if (!newSpace?.space_size) return;
    const next = growthFactor(newSpace.space_size, cap);
    if (next === factor) return;
    factor = next;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  check();
  const observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ["gc"] });
  return () => {
    observer.disconnect();
    if (factor !== 2) setFlagsFromString("--semi-space-growth-factor=2");
  };
}
