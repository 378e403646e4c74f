// A large answer (embeddings of 2,048 inputs on text-embedding-3-large are ~137 MB of JSON) goes out
// chunked as it is made. Before, the mock built it whole: ~1.5 s with the event loop held (in VS
// Code, the extension host), ~300 MB per request in flight, and the handshakes of other clients
// timed out while it did (16 at once: 4 connections reset, never logged).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type TLSSocket } from "node:tls";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { LogEntry, LogRecord } from "../../src/core";
import type { RouteExtension } from "../../src/core/server/app";
import { Exchange } from "../../src/core/server/exchange";
import { sendJsonPieces } from "../../src/core/server/jsonPieces";
import { turnTaking } from "../../src/core/server/turns";
import { sseResponse } from "../../src/core/server/sse";
import { fetch } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const texts = (n: number) => Array.from({ length: n }, (_, i) => `Document ${i} about ${i % 7 ? "cats" : "tax law"}`);

/** POSTs `body` on a raw mTLS connection; counts what comes back without parsing it (a cheap client). */
function rawPost(server: TestServer, body: string, onBytes?: (total: number, socket: TLSSocket) => void) {
  const socket = connect({ host: "127.0.0.1", port: server.port, ...server.tls, servername: "localhost" }, () =>
    socket.write(
      `POST /v1/embeddings HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    ),
  );
  let total = 0;
  let head = "";
  let tail = Buffer.alloc(0);
  socket.on("data", (d: Buffer) => {
    if (head.length < 2048) head += d.toString("latin1");
    tail = Buffer.concat([tail, d]).subarray(-16);
    total += d.length;
    onBytes?.(total, socket);
  });
  socket.on("error", () => {});
  return new Promise<{ total: number; head: string; tail: string }>((resolve) =>
    socket.on("close", () => resolve({ total, head, tail: tail.toString("latin1") })),
  );
}

/** The newest HTTP entry for `path`, once it has ended. */
async function endedEntry(server: TestServer, path: string): Promise<LogEntry> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const e = server.server.log.list().findLast((x) => x.kind === "http" && x.path === path);
    if (e && e.durationMs !== null) return e;
    if (Date.now() > deadline) throw new Error(`no ended entry for ${path}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("large answers", () => {
  test("the SDK reads a chunked embeddings answer; its vectors equal those asked one at a time", async () => {
    const input = texts(300); // 300 x 3072 floats: ~20 MB, well past the one-write size
    const { data: r, response } = await s
      .client()
      .embeddings.create({ model: "text-embedding-3-large", input, encoding_format: "float" })
      .withResponse();
    assert.equal(response.headers.get("content-length"), null, "sent as it is made, not whole");
    assert.equal(r.data.length, 300);
    assert.deepEqual(
      r.data.map((d) => d.index),
      input.map((_, i) => i),
    );
    for (const i of [0, 7, 299]) {
      const one = await s
        .client()
        .embeddings.create({ model: "text-embedding-3-large", input: input[i]!, encoding_format: "float" });
      assert.deepEqual(r.data[i]!.embedding, one.data[0]!.embedding, `input ${i}`);
    }
    const entry = (await endedEntry(s, "/v1/embeddings")) as LogEntry;
    assert.equal(entry.status, 200);
    const big = s.server.log.list().filter((e) => e.kind === "http" && e.path === "/v1/embeddings")[0]!;
    assert.equal(big.response.bodyTruncated, true, "the log keeps the head of a 20 MB body");
    assert.ok(big.response.body.startsWith('{"object":"list","data":[{"object":"embedding","index":0,'));
    assert.equal(big.usage?.prompt_tokens, r.usage.prompt_tokens);
    assert.equal(big.error, null);
  });

  test("the SDK reads 128 chat choices with logprobs, sent a choice at a time", async () => {
    const { data: r, response } = await s
      .client()
      .chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Write a long essay about the sea." }],
        n: 128,
        logprobs: true,
        top_logprobs: 20,
      })
      .withResponse();
    assert.equal(response.headers.get("content-length"), null, "sent as it is made, not whole");
    assert.equal(r.object, "chat.completion");
    assert.deepEqual(
      r.choices.map((c) => c.index),
      Array.from({ length: 128 }, (_, i) => i),
    );
    for (const c of r.choices) {
      const tokens = c.logprobs!.content!;
      assert.equal(
        tokens.map((t) => t.token).join(""),
        c.message.content,
        `choice ${c.index}: logprobs spell the text`,
      );
      assert.ok(tokens.every((t) => t.top_logprobs.length === 20));
    }
    const entry = await endedEntry(s, "/v1/chat/completions");
    assert.equal(entry.status, 200);
    assert.equal(entry.response.bodyTruncated, true);
    assert.deepEqual(entry.usage, {
      prompt_tokens: r.usage!.prompt_tokens,
      completion_tokens: r.usage!.completion_tokens,
      total_tokens: r.usage!.total_tokens,
    });
  });

  test("the SDK reads 2,048 legacy completions with logprobs, sent a choice at a time", async () => {
    const prompt = Array.from({ length: 16 }, (_, i) => `Tell me story number ${i}`);
    const { data: r, response } = await s
      .client()
      .completions.create({ model: "gpt-3.5-turbo-instruct", prompt, n: 128, max_tokens: 20, logprobs: 5 })
      .withResponse();
    assert.equal(response.headers.get("content-length"), null, "sent as it is made, not whole");
    assert.equal(r.object, "text_completion");
    assert.deepEqual(
      r.choices.map((c) => c.index),
      Array.from({ length: 2048 }, (_, i) => i),
    );
    for (const c of r.choices) assert.equal(c.logprobs!.tokens!.join(""), c.text, `choice ${c.index}`);
    const entry = await endedEntry(s, "/v1/completions");
    assert.equal(entry.status, 200);
    assert.equal(entry.usage?.completion_tokens, r.usage!.completion_tokens);
  });

  test("the event loop keeps turning while 137 MB is made and sent", async () => {
    const body = JSON.stringify({ model: "text-embedding-3-large", input: texts(2048), encoding_format: "float" });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const got = await rawPost(s, body);
    delay.disable();
    assert.match(got.head, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(got.head, /transfer-encoding: chunked/i);
    assert.ok(got.total > 130e6, `received ${got.total} bytes`);
    assert.ok(got.tail.endsWith("}\r\n0\r\n\r\n"), "the chunked body ends cleanly");
    // Made whole, the answer held the loop ~1.5 s at once; in pieces, no turn waits long.
    const worstMs = delay.max / 1e6;
    assert.ok(worstMs < 500, `the event loop waited ${worstMs.toFixed(0)} ms at once`);
  });

  test("a stream of 128 choices with logprobs, all due at once, goes out in turns", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const stream = await s.client().chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Write a long essay about the sea." }],
      n: 128,
      logprobs: true,
      top_logprobs: 20,
      stream: true,
    });
    const text = new Map<number, string>();
    const spelled = new Map<number, string>();
    let finished = 0;
    for await (const chunk of stream)
      for (const c of chunk.choices) {
        text.set(c.index, (text.get(c.index) ?? "") + (c.delta.content ?? ""));
        for (const t of c.logprobs?.content ?? []) spelled.set(c.index, (spelled.get(c.index) ?? "") + t.token);
        if (c.finish_reason) finished++;
      }
    delay.disable();
    assert.equal(finished, 128);
    for (let i = 0; i < 128; i++) assert.equal(spelled.get(i), text.get(i), `choice ${i}: logprobs spell the text`);
    // Written in one go, the ~33 MB of events held the loop ~1.4 s.
    const worstMs = delay.max / 1e6;
    assert.ok(worstMs < 500, `the event loop waited ${worstMs.toFixed(0)} ms at once`);
  });

  test("a legacy completions stream of 2,048 choices with logprobs goes out in turns", async () => {
    const prompt = Array.from({ length: 16 }, (_, i) => `Tell me story number ${i}`);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const stream = await s.client().completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt,
      n: 128,
      max_tokens: 20,
      logprobs: 5,
      stream: true,
    });
    const finished = new Set<number>();
    for await (const chunk of stream) for (const c of chunk.choices) if (c.finish_reason) finished.add(c.index);
    delay.disable();
    assert.equal(finished.size, 2048);
    // Written in one go before the first event, its chunks held the loop for seconds.
    const worstMs = delay.max / 1e6;
    assert.ok(worstMs < 500, `the event loop waited ${worstMs.toFixed(0)} ms at once`);
  });

  test("an answer under way is in flight in the log; a client that leaves is logged as client_closed", async () => {
    const body = JSON.stringify({ model: "text-embedding-3-large", input: texts(2048), encoding_format: "float" });
    let inFlight: Pick<LogEntry, "id" | "status" | "durationMs"> | undefined;
    let writersWhileStalled = -1;
    const got = await rawPost(s, body, (total, socket) => {
      if (total > 2e6 && !socket.isPaused()) {
        socket.pause(); // a client that stops reading: the answer waits for its socket
        setTimeout(() => {
          // A copy: the log's entry object changes when the exchange ends.
          const e = s.server.log.list().findLast((e) => e.kind === "http" && e.path === "/v1/embeddings");
          inFlight = e && { id: e.id, status: e.status, durationMs: e.durationMs };
          writersWhileStalled = turnTaking.count();
          socket.destroy();
        }, 300);
      }
    });
    assert.ok(got.total < 100e6, `left after ${got.total} bytes`);
    assert.equal(inFlight?.durationMs, null, "in flight while it waits for the client");
    assert.equal(inFlight?.status, 200);
    assert.equal(writersWhileStalled, 0, "an answer waiting for its client takes no share of the slice");
    const entry = await endedEntry(s, "/v1/embeddings");
    assert.equal(entry.id, inFlight?.id);
    assert.equal(entry.status, 200);
    assert.equal(entry.error?.code, "client_closed");
    const after = await s.client().embeddings.create({ model: "text-embedding-3-small", input: "still here" });
    assert.equal(after.data[0]!.embedding.length, 1536);
  });

  test("a failure after the head breaks the body off, logged as the 200 it was with the error", async () => {
    const failing: RouteExtension = (app, rt) =>
      app.get("/probe/fails-midway", (event) => {
        const x = new Exchange(event, { log: rt.log, logger: rt.logger, scenario: rt.scenario(), maxBodyBytes: 1e6 });
        function* pieces() {
          yield '{"a":[';
          for (let i = 0; i < 100; i++) yield (i ? "," : "") + JSON.stringify("x".repeat(10_000));
          throw new Error("a piece that cannot be made");
        }
        return sendJsonPieces(x, rt, { pieces: pieces(), usage: null });
      });
    const records: LogRecord[] = [];
    const own = await startTestServer({}, { routes: [failing], logSinks: [(r) => records.push(r)] });
    try {
      const socket = connect({ host: "127.0.0.1", port: own.port, ...own.tls, servername: "localhost" }, () =>
        socket.write("GET /probe/fails-midway HTTP/1.1\r\nhost: localhost\r\n\r\n"),
      );
      socket.on("error", () => {});
      const parts: Buffer[] = [];
      socket.on("data", (d: Buffer) => parts.push(d));
      await new Promise((r) => socket.on("close", r));
      const text = Buffer.concat(parts).toString("latin1");
      assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
      assert.ok(!text.endsWith("0\r\n\r\n"), "no clean end: the client sees a broken body");
      assert.equal((text.match(/HTTP\/1\.1 /g) ?? []).length, 1, "no second answer after the first");
      const entry = own.server.log.list().findLast((e) => e.path === "/probe/fails-midway")!;
      assert.equal(entry.status, 200);
      assert.equal(entry.error?.code, "server_error");
      assert.ok(entry.response.body.startsWith('{"a":["xxx'));
      assert.ok(records.some((r) => String(r.error ?? "").includes("a piece that cannot be made")));
    } finally {
      await own.close();
    }
  });

  test("a stream whose event cannot be written breaks off, logged as the 200 it was with the error", async () => {
    const failing: RouteExtension = (app, rt) =>
      app.get("/probe/stream-fails", (event) => {
        const x = new Exchange(event, { log: rt.log, logger: rt.logger, scenario: rt.scenario(), maxBodyBytes: 1e6 });
        const events = {
          length: 100,
          at(i: number) {
            if (i === 50) throw new Error("an event that cannot be written");
            return `{"i":${i}}`;
          },
        };
        return sseResponse(x, events, { signal: rt.signal() });
      });
    const records: LogRecord[] = [];
    const own = await startTestServer({}, { routes: [failing], logSinks: [(r) => records.push(r)] });
    try {
      const r = await fetch(`${own.url}/probe/stream-fails`, { dispatcher: own.agent });
      assert.equal(r.status, 200);
      await assert.rejects(r.text(), "the body breaks off");
      const entry = await endedEntry(own, "/probe/stream-fails");
      assert.equal(entry.status, 200);
      assert.equal(entry.error?.code, "server_error");
      assert.ok(records.some((rec) => String(rec.error ?? "").includes("an event that cannot be written")));
    } finally {
      await own.close();
    }
  });

  test("a stop mid-answer is logged as server_stopped", async () => {
    const own = await startTestServer();
    const body = JSON.stringify({ model: "text-embedding-3-large", input: texts(2048), encoding_format: "float" });
    let stopping: Promise<void> | undefined;
    const got = await rawPost(own, body, (total) => {
      if (total > 2e6 && !stopping) stopping = own.close();
    });
    await stopping;
    assert.ok(got.total < 100e6, `stopped after ${got.total} bytes`);
    const entry = own.server.log.list().findLast((e) => e.kind === "http")!;
    assert.equal(entry.status, 200);
    assert.equal(entry.error?.code, "server_stopped");
  });
});
