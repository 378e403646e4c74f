// Streams stored once: a finished stream's chunks are packed and its body rebuilt from them. Every reader
// (JSON, exports, spreads, structured clones) must see exactly what a plain copy of the entry holds.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { RequestLog } from "../../src/core/log/requestLog";
import { pack, sseText, unpack } from "../../src/core/log/packedStream";
import { toHar, toJsonExport } from "../../src/shared/pages/inspector/har";
import { summarize } from "../../src/shared/pages/inspector/protocol";
import type { LogEntry, StreamChunk } from "../../src/shared/requestLog";
import { batchRequestEvents } from "../../src/core/pages/inspector/requestBatcher";
import { inspectorContext } from "../../src/core/pages/inspector/controller";
import type { InspectorToPage } from "../../src/shared/pages/inspector/protocol";
import { EntryStore } from "../../webview/inspector/store";
import { slotOf } from "../../src/core/log/chunkSlot";
import { entry, opened } from "../helpers/streamEntries";
import { createDetailFollower } from "../../src/core/pages/inspector/detailFollower";
import { createBodySearch } from "../../src/core/pages/inspector/bodySearch";
import { inspect } from "node:util";

/** A small seeded PRNG, so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const WORDS = [
  "Hello",
  "!",
  " How",
  " can",
  " I",
  " help",
  "",
  " 🙂",
  " é",
  "\n```py",
  "\\",
  '"',
  "data: x",
  "aaa",
  "aa",
];

/** Chat-completion-like chunk payloads (a shared envelope around a little content), or random text. */
function streamPayloads(random: () => number, n: number): string[] {
  const id = `chatcmpl-${Math.floor(random() * 1e9)}`;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.1) out.push(WORDS[Math.floor(random() * WORDS.length)]!);
    else if (r < 0.15) out.push(out.at(-1) ?? "");
    else {
      const content = JSON.stringify(WORDS[Math.floor(random() * WORDS.length)]);
      out.push(
        `{"id":"${id}","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":${content}},"logprobs":null,"finish_reason":null}]}`,
      );
    }
  }
  if (random() < 0.8) out.push("[DONE]");
  return out;
}

/** Chat chunks only: the envelope the real stream repeats around each token. */
const chatPayloads = (random: () => number, n: number) =>
  streamPayloads(random, n * 2)
    .filter((p) => p.startsWith('{"id"'))
    .slice(0, n)
    .concat("[DONE]");

/**
 * Records a stream the way the server does: begin, a chunk per event, then finish with no body (the
 * log rebuilds it), or, as the server did before, with the raw SSE text; or with `rawOverride`.
 */
function record(log: RequestLog, id: string, payloads: string[], rawOverride?: string, emptyBody = true): void {
  log.add(entry(id));
  log.update(id, (e) => {
    e.status = 200;
    e.response.headers = { "content-type": "text/event-stream; charset=utf-8" };
  });
  let raw = "";
  payloads.forEach((p, i) => {
    raw += `data: ${p}\n\n`;
    log.appendChunk(id, i * 1.5, p);
  });
  const clipped = log.clip(rawOverride ?? (emptyBody ? "" : raw));
  log.update(id, (e) => {
    e.durationMs = 12.5;
    e.usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    e.response = { headers: e.response.headers, body: clipped.body, bodyTruncated: clipped.truncated };
  });
}

/** What the log held before streams were packed: plain chunks and the raw text, clipped like any body. */
function reference(
  log: RequestLog,
  id: string,
  payloads: string[],
  seq: number,
  rawOverride?: string,
  emptyBody = false,
): LogEntry {
  const chunks: StreamChunk[] = payloads.slice(0, log.maxChunks).map((data, i) => ({ t: i * 1.5, data }));
  const clipped = log.clip(rawOverride ?? payloads.map((p) => `data: ${p}\n\n`).join(""));
  // The one difference: past maxChunks, a body rebuilt from the kept chunks ends with them, marked truncated.
  if (emptyBody && !rawOverride && payloads.length > log.maxChunks)
    Object.assign(clipped, { body: log.clip(sseText(chunks)).body, truncated: true });
  return {
    ...entry(id),
    seq,
    status: 200,
    durationMs: 12.5,
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    response: {
      headers: { "content-type": "text/event-stream; charset=utf-8" },
      body: clipped.body,
      bodyTruncated: clipped.truncated,
    },
    chunks,
  };
}

describe("RequestLog: streams stored once", () => {
  test("pack/unpack is lossless over many generated streams", () => {
    const random = rng(7);
    for (let k = 0; k < 500; k++) {
      const payloads = streamPayloads(random, Math.floor(random() * 60));
      const chunks = payloads.map((data, i) => ({ t: i * 0.1 + random(), data }));
      const back = unpack(pack(chunks));
      assert.deepEqual(back, chunks, `stream ${k}`);
      assert.equal(pack(chunks).sseLength, sseText(chunks).length);
    }
  });

  test("each chunk keeps only what differs: the longest shared prefix and suffix, guessed or not", () => {
    const random = rng(17);
    for (let k = 0; k < 300; k++) {
      const payloads = k % 2 ? chatPayloads(random, 1 + Math.floor(random() * 40)) : streamPayloads(random, 40);
      const p = pack(payloads.map((data, i) => ({ t: i, data })));
      let prev = "";
      payloads.forEach((data, i) => {
        const max = Math.min(prev.length, data.length);
        let pre = 0;
        while (pre < max && prev[pre] === data[pre]) pre++;
        let suf = 0;
        while (suf < max - pre && prev[prev.length - 1 - suf] === data[data.length - 1 - suf]) suf++;
        assert.deepEqual([p.shape[i * 3], p.shape[i * 3 + 1]], [pre, suf], `stream ${k}, chunk ${i}`);
        prev = data;
      });
    }
  });

  test("a finished stream reads exactly as the old plain entry did, through every reader", () => {
    const random = rng(11);
    for (let k = 0; k < 300; k++) {
      const small = random() < 0.3;
      const log = new RequestLog({ maxBodyChars: small ? 500 : 262_144, maxChunks: small ? 7 : 5000 });
      const payloads = streamPayloads(random, 1 + Math.floor(random() * 40));
      // Sometimes the raw text is not the chunks (a client that left mid-write): it must stay as it was.
      const override = random() < 0.1 ? `data: ${payloads[0]}\n\ndata: partial` : undefined;
      const emptyBody = random() < 0.5;
      record(log, "s", payloads, override, emptyBody);
      const got = log.get("s")!;
      const want = reference(log, "s", payloads, 1, override, emptyBody);
      assert.equal(JSON.stringify(got), JSON.stringify(want), `stream ${k}: JSON`);
      assert.deepEqual(structuredClone(got), want, `stream ${k}: structured clone`);
      assert.deepEqual({ ...got, response: { ...got.response } }, want, `stream ${k}: spread`);
      assert.deepEqual(summarize(got), summarize(want), `stream ${k}: summary`);
      assert.deepEqual(toHar([got], { serverUrl: null }), toHar([want], { serverUrl: null }), `stream ${k}: HAR`);
      const json = (e: LogEntry) => JSON.parse(toJsonExport([e], { serverUrl: null })).entries;
      assert.deepEqual(json(got), json(want), `stream ${k}: JSON export`);
    }
  });

  test("holds a typical stream once, in a fraction of its text", () => {
    const log = new RequestLog();
    const payloads = chatPayloads(rng(3), 300);
    record(log, "s", payloads);
    const sse = payloads.map((p) => `data: ${p}\n\n`).join("");
    assert.ok(log.chars < sse.length / 4, `${log.chars} chars held for a ${sse.length}-char stream`);
    assert.equal(log.get("s")!.response.body, sse);
  });

  test("a change after the stream finished (a late chunk, a new body) is kept exactly", () => {
    const log = new RequestLog();
    const payloads = streamPayloads(rng(5), 20);
    record(log, "s", payloads);
    log.appendChunk("s", 99, "late");
    assert.deepEqual(log.get("s")!.chunks.at(-1), { t: 99, data: "late" });
    assert.equal(log.get("s")!.chunks.length, payloads.length + 1);
    log.update("s", (e) => (e.response.body = "replaced"));
    assert.equal(log.get("s")!.response.body, "replaced");
    assert.equal(log.get("s")!.chunks.length, payloads.length + 1);
    log.update("s", (e) => (e.chunks = [{ t: 1, data: "only" }]));
    assert.deepEqual(log.get("s")!.chunks, [{ t: 1, data: "only" }]);
    assert.equal(log.get("s")!.response.body, "replaced");
  });

  test("an open stream reads as plain chunks at every point, through every reader, and follows its reader", () => {
    const random = rng(13);
    for (let k = 0; k < 200; k++) {
      const log = new RequestLog({ maxChunks: random() < 0.3 ? 5 : 5000 });
      const payloads = streamPayloads(random, 1 + Math.floor(random() * 30));
      log.add(k % 2 ? opened("s") : entry("s"));
      const live = log.get("s")!;
      // -1: a view that opened the entry before its first chunk, and keeps that (empty) array.
      const readAt = Math.floor(random() * (payloads.length + 1)) - 1;
      let held: StreamChunk[] | null = readAt < 0 ? live.chunks : null;
      payloads.forEach((p, i) => {
        log.appendChunk("s", i * 1.5, p);
        const want = payloads.slice(0, Math.min(i + 1, log.maxChunks)).map((data, j) => ({ t: j * 1.5, data }));
        if (i === readAt) held = live.chunks; // a view that reads mid-stream keeps that array
        if (held) assert.deepEqual(held, want, `stream ${k}: the array read follows the stream`);
        if (i === readAt || random() < 0.2) {
          assert.deepEqual(live.chunks, want, `stream ${k} at ${i}`);
          assert.deepEqual(JSON.parse(JSON.stringify(live)).chunks, want, `stream ${k} at ${i}: JSON`);
          assert.deepEqual(structuredClone(live).chunks, want, `stream ${k} at ${i}: structured clone`);
          assert.equal(summarize(live).chunkCount, want.length);
        }
      });
      log.update("s", (e) => {
        e.durationMs = 12.5;
        e.status = 200;
      });
      const n = Math.min(payloads.length, log.maxChunks);
      assert.deepEqual(
        log.get("s")!.chunks,
        payloads.slice(0, n).map((data, j) => ({ t: j * 1.5, data })),
        `stream ${k}: finished`,
      );
      assert.equal(log.get("s")!.response.body, log.clip(sseText(log.get("s")!.chunks)).body);
    }
  });

  for (const [how, make] of [
    ["as the server opens it", opened],
    ["added plain", entry],
  ] as const)
    test(`an open stream changed through its entry (assigned, or pushed to) keeps every chunk (${how})`, () => {
      const log = new RequestLog();
      log.add(make("s"));
      log.appendChunk("s", 1, "a");
      log.update("s", (e) => e.chunks.push({ t: 2, data: "b" }));
      log.appendChunk("s", 3, "c");
      log.update("s", (e) => (e.durationMs = 1));
      assert.deepEqual(log.get("s")!.chunks, [
        { t: 1, data: "a" },
        { t: 2, data: "b" },
        { t: 3, data: "c" },
      ]);
      log.update("s", (e) => {
        e.chunks = [{ t: 0, data: "only" }];
        e.durationMs = null;
      });
      log.appendChunk("s", 4, "d");
      log.update("s", (e) => (e.durationMs = 1));
      assert.deepEqual(log.get("s")!.chunks, [
        { t: 0, data: "only" },
        { t: 4, data: "d" },
      ]);
    });

  test("an open inspector keeps open streams packed: list rows, a search, the followed detail", () => {
    const log = new RequestLog();
    const sent: InspectorToPage[] = [];
    const search = createBodySearch();
    search.set("help");
    const follower = createDetailFollower(log, (m) => sent.push(m));
    const batcher = batchRequestEvents(log, (m) => sent.push(m), { intervalMs: 1000, afterFlush: follower.follow });
    const plainRows = batchRequestEvents(log, () => undefined, { intervalMs: 1000 }); // the default summary
    const payloads = chatPayloads(rng(21), 12);
    for (const id of ["a", "b"]) log.add(opened(id));
    follower.send("b");
    payloads.forEach((p, i) => {
      for (const id of ["a", "b"]) log.appendChunk(id, i, p);
      if (i % 4 === 3) {
        batcher.flush();
        plainRows.flush();
        assert.equal(search.summary(log.get("a")!).chunkCount, i + 1);
      }
    });
    batcher.flush();
    // Rows never unpack; the search reads a's chunks only when its bodies do not match; the followed
    // detail reads b's through the entry, unpacked once and then growing (not rebuilt for each flush).
    const needsChunks = !/help/i.test(log.get("a")!.request.body);
    assert.equal(slotOf(log.get("a")!)!.unpacked, needsChunks, "a is unpacked only for the search's chunk reads");
    assert.equal(slotOf(log.get("b")!)!.unpacked, true, "the followed stream grows as one array");
    const rows = sent.filter((m) => m.type === "requests/updated").flatMap((m) => m.entries);
    assert.equal(rows.filter((r) => r.id === "a").at(-1)!.chunkCount, payloads.length);
    const followed = sent.filter((m) => m.type === "requests/chunks").flatMap((m) => m.chunks);
    assert.deepEqual(
      followed,
      payloads.map((data, t) => ({ t, data })),
    );
    assert.equal(
      search.summary(log.get("a")!).match,
      payloads.some((p) => p.includes("help")),
    );
    batcher.dispose();
    plainRows.dispose();
  });

  test("an open stream's entry stays a plain-looking object: keys, JSON order, console.log", () => {
    const log = new RequestLog();
    const e = log.add(opened("s"));
    log.appendChunk("s", 1, "hello");
    const plain = { ...entry("s"), seq: 1, chunks: [{ t: 1, data: "hello" }] };
    assert.deepEqual(Object.keys(e), Object.keys(plain));
    assert.equal(JSON.stringify(e), JSON.stringify(plain));
    assert.doesNotMatch(inspect(e), /Getter|Setter|Symbol/, inspect(e));
    assert.match(inspect(e), /data: 'hello'/);
  });

  test("the default size bound holds 5000 typical streams (request_log_size = 5000), not ~470", () => {
    const log = new RequestLog({ capacity: 5000 });
    const payloads = chatPayloads(rng(9), 250); // ~70,000 characters of SSE, a long code answer
    for (let i = 0; i < 1000; i++) record(log, `s${i}`, payloads);
    assert.equal(log.size, 1000);
    assert.equal(log.droppedForSize, 0);
    assert.ok(log.chars * 5 <= log.maxTotalChars, `1000 streams hold ${log.chars} of ${log.maxTotalChars} chars`);
  });
});

describe("RequestLog: eviction by size is visible", () => {
  test("counts entries dropped for size, not those dropped for the count, and resets on clear", () => {
    const log = new RequestLog({ capacity: 3, maxTotalChars: 1000 });
    const events: [string[], number][] = [];
    log.on("evicted", (ids, bySize) => events.push([ids, bySize]));
    for (const id of ["a", "b", "c", "d"])
      log.add({ ...entry(id), request: { headers: {}, body: "x", bodyTruncated: false } });
    assert.equal(log.droppedForSize, 0);
    assert.deepEqual(events, [[["a"], 0]]);
    log.add({ ...entry("big"), request: { headers: {}, body: "y".repeat(1000), bodyTruncated: false } });
    assert.deepEqual(
      log.list().map((e) => e.id),
      ["big"],
    );
    // "b" went for the count (4 entries > 3), "c" and "d" for the size.
    assert.deepEqual(events.at(-1), [["b", "c", "d"], 2]);
    assert.equal(log.droppedForSize, 2);
    log.clear();
    assert.equal(log.droppedForSize, 0);
  });

  test("the inspector is told: the batcher forwards bySize, the page's store counts it, the snapshot carries it", () => {
    const log = new RequestLog({ capacity: 10, maxTotalChars: 100 });
    const store = new EntryStore();
    const sent: InspectorToPage[] = [];
    const b = batchRequestEvents(log, (m) => sent.push(m), { intervalMs: 1000 });
    const body = (n: number) => ({ headers: {}, body: "x".repeat(n), bodyTruncated: false });
    store.apply({
      type: "requests/snapshot",
      entries: [],
      context: inspectorContext({ log, status: () => ({ url: null }) as never, clientTls: () => null }),
    });
    for (let i = 0; i < 2; i++) log.add({ ...entry(`e${i}`), request: body(40) });
    b.flush();
    for (let i = 2; i < 5; i++) log.add({ ...entry(`e${i}`), request: body(40) }); // e4 evicts e2, never sent
    b.flush();
    for (const m of sent) store.apply(m);
    assert.deepEqual(
      sent.map((m) => m.type),
      ["requests/added", "requests/evicted", "requests/added"],
    );
    assert.deepEqual((sent[1] as { ids: string[] }).ids, ["e0", "e1"]);
    assert.equal((sent[1] as { bySize?: number }).bySize, 3);
    assert.equal(store.entries.size, 2);
    assert.equal(store.droppedForSize, 3, "the page knows why it holds 2 of a capacity of 10");
    assert.equal(
      inspectorContext({ log, status: () => ({ url: null }) as never, clientTls: () => null }).droppedForSize,
      3,
    );
    log.clear();
    b.flush();
    for (const m of sent.splice(0)) store.apply(m);
    assert.equal(store.droppedForSize, 0);
    b.dispose();
  });
});
