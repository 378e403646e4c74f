import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { growthFactor, userSizedHeap, YOUNG_GENERATION_MB } from "../../src/cli/youngGeneration";

const MB = 1024 * 1024;

test("the growth factor is V8's 2 below the cap, and 1 from the cap on", () => {
  assert.equal(growthFactor(1 * MB, 8 * MB), 2);
  assert.equal(growthFactor(4 * MB, 8 * MB), 2);
  assert.equal(growthFactor(6 * MB, 8 * MB), 1); // 12 MB would pass the cap
  assert.equal(growthFactor(8 * MB, 8 * MB), 1);
  assert.equal(growthFactor(32 * MB, 8 * MB), 1);
});

test("a Node flag of the user's that sizes the heap wins over the cap", () => {
  assert.equal(userSizedHeap([], undefined), false);
  assert.equal(userSizedHeap(["--enable-source-maps"], "--no-warnings"), false);
  assert.equal(userSizedHeap(["--max-semi-space-size=16"], undefined), true);
  assert.equal(userSizedHeap(["--max_semi_space_size=16"], undefined), true);
  assert.equal(userSizedHeap([], "--max-old-space-size=512 --min-semi-space-size=4"), true);
  assert.equal(userSizedHeap([], "--semi-space-growth-factor=4"), true);
});

// A child process allocates like a server under load (short-lived objects, some in flight across turns of the event
// loop) and prints the largest new space it saw. Without the cap V8 grows it past 8 MB; with it, it stays there.
function largestNewSpace(cap: boolean, flags: string[] = []): { mb: number; capped: string } {
  const module = resolve(import.meta.dirname, "../../src/cli/youngGeneration.ts");
  const code = `
    const v8 = require("node:v8");
    const { capYoungGeneration } = require(${JSON.stringify(module)});
    const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
    let largest = size();
    const inFlight = [];
    (async () => {
      const stop = ${cap} ? capYoungGeneration() : null;
      for (let turn = 0; turn < 400; turn++) {
        for (let i = 0; i < 5000; i++) {
          inFlight.push({ id: "req-" + i + "-" + turn, body: [i, turn, "x".repeat(i % 64)] });
          if (inFlight.length > 3000) inFlight.splice(0, 1500);
        }
        await new Promise((r) => setImmediate(r));
        largest = Math.max(largest, size());
      }
      console.log(JSON.stringify({ mb: largest / ${MB}, capped: String(stop !== null) }));
      stop?.();
    })();`;
  const r = spawnSync(process.execPath, [...flags, "--import", "tsx", "-e", code], {
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

test("capYoungGeneration holds new space at the cap; without it V8 grows past it", () => {
  const free = largestNewSpace(false);
  const capped = largestNewSpace(true);
  assert.ok(free.mb > YOUNG_GENERATION_MB, `the workload must grow new space past the cap: ${free.mb} MB`);
  assert.equal(capped.capped, "true");
  assert.ok(capped.mb <= YOUNG_GENERATION_MB, `capped new space reached ${capped.mb} MB`);
});

test("with --max-semi-space-size on the command line, the user's size stands", () => {
  const r = largestNewSpace(true, ["--max-semi-space-size=16"]);
  assert.equal(r.capped, "false");
  assert.ok(r.mb > YOUNG_GENERATION_MB, `new space stayed at ${r.mb} MB under the user's 32 MB`);
});
