// The request log keeps its entries in slots (src/core/log/entrySlots.ts) instead of a Map of
// objects. Differential: the same random operations on the log as it was (test/oracle/requestLogBefore)
// and on today's log give the same entries, in the same order, the same events, sizes and evictions:
// repeated ids, entries in flight, streams, changes, evictions by count and by size, resizes and clears.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RequestLog } from "../../src/core/log/requestLog";
import { RequestLog as RequestLogBefore } from "../oracle/requestLogBefore/requestLog";
import { closeEntry, completeEntry, openEntry, type EntryEnd, type EntryStart } from "../../src/core/log/entry";
import type { LogEntry } from "../../src/shared/requestLog";
import { requestId } from "../../src/core/openai/ids";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type AnyLog = RequestLog | RequestLogBefore;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const IDS_ODD = ["é-id", "\ud800lone", "req_same", "", "0", "__proto__", "x".repeat(80)];

function start(id: string, r: () => number, n: number): EntryStart {
  return {
    id,
    time: 1_735_689_600_000 + n,
    client: r() < 0.8 ? { commonName: "client", fingerprint256: "AA", serialNumber: "01" } : null,
    caller: { id: "cn:client", label: "client", kind: "certificate" },
    remoteAddress: "127.0.0.1",
    method: r() < 0.9 ? "POST" : "GET",
    path: r() < 0.9 ? "/v1/chat/completions" : `/v1/models/m${n % 7}`,
    model: r() < 0.5 ? "gpt-4o-mini" : `model-${n % 3}`,
    stream: false,
    scenario: "normal",
    fault: r() < 0.1 ? "HTTP 429" : null,
    rule: null,
    headers: { host: "127.0.0.1:1", "content-type": "application/json", "x-n": String(n) },
    body: "q".repeat(Math.floor(r() * 400)) + (r() < 0.1 ? "東京😀" : "") + n,
  };
}

function end(id: string, r: () => number, n: number): EntryEnd {
  return {
    status: r() < 0.85 ? 200 : 400,
    durationMs: Math.floor(r() * 1000) / 100,
    model: "gpt-4o-mini",
    stream: false,
    scenario: "normal",
    fault: null,
    rule: null,
    headers: { "content-type": "application/json", "x-request-id": id, "openai-processing-ms": String(n % 5) },
    body: "a".repeat(Math.floor(r() * 600)) + n,
    usage: r() < 0.8 ? { prompt_tokens: n % 9, completion_tokens: 3, total_tokens: (n % 9) + 3 } : null,
    error: r() < 0.1 ? { code: "invalid_request", message: `bad ${n}` } : null,
  };
}

/** Runs `steps` random operations on `log` (the same sequence for the same seed); returns what was observed. */
function drive(log: AnyLog, seed: number, steps: number): string[] {
  const r = rng(seed);
  const seen: string[] = [];
  log.on("added", (e: LogEntry) => seen.push(`added ${JSON.stringify(e)}`));
  log.on("updated", (e: LogEntry) => seen.push(`updated ${e.id} ${e.seq} ${e.status}`));
  log.on("evicted", (ids: string[], bySize: number) => seen.push(`evicted ${JSON.stringify(ids)} ${bySize}`));
  log.on("cleared", () => seen.push("cleared"));
  const used: string[] = [];
  const pick = () => (used.length ? used[Math.floor(r() * used.length)]! : "none");
  const fresh = (n: number) => {
    const x = r();
    const id = x < 0.05 ? IDS_ODD[n % IDS_ODD.length]! : x < 0.2 && used.length ? pick() : `req_${n.toString(16)}`;
    used.push(id);
    return id;
  };
  const observe = (n: number) => {
    seen.push(`state ${n} size ${log.size} chars ${log.chars} dropped ${log.droppedForSize}`);
    seen.push(`newest ${JSON.stringify(log.newest())}`);
    const id = pick();
    seen.push(`get ${id} ${JSON.stringify(log.get(id))}`);
  };
  for (let n = 0; n < steps; n++) {
    const op = r();
    if (op < 0.45) {
      const id = fresh(n);
      log.addFinished(completeEntry(start(id, r, n), end(id, r, n), log.maxBodyChars));
    } else if (op < 0.6) {
      const id = fresh(n);
      log.add(openEntry(start(id, r, n), log.maxBodyChars));
    } else if (op < 0.72) {
      // An exchange in flight finishes (as Exchange.finish does).
      const id = pick();
      const e = end(id, r, n);
      log.update(id, (x) => closeEntry(x, e, log.maxBodyChars));
      log.settle(id);
    } else if (op < 0.82) {
      const id = pick();
      const k = Math.floor(r() * 4) + 1;
      for (let i = 0; i < k; i++) log.appendChunk(id, i / 10, `{"n":${n},"i":${i}}`);
    } else if (op < 0.88) {
      const id = pick();
      const body = "b".repeat(Math.floor(r() * 900));
      log.update(id, (x) => {
        x.response.body = body;
        x.error = { code: "client_closed", message: `late ${n}` };
      });
    } else if (op < 0.9) {
      log.resize(Math.floor(r() * 30) + 1);
    } else if (op < 0.905) {
      log.clear();
    } else {
      observe(n);
    }
    if (n % 50 === 0) seen.push(`list ${n} ${JSON.stringify(log.list())}`);
  }
  seen.push(`final ${JSON.stringify(log.list())}`);
  observe(steps);
  return seen;
}

for (const [name, options] of [
  ["by count", { capacity: 25 }],
  ["by size", { capacity: 1000, maxTotalChars: 6000 }],
  ["both, with cut bodies and streams", { capacity: 12, maxTotalChars: 4000, maxBodyChars: 300, maxChunks: 5 }],
] as const)
  test(`the log in slots observes what the log before did over random operations (${name})`, () => {
    for (let seed = 1; seed <= 12; seed++) {
      const before = drive(new RequestLogBefore(options), seed, 1500);
      const now = drive(new RequestLog(options), seed, 1500);
      assert.equal(now.length, before.length, `seed ${seed}`);
      for (let i = 0; i < now.length; i++) assert.equal(now[i], before[i], `seed ${seed}, observation ${i}`);
    }
  });

test("a slot's id is found among thousands, after its ring grew, entries were evicted and ids repeated", () => {
  const log = new RequestLog({ capacity: 3000 });
  const e = (id: string) => completeEntry(start(id, rng(1), 1), end(id, rng(2), 1), log.maxBodyChars);
  for (let i = 0; i < 10_000; i++) log.addFinished(e(`id${i}`));
  for (let i = 0; i < 7000; i++) assert.equal(log.get(`id${i}`), undefined, `id${i} was evicted`);
  for (let i = 7000; i < 10_000; i++) assert.equal(log.get(`id${i}`)?.id, `id${i}`);
  for (let i = 9000; i < 9100; i++) log.addFinished(e(`id${i}`)); // repeats keep their place
  assert.equal(log.size, 3000);
  assert.deepEqual(
    log.list().map((x) => x.id),
    Array.from({ length: 3000 }, (_, i) => `id${i + 7000}`),
  );
});

test("finished entries promote little: a full log taking 20,000 more grows the old generation < 1/4 as much as the object log", () => {
  // Kept as objects (the log before), each entry outlived two scavenges and was promoted (~330 B each);
  // slots keep ~20 B each, depending on where scavenges fall. Both are measured here, so the bound is a ratio.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!.space_used_size;
  const perEntry = (log: AnyLog) => {
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const id = requestId();
        const r = rng(i);
        log.addFinished(completeEntry(start(id, r, i), end(id, r, i), log.maxBodyChars));
      }
    };
    add(3000);
    gc();
    gc();
    const before = oldSpace();
    add(20_000);
    assert.equal(log.size, 1000);
    return (oldSpace() - before) / 20_000;
  };
  const slots = perEntry(new RequestLog({ capacity: 1000 }));
  const objects = perEntry(new RequestLogBefore({ capacity: 1000 }));
  assert.ok(objects > 100, `the object log grew by only ${objects.toFixed(0)} B per entry: the measure is off`);
  assert.ok(
    slots < objects / 4,
    `the old generation grew by ${slots.toFixed(0)} B per entry (objects: ${objects.toFixed(0)})`,
  );
});
