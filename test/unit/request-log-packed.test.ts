// Finished entries the log keeps packed (src/core/log/packedEntry.ts): every read gives back the
// entry as it was added, field for field, key order and JSON included, whatever its text holds, and
// however many entries came and went through the log's byte segments.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { closeEntry, completeEntry, openEntry, type EntryEnd, type EntryStart } from "../../src/core/log/entry";
import { RequestLog } from "../../src/core/log/requestLog";
import { toHar } from "../../src/shared/pages/inspector/har";
import { queryJournal } from "../../src/core/journal/query";
import type { LogEntry } from "../../src/shared/requestLog";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

function start(id: string, over: Partial<EntryStart> = {}): EntryStart {
  return {
    id,
    time: 1_735_689_600_123,
    client: { commonName: "client", fingerprint256: "AA:BB", serialNumber: "01" },
    caller: { id: "cn:client", label: "client", kind: "certificate" },
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/v1/chat/completions",
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    fault: null,
    rule: null,
    headers: { host: "127.0.0.1:8443", "content-type": "application/json", authorization: `Bearer ${SECRET}` },
    body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}',
    ...over,
  };
}

function end(id: string, over: Partial<EntryEnd> = {}): EntryEnd {
  return {
    status: 200,
    durationMs: 1.25,
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    fault: null,
    rule: null,
    headers: { "content-type": "application/json", "x-request-id": id, "openai-processing-ms": "1" },
    body: `{"id":"chatcmpl-${id}","object":"chat.completion"}`,
    usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
    error: null,
    ...over,
  };
}

/** Adds the entry packed, and returns what was added (the object listeners saw) as JSON and its key orders. */
function addBoth(log: RequestLog, s: EntryStart, e: EntryEnd): { json: string; added: LogEntry } {
  let added: LogEntry | undefined;
  const grab = (x: LogEntry) => (added = x);
  log.once("added", grab);
  log.addFinished(completeEntry(s, e, log.maxBodyChars));
  return { json: JSON.stringify(added), added: structuredClone(added!) };
}

/** The same entry through every read: get, list, JSON, structured clone, key orders. */
function assertSame(log: RequestLog, want: { json: string; added: LogEntry }): void {
  const id = want.added.id;
  const got = log.get(id)!;
  assert.equal(JSON.stringify(got), want.json);
  assert.deepEqual(structuredClone(got), want.added);
  assert.deepEqual(Object.keys(got), Object.keys(want.added));
  assert.deepEqual(Object.keys(got.request.headers), Object.keys(want.added.request.headers));
  assert.deepEqual(Object.keys(got.response.headers), Object.keys(want.added.response.headers));
  assert.equal(JSON.stringify(log.list().find((x) => x.id === id)), want.json);
}

describe("packed log entries", () => {
  test("read back identical, whatever their text: non-ASCII, lone surrogates, odd header names, empty bodies", () => {
    const log = new RequestLog();
    const cases: Array<[string, Partial<EntryStart>, Partial<EntryEnd>]> = [
      ["plain", {}, {}],
      ["unicode", { body: '{"content":"é東京😀"}', path: "/v1/chat/completions?q=%E6%9D%B1" }, { body: "答え😀" }],
      ["lone surrogate in a body", { body: "a\ud800b" }, { body: "\udc00 end" }],
      ["lone surrogate in a header", {}, { headers: { "x-odd": "\ud83d", "x-request-id": "lone" } }],
      ["empty", { body: "", headers: {} }, { body: "", headers: {} }],
      [
        "integer-like and prototype header names",
        { headers: { "123": "one", b: "2", "0": "zero" } },
        { headers: JSON.parse('{"__proto__":"own","9":"nine","x-request-id":"id"}') as Record<string, string> },
      ],
      [
        "a 499",
        {},
        { status: 499, headers: {}, body: "", usage: null, error: { code: "client_closed", message: "x" } },
      ],
      ["fault and rule", { fault: "HTTP 429 (header)", rule: "greeting" }, { fault: "HTTP 429 (header)", rule: "r" }],
      ["no client, no model", { client: null, model: null }, { model: null, durationMs: 0 }],
    ];
    const added = cases.map(([name, s, e], i) => ({ name, want: addBoth(log, start(`r${i}`, s), end(`r${i}`, e)) }));
    for (const { name, want } of added) {
      assert.doesNotThrow(() => assertSame(log, want), name);
      assertSame(log, want);
    }
    const proto = log.get("r5")!.response.headers;
    assert.ok(Object.hasOwn(proto, "__proto__"), "an own __proto__ header stays an own property");
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  });

  test("bodies cut at the log's limit stay cut and flagged; a body larger than a segment round-trips", () => {
    const log = new RequestLog({ maxBodyChars: 1_000_000 });
    const big = addBoth(log, start("big", { body: "q".repeat(300_000) }), end("big", { body: "é".repeat(400_000) }));
    const small = new RequestLog({ maxBodyChars: 10 });
    const cut = addBoth(small, start("cut", { body: "x".repeat(50) }), end("cut", { body: "y".repeat(50) }));
    assertSame(log, big);
    assertSame(small, cut);
    assert.equal(small.get("cut")!.request.bodyTruncated, true);
    assert.equal(small.get("cut")!.response.body, "y".repeat(10));
  });

  test("stay exact while thousands of entries pass through the segments, evicted by count and by size", () => {
    for (const options of [{ capacity: 40 }, { capacity: 1000, maxTotalChars: 30_000 }]) {
      const log = new RequestLog(options);
      const wants = new Map<string, { json: string; added: LogEntry }>();
      for (let i = 0; i < 6000; i++) {
        const id = `r${i}`;
        const body = "b".repeat(i % 997) + i;
        wants.set(id, addBoth(log, start(id, { body }), end(id, { body: `${"c".repeat((i * 7) % 1500)}${i}é` })));
      }
      const ids = log.list().map((e) => e.id);
      assert.ok(ids.length > 10 && ids.length <= 1000);
      assert.equal(ids.at(-1), "r5999");
      for (const id of ids) assertSame(log, wants.get(id)!);
      log.clear();
      assert.equal(log.size, 0);
      const again = addBoth(log, start("after-clear"), end("after-clear"));
      assertSame(log, again);
    }
  });

  test("count their bodies against the size bound as live entries do, through changes, repeats and evictions", () => {
    const log = new RequestLog({ capacity: 5 });
    const held = () => log.list().reduce((n, e) => n + e.request.body.length + e.response.body.length, 0);
    for (let i = 0; i < 8; i++) addBoth(log, start(`c${i}`, { body: "q".repeat(i * 10) }), end(`c${i}`));
    assert.equal(log.size, 5);
    assert.equal(log.chars, held());
    log.update("c5", (e) => (e.response.body = "longer ".repeat(20))); // unpacked, then changed
    assert.equal(log.chars, held());
    addBoth(log, start("c6", { body: "again" }), end("c6")); // the same id again replaces it
    assert.equal(log.size, 5);
    assert.equal(log.chars, held());
    log.resize(2);
    assert.equal(log.chars, held());
    log.clear();
    assert.equal(log.chars, 0);
  });

  test("a change after the entry was added applies to it, and subscribers get the changed entry", () => {
    const log = new RequestLog();
    addBoth(log, start("late"), end("late"));
    const updated: LogEntry[] = [];
    log.on("updated", (e) => updated.push(e));
    log.update("late", (e) => (e.error = { code: "client_closed", message: "gone" }));
    assert.deepEqual(log.get("late")!.error, { code: "client_closed", message: "gone" });
    assert.equal(updated.length, 1);
    assert.equal(updated[0]!.error?.code, "client_closed");
    log.appendChunk("late", 3, "[DONE]");
    assert.deepEqual(log.get("late")!.chunks, [{ t: 3, data: "[DONE]" }]);
    assert.equal(log.get("late")!.request.headers.authorization, "Bearer sk-…6789");
  });

  test("settling a finished stream leaves it as it is, without rebuilding its packed chunks", () => {
    const log = new RequestLog();
    const s = start("stream", { stream: true });
    log.add(openEntry(s, log.maxBodyChars));
    for (let k = 0; k < 5; k++) log.appendChunk("stream", k, `{"k":${k}}`);
    log.update("stream", (e) => closeEntry(e, end("stream", { stream: true, body: "" }), log.maxBodyChars));
    const e = log.get("stream")!;
    const chunks = Object.getOwnPropertyDescriptor(e, "chunks")!;
    assert.equal(typeof chunks.get, "function", "its chunks are packed");
    let reads = 0;
    Object.defineProperty(e, "chunks", { ...chunks, get: () => (reads++, chunks.get!.call(e)) });
    log.settle("stream");
    assert.equal(reads, 0);
    assert.equal(log.get("stream"), e, "still the live entry");
    assert.equal(e.chunks.length, 5);
  });

  test("what a reader gets is a copy: changing it changes nothing in the log", () => {
    const log = new RequestLog();
    const want = addBoth(log, start("copy"), end("copy"));
    const read = log.get("copy")!;
    read.response.body = "changed";
    read.request.headers.host = "elsewhere";
    assertSame(log, want);
  });

  test("an entry the packed form cannot hold as it is (a header value that is not a string) stays as added", () => {
    const log = new RequestLog();
    const headers = { "content-length": 12 } as unknown as Record<string, string>;
    const want = addBoth(log, start("odd"), end("odd", { headers }));
    assertSame(log, want);
    assert.equal(log.get("odd")!.response.headers["content-length"], 12 as unknown as string);
  });

  test("header objects that only partly fit a known shape (fewer, more, other names; a non-string value) read back as added", () => {
    const log = new RequestLog();
    const base = { "content-type": "application/json", "x-request-id": "", "openai-processing-ms": "1" };
    const variants: Array<Record<string, unknown>> = [
      base,
      { "content-type": "application/json", "x-request-id": "" }, // a prefix of the shape
      { ...base, "content-length": "12" }, // the shape, then one more
      { "content-type": "text/plain", "openai-processing-ms": "1", "x-request-id": "" }, // same names, other order
      { ...base, "openai-processing-ms": 7 }, // the shape's names, a value that is not a string
      base,
      { ...base, "x-request-id": "req_other", "openai-processing-ms": "2" },
    ];
    const wants = variants.map((h, i) => {
      const id = `shape${i}`;
      const headers = Object.fromEntries(
        Object.entries(h).map(([k, v]) => [k, k === "x-request-id" && v === "" ? id : v]),
      );
      return addBoth(log, start(id), end(id, { headers: headers as Record<string, string> }));
    });
    for (const want of wants) assertSame(log, want);
    assert.equal(log.get("shape4")!.response.headers["openai-processing-ms"], 7 as unknown as string);
  });

  test("credentials are redacted before an entry is packed: no read path and no stored byte holds the key", () => {
    const log = new RequestLog();
    const node: IncomingHttpHeaders = { authorization: `Bearer ${SECRET}`, "x-api-key": SECRET, cookie: `s=${SECRET}` };
    addBoth(log, start("secret", { headers: node, path: "/v1/chat/completions" }), end("secret"));
    const reads = [
      JSON.stringify(log.get("secret")),
      JSON.stringify(log.list()),
      JSON.stringify(toHar(log.list(), { serverUrl: "https://127.0.0.1:8443", version: "t" })),
      JSON.stringify(queryJournal(log.list(), { kind: "all", headers: [{ name: "authorization" }] })),
    ];
    for (const text of reads) {
      assert.doesNotMatch(text, /abcdefghijklmnop/);
      assert.match(text, /Bearer sk-…6789/);
    }
    const arena = (log as unknown as { arena: { current: { buf: Buffer }; requestShapes: unknown[] } }).arena;
    assert.equal(arena.current.buf.includes("abcdefghijklmnop"), false, "the packed bytes hold only the hint");
    assert.equal(arena.current.buf.includes('"chatcmpl-secret"'), true, "while they do hold the entry");
    assert.doesNotMatch(JSON.stringify(arena.requestShapes), /abcdefghijklmnop/, "and so do the shared header shapes");
    assert.match(JSON.stringify(arena.requestShapes), /sk-…6789/);
  });

  test("values() reads one entry at a time, so a reader keeping a few never holds the whole log's text", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const log = new RequestLog();
    const text = (c: string) => c.repeat(100_000);
    for (let i = 0; i < 100; i++)
      addBoth(log, start(`big${i}`, { body: text("p") }), end(`big${i}`, { body: text("a") }));
    assert.deepEqual([...log.values()], log.list(), "values() gives what list() gives, in the same order");
    gc();
    const before = process.memoryUsage().heapUsed;
    const ids: string[] = [];
    for (const e of log.values()) if (e.request.body.length === 100_000) ids.push(e.id);
    const held = process.memoryUsage().heapUsed - before;
    assert.equal(ids.length, 100);
    // The log's text is 20 M characters (20 MB as one-byte strings); one entry is 0.2 MB.
    assert.ok(held < 6_000_000, `iterating kept ${(held / 1e6).toFixed(1)} MB in the heap`);
  });

  test("newest() is the entry added last, after evictions, a repeated id and a clear", () => {
    const log = new RequestLog({ capacity: 3 });
    assert.equal(log.newest(), undefined);
    for (const id of ["a", "b", "c", "d", "e"]) addBoth(log, start(id), end(id));
    assert.deepEqual(log.newest(), log.list().at(-1));
    assert.equal(log.newest()?.id, "e");
    log.add({ ...completeEntry(start("live"), end("live"), log.maxBodyChars), status: null, durationMs: null });
    assert.equal(log.newest()?.id, "live");
    log.clear();
    assert.equal(log.newest(), undefined);
  });

  test("segments hold what their records need, not the UTF-8 worst case of 3 bytes a character", () => {
    const log = new RequestLog();
    const segments = new Set<Buffer>();
    let textBytes = 0;
    const slots = (log as unknown as { slots: { at(pos: number): number; tail: number; refs: unknown[] } }).slots;
    // Larger than a segment (each gets its own), then mid-sized (sharing segments).
    for (const [n, size] of [
      [10, 262_144],
      [40, 43_000],
    ] as const)
      for (let i = 0; i < n; i++) {
        const id = `s${size}-${i}`;
        addBoth(log, start(id, { body: "a".repeat(size) }), end(id, { body: "b".repeat(1000) }));
        segments.add((slots.refs[slots.at(slots.tail - 1) * 21 + 17] as { buf: Buffer }).buf);
        textBytes += size + 1000;
      }
    let held = 0;
    for (const b of segments) held += b.length;
    assert.ok(held <= textBytes * 1.25, `segments hold ${(held / textBytes).toFixed(2)}x the text`);
    // And a record of 3-byte characters still fits exactly.
    addBoth(log, start("cjk", { body: "漢".repeat(300_000) }), end("cjk"));
    assert.equal(log.get("cjk")!.request.body, "漢".repeat(Math.min(300_000, log.maxBodyChars)));
  });

  test("text written piece by piece: a surrogate pair split between two pieces, empty and long pieces", () => {
    const log = new RequestLog();
    const cases: [Partial<EntryStart>, Partial<EntryEnd>][] = [
      [{ body: "a\uD83D" }, { body: "\uDE00b" }],
      [{ body: "😀".repeat(9000) }, { body: "é".repeat(10_000) }],
      [{ body: "" }, { body: "" }],
      [{ path: "/v1/x\uD83D" }, { headers: { "x-a": "\uDE00", "x-request-id": "p3" } }],
    ];
    cases.forEach(([s, e], i) => assertSame(log, addBoth(log, start(`p${i}`, s), end(`p${i}`, e))));
  });

  test("usage: three token counts are rebuilt equal; anything else is kept as it was", () => {
    const log = new RequestLog();
    const odd = [
      null,
      { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
      { prompt_tokens: 0, completion_tokens: 2 ** 31 - 1, total_tokens: 2 ** 31 - 1 },
      { prompt_tokens: 1.5, completion_tokens: 1, total_tokens: 2.5 },
      { prompt_tokens: 2 ** 31, completion_tokens: 0, total_tokens: 2 ** 31 },
      { prompt_tokens: -0, completion_tokens: 0, total_tokens: 0 },
      { completion_tokens: 1, prompt_tokens: 2, total_tokens: 3 },
      { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, completion_tokens_details: { reasoning_tokens: 0 } },
      { prompt_tokens: 1, completion_tokens: 2 },
    ] as LogEntry["usage"][];
    odd.forEach((usage, i) => {
      const want = addBoth(log, start(`u${i}`), end(`u${i}`, { usage }));
      assertSame(log, want);
      assert.ok(Object.is(log.get(`u${i}`)!.usage?.prompt_tokens, usage?.prompt_tokens), `u${i}`);
    });
  });

  test("a clear forgets the header values and paths the packed form shared between entries", () => {
    const log = new RequestLog();
    addBoth(log, start("p1", { path: "/v1/chat/completions?user=private-name" }), end("p1"));
    addBoth(log, start("p2", { path: "/v1/chat/completions?user=private-name" }), end("p2"));
    const arena = (
      log as unknown as { arena: { requestShapes: unknown[]; responseShapes: unknown[]; paths: Map<string, string> } }
    ).arena;
    assert.ok(arena.paths.size > 0 && arena.requestShapes.length > 0);
    log.clear();
    assert.equal(arena.paths.size, 0);
    assert.equal(arena.requestShapes.length + arena.responseShapes.length, 0);
  });

  test("add() over a packed entry's id takes the packed one off the books", () => {
    const log = new RequestLog();
    addBoth(log, start("same", { body: "x".repeat(5000) }), end("same"));
    const arena = (log as unknown as { arena: { current: { live: number } } }).arena;
    assert.equal(arena.current.live, 1);
    const live = log.add({ ...completeEntry(start("same"), end("same"), log.maxBodyChars), status: null });
    assert.equal(log.chars, live.request.body.length + live.response.body.length);
    assert.equal(arena.current.live, 0, "the packed record was freed");
    assert.equal(log.size, 1);
  });
});
