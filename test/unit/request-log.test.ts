import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { RequestLog } from "../../src/core/log/requestLog";
import type { LogEntry } from "../../src/shared/requestLog";

function entry(id: string, body = ""): Omit<LogEntry, "seq"> {
  return {
    id,
    kind: "http",
    time: 0,
    durationMs: null,
    client: null,
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    status: null,
    model: null,
    stream: false,
    scenario: "normal",
    request: { headers: {}, body, bodyTruncated: false },
    response: { headers: {}, body: "", bodyTruncated: false },
    chunks: [],
    usage: null,
    error: null,
  };
}

describe("RequestLog", () => {
  test("keeps at most `capacity` entries, evicting the oldest and saying which", () => {
    const log = new RequestLog({ capacity: 3 });
    const evicted: string[][] = [];
    log.on("evicted", (ids) => evicted.push(ids));
    for (const id of ["a", "b", "c", "d", "e"]) log.add(entry(id));
    assert.deepEqual(
      log.list().map((e) => e.id),
      ["c", "d", "e"],
    );
    assert.deepEqual(evicted, [["a"], ["b"]]);
    assert.deepEqual(
      log.list().map((e) => e.seq),
      [3, 4, 5],
    );
  });

  test("stays exact over many evictions, a live entry that is the oldest included, and after clear", () => {
    const log = new RequestLog({ capacity: 50, maxTotalChars: 2_000 });
    let evictedCount = 0;
    log.on("evicted", (ids) => (evictedCount += ids.length));
    for (let i = 0; i < 5_000; i++) log.add(entry(`r${i}`));
    assert.deepEqual(
      log.list().map((e) => e.id),
      Array.from({ length: 50 }, (_, k) => `r${4_950 + k}`),
    );
    assert.equal(evictedCount, 4_950);
    // The oldest entry grows past the size bound while live: it stays, every other entry goes.
    const live = log.list()[0]!.id;
    log.update(live, (e) => (e.response.body = "z".repeat(2_100)));
    assert.deepEqual(
      log.list().map((e) => e.id),
      [live],
    );
    // The next write evicts it in its turn, and the queue order still holds.
    for (const id of ["n1", "n2", "n3"]) log.add(entry(id, "y".repeat(5)));
    assert.deepEqual(
      log.list().map((e) => e.id),
      ["n1", "n2", "n3"],
    );
    assert.equal(log.chars, 15);
    log.clear();
    for (const id of ["x", "y"]) log.add(entry(id));
    assert.deepEqual(
      log.list().map((e) => e.id),
      ["x", "y"],
    );
  });

  test("is bounded by total body size too, so large requests cannot grow it without limit", () => {
    const log = new RequestLog({ capacity: 1000, maxTotalChars: 10_000 });
    for (let i = 0; i < 50; i++) log.add(entry(`r${i}`, "x".repeat(3000)));
    assert.ok(log.chars <= 10_000, `chars ${log.chars}`);
    assert.equal(log.size, 3);
    assert.equal(log.list().at(-1)!.id, "r49", "the newest stays");
  });

  test("counts response bodies and streamed chunks as they arrive", () => {
    const log = new RequestLog({ maxTotalChars: 5_000 });
    log.add(entry("old", "y".repeat(2_000)));
    log.add(entry("live"));
    log.update("live", (e) => (e.response.body = "z".repeat(1_000)));
    assert.equal(log.chars, 3_000);
    for (let i = 0; i < 30; i++) log.appendChunk("live", i, "c".repeat(100));
    assert.equal(log.get("old"), undefined, "the old entry made room for the live stream");
    assert.equal(log.chars, 4_000);
    log.update("live", (e) => (e.status = 200));
    assert.equal(log.chars, 4_000, "recounting after an update is consistent");
  });

  test("caps chunks per stream, clips bodies, clears and resizes", () => {
    const log = new RequestLog({ capacity: 5, maxChunks: 2, maxBodyChars: 4 });
    log.add(entry("s"));
    for (let i = 0; i < 5; i++) log.appendChunk("s", i, "d");
    assert.equal(log.get("s")!.chunks.length, 2);
    assert.deepEqual(log.clip("abcdef"), { body: "abcd", truncated: true });
    for (const id of ["a", "b", "c", "d"]) log.add(entry(id));
    log.resize(2);
    assert.deepEqual(
      log.list().map((e) => e.id),
      ["c", "d"],
    );
    let cleared = false;
    log.on("cleared", () => (cleared = true));
    log.clear();
    assert.equal(log.size, 0);
    assert.equal(log.chars, 0);
    assert.ok(cleared);
  });
});
