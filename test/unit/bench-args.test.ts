/**
 * `npm run bench` loads the machine for minutes: asking for help, or a misspelt flag, must not start it.
 * Each case has to exit within seconds, before any server or load client starts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";

const BENCH = join(__dirname, "..", "..", "scripts", "bench.mjs");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BENCH, ...args], { encoding: "utf8", timeout: 20_000, killSignal: "SIGKILL" });

describe("the bench's arguments", () => {
  it("prints its usage for --help and -h, and starts nothing", () => {
    for (const flag of ["--help", "-h"]) {
      const r = run(flag);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^Usage: npm run bench/);
      assert.match(r.stdout, /--only a,b +scenarios: example, temp0, stream/);
      assert.doesNotMatch(r.stdout, /Mock GPT benchmark/);
    }
  });

  it("refuses a misspelt flag, a stray argument or an unknown scenario with the usage", () => {
    for (const [args, message] of [
      [["--round", "1"], /Unknown option '--round'/],
      [["fast"], /Unexpected argument 'fast'/],
      [["--only", "example,exampel"], /--only: no scenario exampel/],
    ] as const) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: npm run bench/);
    }
  });
});
