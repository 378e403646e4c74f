// How an exchange ends when nobody is left to answer: the server stops during a delay, or the
// client cuts its body short. Both are recorded with their reason (499), never as a 500 with a stack.
// (A malformed body, rather than a short one, is answered 400: see protocol-errors.test.ts.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { createConnection, type Socket } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import OpenAI from "openai";
import type { LogRecord } from "../../src/core";
import { startTestServer, type TestServer } from "../helpers/server";

async function withServer(fn: (s: TestServer, records: LogRecord[]) => Promise<void>, config = {}) {
  const records: LogRecord[] = [];
  const s = await startTestServer(config, { logSinks: [(r) => records.push(r)] });
  try {
    await fn(s, records);
  } finally {
    await s.close();
  }
}

async function waitFor(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const ask = (client: OpenAI, extra: Record<string, unknown> = {}) =>
  client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], ...extra });

const unhandled = (records: LogRecord[]) => records.filter((r) => r.msg === "unhandled error");

describe("a server stop during a delay", () => {
  for (const [name, behavior] of [
    ["a delayed answer", { delayMs: 20_000 }],
    ["a delayed injected error", { delayMs: 20_000, errorRatePercent: 100 }],
  ] as const)
    test(`${name} is recorded as server_stopped, not a 500`, async () => {
      await withServer(async (s, records) => {
        s.server.setBehavior(behavior);
        const pending = ask(s.client()).then(
          () => "answered",
          (e: unknown) => e,
        );
        await waitFor(() => s.server.log.list().some((e) => e.kind === "http"));
        const started = Date.now();
        await s.server.stop();
        assert.ok(Date.now() - started < 2_000, "stop did not wait for the delay");
        const outcome = await pending;
        assert.ok(outcome instanceof OpenAI.APIConnectionError, `client saw ${String(outcome)}`);
        const entry = s.server.log.list().find((e) => e.kind === "http")!;
        // The handler may still be loading the responder when the stop lands: it ends right after.
        await waitFor(() => entry.status !== null);
        assert.equal(entry.status, 499);
        assert.equal(entry.error?.code, "server_stopped");
        assert.notEqual(entry.durationMs, null, "the entry is complete, not left in flight");
        assert.deepEqual(unhandled(records), []);
      }, {});
    });
});

/** Sends raw bytes over mTLS and closes the connection after `closeAfterMs`. */
function rawRequest(s: TestServer, head: string, body: string, closeAfterMs = 100): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () => {
      socket.write(head + body);
      setTimeout(() => socket.end(), closeAfterMs);
    });
    let got = "";
    socket.on("data", (d) => (got += d));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

describe("a client that cuts its body short", () => {
  const head = (extra: string) =>
    `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n${extra}\r\n`;
  const cases: Array<[string, string, string]> = [
    ["content-length longer than the body", head("content-length: 500\r\n"), '{"model":"gpt-4o-mini"'],
    ["a chunked body without its last chunk", head("transfer-encoding: chunked\r\n"), '5\r\n{"mod\r\n'],
  ];
  for (const [name, h, body] of cases)
    test(`${name} is recorded as client_closed (499), not a 500`, async () => {
      await withServer(async (s, records) => {
        await rawRequest(s, h, body);
        await waitFor(() => s.server.log.list().some((e) => e.kind === "http" && e.status !== null));
        const entry = s.server.log.list().find((e) => e.kind === "http")!;
        assert.equal(entry.status, 499);
        assert.equal(entry.error?.code, "client_closed");
        assert.deepEqual(unhandled(records), []);
      });
    });
});

describe("many delayed requests at once", () => {
  test("20 concurrent delayed requests print no MaxListenersExceededWarning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      await withServer(async (s) => {
        s.server.setBehavior({ delayMs: 2000 });
        const signal = (s.server as unknown as { abort: AbortController }).abort.signal;
        let peak = 0;
        const probe = setInterval(() => (peak = Math.max(peak, getEventListeners(signal, "abort").length)), 20);
        const client = s.client();
        const answers = await Promise.all(Array.from({ length: 20 }, () => ask(client)));
        clearInterval(probe);
        assert.equal(answers.length, 20);
        assert.ok(peak > 10, `only ${peak} delays waited at once: the case was not reached`);
        await new Promise((r) => setImmediate(r));
      });
    } finally {
      process.off("warning", onWarning);
    }
    assert.deepEqual(
      warnings.filter((n) => n === "MaxListenersExceededWarning"),
      [],
    );
  });
});

describe("connections that never handshake", () => {
  test("idle TCP connections do not count against max_connections", async () => {
    await withServer(
      async (s) => {
        const idle = await Promise.all(
          Array.from(
            { length: 12 },
            () =>
              new Promise<Socket>((resolve, reject) => {
                const sock = createConnection({ host: "127.0.0.1", port: s.port }, () => resolve(sock));
                sock.once("error", reject);
              }),
          ),
        );
        try {
          const answer = await ask(s.client());
          assert.ok(answer.choices[0]?.message.content, "a real client still gets in");
        } finally {
          idle.forEach((sock) => sock.destroy());
        }
      },
      { server: { max_connections: 2 } },
    );
  });
});
