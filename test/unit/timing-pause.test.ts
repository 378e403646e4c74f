import { test } from "node:test";
import assert from "node:assert/strict";
import { pause } from "../../src/core/server/timing";

// Node's timers count in libuv's whole milliseconds, so a bare setTimeout(fn, 3.7) can fire after
// 3.0 ms by performance.now(). A requested time to first token is a minimum: pause must honour it.
test("pause never ends before its time by performance.now()", async () => {
  const signal = new AbortController().signal;
  for (let i = 0; i < 20; i++) {
    const ms = 2 + (i % 10) / 10 + 0.05;
    const start = performance.now();
    assert.equal(await pause(ms, signal), null);
    const took = performance.now() - start;
    assert.ok(took >= ms, `pause(${ms}) took ${took.toFixed(2)} ms`);
  }
});

test("pause ends early, with the reason, when the server stops", async () => {
  const ac = new AbortController();
  const start = performance.now();
  setTimeout(() => ac.abort(), 5);
  assert.equal(await pause(5_000, ac.signal), "server_stopped");
  assert.ok(performance.now() - start < 1_000);
});
