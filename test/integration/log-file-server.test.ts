// A server's log file lives as long as its listener: a stop closes it (handle and exit hook), a
// start opens it again; nothing accumulates over many servers in one process (the testing API, tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handlesOn } from "../helpers/handles";
import { startTestServer } from "../helpers/server";

test("stopping a server closes its log file; twelve servers leave no handle and no exit hook", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-logserver-"));
  const file = join(dir, "mock.jsonl");
  const exitHooks = process.listenerCount("exit");
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on("warning", onWarning);
  const first = await startTestServer({ logging: { level: "info", file } });
  await first.client().models.list();
  await new Promise((r) => setImmediate(r));
  if (handlesOn(file) !== null) assert.equal(handlesOn(file), 1, "open while the server runs");
  await first.close();
  for (let i = 0; i < 11; i++) {
    const s = await startTestServer({ logging: { level: "info", file } });
    await s.client().models.list();
    await s.close();
  }
  process.off("warning", onWarning);
  assert.equal(process.listenerCount("exit"), exitHooks);
  assert.deepEqual(warnings, []);
  if (handlesOn(file) !== null) assert.equal(handlesOn(file), 0, "no handle left on the log file");
  const msgs = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
  assert.equal(msgs.filter((m) => m === "stopped").length, 12);
  assert.equal(msgs.filter((m) => m.startsWith("GET /v1/models 200")).length, 12);
  rmSync(dir, { recursive: true, force: true });
});
