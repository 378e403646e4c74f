// A connection's close listener (src/core/server/timing.ts) lives as long as the connection. It must not
// keep the waiters that came and went before: a listener made in the first waiter's scope kept that
// waiter, with its timer and closures (~700 bytes), alive for every open stream.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { onConnectionClose, pause } from "../../src/core/server/timing";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects garbage until `ref` is gone (finalization can take a turn or two), or gives up. */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 10 && ref.deref(); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  return ref.deref() === undefined;
}

test("an unsubscribed watcher is not kept alive by its open connection", async () => {
  const socket = new EventEmitter() as unknown as Duplex;
  let ref: WeakRef<object>;
  (() => {
    const watcher = () => {};
    ref = new WeakRef(watcher);
    onConnectionClose(socket, watcher)();
  })();
  assert.ok(await collected(ref!), "the first watcher outlived its unsubscribe");
  // The connection still works for the watchers after it.
  let closed = 0;
  onConnectionClose(socket, () => closed++);
  socket.emit("close");
  assert.equal(closed, 1);
});

test("a pause that ended leaves nothing behind on its open connection", async () => {
  const socket = new EventEmitter() as unknown as Duplex;
  const signal = new AbortController().signal;
  let ref: WeakRef<object>;
  await (async () => {
    const done = pause(1, signal, socket);
    ref = new WeakRef(done);
    assert.equal(await done, null);
  })();
  assert.ok(await collected(ref!), "an ended pause outlived its wait");
  assert.equal(await pause(1, signal, socket), null);
});
