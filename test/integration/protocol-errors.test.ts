// Requests Node's own HTTP parser refuses, and uploads that stall: each is answered in OpenAI's
// error shape with an x-request-id and logged, and no answer is ever written inside another one.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect, type TLSSocket } from "node:tls";
import type { LogRecord } from "../../src/core";
import { startTestServer, type TestConfig, type TestServer } from "../helpers/server";

const records: LogRecord[] = [];
let s: TestServer;
before(async () => {
  s = await startTestServer({ logging: { level: "warn" }, server: { request_timeout_ms: 400 } } as TestConfig, {
    logSinks: [(r) => records.push(r)],
  });
});
after(() => s.close());

async function waitFor(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Sends raw bytes over mTLS and collects everything until the server closes the connection.
 * Several parts are written `gapMs` apart. `closeAfterMs` ends the client's side early; the test fails if the server never closes.
 */
function raw(
  data: string | string[],
  o: { closeAfterMs?: number; limitMs?: number; port?: number; gapMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const to = { host: "127.0.0.1", port: o.port ?? s.port, ...s.tls, servername: "localhost" };
    const socket: TLSSocket = connect(to, () => {
      const [first, ...later] = [data].flat();
      socket.write(first!);
      later.forEach((part, i) => setTimeout(() => socket.write(part), (o.gapMs ?? 50) * (i + 1)));
      if (o.closeAfterMs !== undefined) setTimeout(() => socket.end(), o.closeAfterMs);
    });
    const limit = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; got:\n${got}`));
    }, o.limitMs ?? 5000);
    let got = "";
    socket.on("data", (d) => (got += d));
    socket.on("close", () => {
      clearTimeout(limit);
      resolve(got);
    });
    socket.on("error", reject);
  });
}

/** The status lines in a raw capture: one per response written. */
const statusLines = (got: string) => got.match(/^HTTP\/1\.1 \d{3} .*$/gm) ?? [];

function errorAnswer(got: string) {
  const head = got.slice(0, got.indexOf("\r\n\r\n"));
  const json = JSON.parse(got.slice(got.indexOf("\r\n\r\n") + 4)) as {
    error: { message: string; type: string; param: null; code: string };
  };
  return { status: Number(head.split(" ")[1]), requestId: /^x-request-id: (\S+)/im.exec(head)?.[1], json };
}

const unhandled = () => records.filter((r) => r.msg === "unhandled error");
const lastHttp = () =>
  s.server.log
    .list()
    .filter((e) => e.kind === "http")
    .at(-1);

describe("requests Node's own parser refuses", () => {
  const post = "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n";
  const cases: Array<[string, string, number]> = [
    ["an unknown method", "FOO /v1/models HTTP/1.1\r\nhost: localhost\r\n\r\n", 400],
    ["a header over 16 KB", `GET /v1/models HTTP/1.1\r\nhost: localhost\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
    ["Expect: fly", "GET /v1/models HTTP/1.1\r\nhost: localhost\r\nexpect: fly\r\n\r\n", 417],
    ["a missing Host header", "GET /v1/models HTTP/1.1\r\naccept: application/json\r\n\r\n", 400],
    [
      "content-length together with chunked",
      `${post}content-length: 5\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
      400,
    ],
  ];
  for (const [name, request, status] of cases)
    test(`${name} answers ${status} in OpenAI's shape with an x-request-id, and is logged`, async () => {
      const httpBefore = s.server.log.list().filter((e) => e.kind === "http").length;
      const got = await raw(request);
      assert.equal(statusLines(got).length, 1, got);
      const answer = errorAnswer(got);
      assert.equal(answer.status, status);
      assert.match(answer.requestId ?? "", /^req_[0-9a-f]{32}$/);
      assert.equal(answer.json.error.type, "invalid_request_error");
      assert.ok(answer.json.error.message.length > 10, answer.json.error.message);
      await waitFor(() =>
        records.some((r) => r.msg.startsWith(`protocol error ${status}`) && r.requestId === answer.requestId),
      );
      const logged = s.server.log.list().filter((e) => e.kind === "http");
      assert.equal(logged.length, httpBefore + 1, "one entry, no route's");
      const entry = s.server.log.get(answer.requestId!);
      assert.equal(entry?.status, status, "in the request log under the id the client saw");
      assert.equal(entry?.error?.message, answer.json.error.message);
      if (name !== "a header over 16 KB")
        assert.equal(`${entry?.method} ${entry?.path}`, request.split(" ", 2).join(" "));
    });

  test("a bad chunk size mid-body is answered 400 by the route reading it, under the logged request id", async () => {
    const got = await raw(
      "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n" +
        'transfer-encoding: chunked\r\n\r\n5\r\n{"mod\r\nzz\r\nel"\r\n',
    );
    assert.equal(statusLines(got).length, 1, got);
    assert.match(got, /^connection: close\r$/im);
    const answer = errorAnswer(got);
    assert.equal(answer.status, 400);
    assert.match(answer.json.error.message, /chunk size/i);
    await waitFor(() => lastHttp()?.id === answer.requestId && lastHttp()?.status === 400);
    assert.equal(lastHttp()!.error?.code, "invalid_request");
    assert.deepEqual(unhandled(), []);
  });

  test("a malformed request pipelined behind a stream is answered after the stream, never inside it", async () => {
    s.server.setBehavior({ ttftMs: 150, tokensPerSecond: 200 });
    try {
      const body = JSON.stringify({
        model: "gpt-4o-mini",
        stream: true,
        max_tokens: 20,
        messages: [{ role: "user", content: "Hello" }],
      });
      const got = await raw(
        "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n" +
          `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
          "FOO /v1/models HTTP/1.1\r\nhost: localhost\r\n\r\n",
      );
      assert.deepEqual(
        statusLines(got).map((l) => l.split(" ")[1]),
        ["200", "400"],
        got,
      );
      const [stream, refusal] = got.split(/(?=^HTTP\/1\.1 400 )/m) as [string, string];
      assert.match(stream, /data: \[DONE\]\n\n\r\n0\r\n\r\n$/, "the stream ended whole before the 400");
      assert.equal(errorAnswer(refusal).status, 400);
    } finally {
      s.server.setBehavior({ ttftMs: 0, tokensPerSecond: 0 });
    }
  });
});

describe("server.request_timeout_ms", () => {
  test("a body that stalls gets 408 in OpenAI's shape from its route, logged under its request id", async () => {
    const started = Date.now();
    const got = await raw(
      "POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n" +
        'content-length: 200\r\n\r\n{"model":"gpt-4o-mini",',
    );
    const waited = Date.now() - started;
    assert.ok(waited >= 350 && waited < 3000, `answered after ${waited} ms`);
    const answer = errorAnswer(got);
    assert.equal(answer.status, 408);
    assert.equal(answer.json.error.code, "request_timeout");
    assert.match(answer.json.error.message, /400 ms \(server\.request_timeout_ms\)/);
    await waitFor(() => lastHttp()?.id === answer.requestId && lastHttp()?.status === 408);
    assert.equal(lastHttp()!.error?.code, "request_timeout");
    assert.deepEqual(unhandled(), []);
  });

  test("headers that stall get 408 and are logged", async () => {
    const got = await raw("POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\n");
    const answer = errorAnswer(got);
    assert.equal(answer.status, 408);
    await waitFor(() =>
      records.some((r) => r.msg.startsWith("protocol error 408") && r.requestId === answer.requestId),
    );
  });

  test("a reloaded request_timeout_ms restarts the listener and applies", async () => {
    const t = await startTestServer({ server: { request_timeout_ms: 20_000 } } as TestConfig, {}, { files: s.files });
    try {
      const loaded = t.server.config;
      const next = {
        ...loaded,
        config: { ...loaded.config, server: { ...loaded.config.server, request_timeout_ms: 300 } },
      };
      assert.deepEqual(await t.server.applyConfig(next), { restarted: true });
      const started = Date.now();
      const got = await raw("POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\n", {
        port: t.server.status().port!,
        limitMs: 8000,
      });
      assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms, not 20 s`);
      const answer = errorAnswer(got);
      assert.equal(answer.status, 408);
      assert.match(answer.json.error.message, /300 ms \(server\.request_timeout_ms\)/);
    } finally {
      await t.close();
    }
  });

  test("an answer slower than the timeout is not cut: the timeout covers receiving the request only", async () => {
    s.server.setBehavior({ delayMs: 900 });
    try {
      const answer = await s.client().chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Hello" }],
      });
      assert.ok(answer.choices[0]?.message.content);
    } finally {
      s.server.setBehavior({ delayMs: 0 });
    }
  });
});

describe("a second, pipelined request whose body Node's parser refuses", () => {
  const chat = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
  const post = (extra: string) =>
    `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n${extra}\r\n`;
  const first = (extra = "") => post(`content-length: ${Buffer.byteLength(chat)}\r\n${extra}`) + chat;
  const httpEntries = () => s.server.log.list().filter((e) => e.kind === "http");

  /** Both answers on the wire, in order, and exactly one log entry each: none a 499 nobody caused. */
  async function answeredOnce(parts: string[], status: number, code: string) {
    const before = httpEntries().length;
    const got = await raw(parts, { limitMs: 8000 });
    // A pipelined answer follows the previous body directly, not on a line of its own.
    const statuses = [...got.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    assert.deepEqual(statuses, ["200", String(status)], got);
    const refusal = got.slice(got.indexOf(`HTTP/1.1 ${status} `));
    // The connection ends after it, and its head says so (not keep-alive).
    assert.match(refusal.slice(0, refusal.indexOf("\r\n\r\n")), /\r\nconnection: close(?:\r\n|$)/i, refusal);
    const answer = errorAnswer(refusal);
    await waitFor(() => s.server.log.get(answer.requestId!)?.status === status);
    await new Promise((r) => setTimeout(r, 100)); // a phantom entry would be logged by now
    const logged = httpEntries()
      .slice(before)
      .map((e) => `${e.status} ${e.error?.code ?? ""}`.trim());
    assert.deepEqual(logged.sort(), ["200", `${status} ${code}`].sort(), "one entry per request");
    assert.equal(answer.json.error.code, code);
    assert.deepEqual(unhandled(), []);
  }

  const badChunk = post("transfer-encoding: chunked\r\n") + "zz\r\n{}\r\n0\r\n\r\n";
  const cases: Array<[string, () => string[]]> = [
    ["behind an answer given at once", () => [first() + badChunk]],
    ["behind a delayed answer", () => [first("x-mock-delay-ms: 200\r\n") + badChunk]],
    [
      "in a later write, behind a delayed answer",
      () => {
        const at = badChunk.indexOf("zz");
        return [first("x-mock-delay-ms: 300\r\n") + badChunk.slice(0, at), badChunk.slice(at)];
      },
    ],
  ];
  for (const [name, parts] of cases)
    test(`a bad chunk size ${name}: 200, then 400 from its route, one log entry each`, () =>
      answeredOnce(parts(), 400, "invalid_request"));

  test("a body that stalls behind a slower answer: 200, then 408 from its route, one log entry each", () =>
    answeredOnce(
      [first("x-mock-delay-ms: 1000\r\n") + post("content-length: 100\r\n") + chat.slice(0, 10)],
      408,
      "request_timeout",
    ));
});

describe("idle keep-alive connections", () => {
  test("a reset between requests is no protocol error: nothing logged, no 400 written", async () => {
    const before = records.filter((r) => r.msg.startsWith("protocol error")).length;
    const { connect: tcp } = await import("node:net");
    const got = await new Promise<string>((resolve) => {
      const socket = tcp(s.port, "127.0.0.1", () => {
        const t = connect({ socket, ...s.tls, servername: "localhost" }, () =>
          t.write("GET /v1/models HTTP/1.1\r\nhost: localhost\r\n\r\n"),
        );
        let text = "";
        t.on("data", (d) => {
          text += d;
          if (/\r\n\r\n[\s\S]*\}\s*$/.test(text)) setTimeout(() => (socket.resetAndDestroy(), resolve(text)), 50);
        });
        t.on("error", () => {});
      });
    });
    assert.deepEqual(statusLines(got), ["HTTP/1.1 200 OK"]);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      records.filter((r) => r.msg.startsWith("protocol error")).slice(before),
      [],
      "an idle connection's reset is not a malformed request",
    );
  });
});
