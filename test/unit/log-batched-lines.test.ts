import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { batchedLines } from "../../src/core/log/batchedLines";

const turn = () => new Promise((r) => setImmediate(r));

test("queued lines go out together, in order, at the end of the turn", async () => {
  const writes: string[] = [];
  const lines = batchedLines((t) => writes.push(t));
  lines.add("a");
  lines.add("b");
  assert.deepEqual(writes, [], "nothing written within the turn");
  await turn();
  assert.deepEqual(writes, ["a\nb\n"]);
  await turn();
  assert.deepEqual(writes, ["a\nb\n"], "no empty write");
});

test("a line written now goes after those queued, and at once", () => {
  const writes: string[] = [];
  const lines = batchedLines((t) => writes.push(t));
  lines.add("info 1");
  lines.now("error 2");
  assert.deepEqual(writes, ["info 1\nerror 2\n"]);
});

test("a full queue is written without waiting for the turn", () => {
  const writes: string[] = [];
  const lines = batchedLines((t) => writes.push(t), 10);
  lines.add("12345");
  assert.equal(writes.length, 0);
  lines.add("67890");
  assert.deepEqual(writes, ["12345\n67890\n"]);
});

test("what is queued is written when the process exits", () => {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-lines-"));
  const script = join(dir, "exits.ts");
  const module = join(__dirname, "../../src/core/log/batchedLines");
  writeFileSync(
    script,
    `import { batchedLines } from ${JSON.stringify(module)};\n` +
      `const lines = batchedLines((t) => process.stdout.write(t));\n` +
      `lines.add("last words");\n` +
      `process.exit(0);\n`,
  );
  const r = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "last words\n");
});
