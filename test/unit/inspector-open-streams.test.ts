// An open inspector and open streams: a search leaves them packed, and neither following one nor an active
// search rebuilds a stream whole on every flush (each would cost its length every 100 ms).
import assert from "node:assert/strict";
import { test } from "node:test";
import { RequestLog } from "../../src/core/log/requestLog";
import { slotOf } from "../../src/core/log/chunkSlot";
import { opened } from "../helpers/streamEntries";
import { createBodySearch } from "../../src/core/pages/inspector/bodySearch";
import { createDetailFollower } from "../../src/core/pages/inspector/detailFollower";
import { batchRequestEvents } from "../../src/core/pages/inspector/requestBatcher";
import { StreamPacker } from "../../src/core/log/packedStream";

const payload = (i: number) =>
  `{"id":"chatcmpl-abc","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"w${i}"},"logprobs":null,"finish_reason":null}]}`;

const N = 2000;

/** Appends N chunks to `id`, flushing after each (every 100 ms in the product); the chunks rebuilt meanwhile. */
function rebuiltWhileStreaming(log: RequestLog, id: string, batcher: { flush(): void; dispose(): void }): number {
  let unpacked = 0;
  const orig = StreamPacker.prototype.chunks;
  StreamPacker.prototype.chunks = function (this: StreamPacker) {
    unpacked += this.count;
    return orig.call(this);
  };
  try {
    for (let i = 0; i < N; i++) {
      log.appendChunk(id, i, payload(i));
      batcher.flush();
    }
  } finally {
    StreamPacker.prototype.chunks = orig;
    batcher.dispose();
  }
  return unpacked;
}

test("a search over the log (matching) leaves open streams packed", () => {
  const log = new RequestLog();
  log.add(opened("a"));
  for (let i = 0; i < 50; i++) log.appendChunk("a", i, payload(i));
  const search = createBodySearch();
  search.set("zzz");
  search.matching(log.list());
  assert.equal(slotOf(log.get("a")!)!.unpacked, false, "matching() unpacked the open stream (held twice from now on)");
});

test("following an open stream's detail does not unpack it whole on every flush", () => {
  const log = new RequestLog();
  log.add(opened("b"));
  const follower = createDetailFollower(log, () => undefined);
  const batcher = batchRequestEvents(log, () => undefined, { intervalMs: 1e9, afterFlush: follower.follow });
  follower.send("b");
  const unpacked = rebuiltWhileStreaming(log, "b", batcher);
  // Sending N new chunks should cost O(N) chunk rebuilds, not O(N^2).
  assert.ok(unpacked < 10 * N, `rebuilt ${unpacked} chunks to send ${N}`);
});

test("an active search does not unpack every open stream whole on every flush", () => {
  const log = new RequestLog();
  log.add(opened("c"));
  const search = createBodySearch();
  search.set("stream"); // matches the request body already: the chunks need not be read at all
  const batcher = batchRequestEvents(log, () => undefined, { intervalMs: 1e9, summarize: search.summary });
  const unpacked = rebuiltWhileStreaming(log, "c", batcher);
  assert.ok(unpacked < 10 * N, `rebuilt ${unpacked} chunks for ${N} flushes`);
});

test("an active search that must read the chunks unpacks an open stream once, not on every flush", () => {
  const log = new RequestLog();
  log.add(opened("d"));
  const search = createBodySearch();
  search.set("no such text"); // never matches: every flush reads the chunks
  const batcher = batchRequestEvents(log, () => undefined, { intervalMs: 1e9, summarize: search.summary });
  const unpacked = rebuiltWhileStreaming(log, "d", batcher);
  assert.ok(unpacked < 10 * N, `rebuilt ${unpacked} chunks for ${N} flushes`);
  assert.equal(search.summary(log.get("d")!).match, false);
});
