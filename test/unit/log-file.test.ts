// The JSON-lines log file: kept open, written once per turn of the event loop, following rotation.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppendOnlyFile } from "../../src/core/log/appendOnlyFile";
import { createLogger } from "../../src/core/log/logger";
import { handlesOn } from "../helpers/handles";

const turn = () => new Promise((r) => setImmediate(r));
const dir = () => mkdtempSync(join(tmpdir(), "mock-gpt-logfile-"));
const records = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { msg: string; level: string });

test("records reach the file at the end of the turn, warnings at once, in order; mode 600", async () => {
  const d = dir();
  const path = join(d, "logs", "mock.jsonl");
  const log = createLogger({ level: "info", file: path });
  log.info("one");
  log.info("two");
  log.warn("three");
  assert.deepEqual(
    records(path).map((r) => r.msg),
    ["one", "two", "three"],
    "a warning writes what was queued before it",
  );
  log.info("four");
  assert.equal(records(path).length, 3, "an info record waits for the end of the turn");
  await turn();
  assert.deepEqual(
    records(path).map((r) => r.msg),
    ["one", "two", "three", "four"],
  );
  assert.equal(statSync(path).mode & 0o777, 0o600);
  log.info("five");
  log.close();
  assert.equal(records(path).at(-1)?.msg, "five", "close writes what is queued");
  rmSync(d, { recursive: true, force: true });
});

test("a rotated or removed file is followed: later lines go to a new file at the path", () => {
  const d = dir();
  const path = join(d, "mock.jsonl");
  const f = new AppendOnlyFile(path);
  f.write("a\n");
  renameSync(path, path + ".1"); // logrotate's create mode
  f.write("b\n");
  assert.equal(readFileSync(path + ".1", "utf8"), "a\n");
  assert.equal(readFileSync(path, "utf8"), "b\n");
  unlinkSync(path);
  f.write("c\n");
  assert.equal(readFileSync(path, "utf8"), "c\n");
  f.close();
  f.write("d\n"); // after close: opens again
  assert.equal(readFileSync(path, "utf8"), "c\nd\n");
  f.close();
  rmSync(d, { recursive: true, force: true });
});

test("a file that cannot be written stops quietly, without throwing", () => {
  const d = dir();
  writeFileSync(join(d, "not-a-folder"), "");
  const f = new AppendOnlyFile(join(d, "not-a-folder", "mock.jsonl"));
  assert.doesNotThrow(() => f.write("x\n"));
  assert.doesNotThrow(() => f.write("y\n"));
  const log = createLogger({ file: join(d, "not-a-folder", "other.jsonl") });
  assert.doesNotThrow(() => log.error("still running"));
  rmSync(d, { recursive: true, force: true });
});

test("a closed logger keeps no handle and no exit hook, and a late record still reaches the file", async () => {
  const d = dir();
  const path = join(d, "mock.jsonl");
  const exitHooks = process.listenerCount("exit");
  const log = createLogger({ file: path });
  assert.equal(process.listenerCount("exit"), exitHooks + 1, "writes what is queued at exit");
  log.info("before");
  await turn();
  if (handlesOn(path) !== null) assert.equal(handlesOn(path), 1, "kept open while in use");
  log.close();
  assert.equal(process.listenerCount("exit"), exitHooks, "close takes its exit hook away");
  log.info("late: a request that was in flight");
  await turn();
  assert.deepEqual(
    records(path).map((r) => r.msg),
    ["before", "late: a request that was in flight"],
  );
  if (handlesOn(path) !== null) assert.equal(handlesOn(path), 0, "no handle outlives the close");
  rmSync(d, { recursive: true, force: true });
});

test("a log folder removed while running is not made again", () => {
  const d = dir();
  const path = join(d, "logs", "mock.jsonl");
  const f = new AppendOnlyFile(path);
  f.write("a\n");
  rmSync(join(d, "logs"), { recursive: true, force: true });
  f.write("b\n");
  assert.equal(existsSync(join(d, "logs")), false);
  f.close();
  rmSync(d, { recursive: true, force: true });
});
