// A client that closes its connection while the mock waits before answering (a delay, a slow
// start, slow headers, a delayed error) is recorded when it leaves, as 499 client_closed, as a hang
// is. Before, the entry stayed in flight for the whole wait, and was then logged as answered, 200
// with the full body and usage, though nobody received it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { APIConnectionTimeoutError } from "openai";
import type { LogRecord } from "../../src/core";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
const records: LogRecord[] = [];
before(async () => {
  s = await startTestServer({}, { logSinks: [(r) => records.push(r)] });
});
after(() => s.close());

async function waitFor(cond: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

const CHAT = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]';

/** Sends one request, closes the connection after 150 ms; returns the request's log entry once it ended. */
async function leave(path: string, body: string, headers: string) {
  const before = s.server.log.httpAdded;
  const bytes =
    `POST ${path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n${headers}` +
    `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
    socket.write(bytes),
  );
  socket.on("error", () => {});
  await new Promise((r) => setTimeout(r, 150));
  const left = Date.now();
  socket.destroy();
  await waitFor(() => s.server.log.httpAdded > before, 1000);
  const entry = () => s.server.log.list().findLast((e) => e.kind === "http")!;
  const ended = await waitFor(() => entry().durationMs !== null, 1500);
  return { entry: entry(), ended, afterMs: Date.now() - left };
}

describe("a client that leaves while the mock waits to answer", () => {
  const cases: Array<[string, string, string, string, number]> = [
    ["a delayed chat answer", "/v1/chat/completions", `${CHAT}}`, "x-mock-delay-ms: 5000\r\n", 499],
    ["slow headers", "/v1/chat/completions", `${CHAT}}`, "x-mock-fault: slow-headers:5000\r\n", 499],
    ["a delayed 429", "/v1/chat/completions", `${CHAT}}`, "x-mock-delay-ms: 5000\r\nx-mock-fault: 429\r\n", 499],
    [
      "a delayed Responses answer",
      "/v1/responses",
      '{"model":"gpt-4o-mini","input":"hi"}',
      "x-mock-delay-ms: 5000\r\n",
      499,
    ],
    [
      "a delayed embedding",
      "/v1/embeddings",
      '{"model":"text-embedding-3-small","input":"hi"}',
      "x-mock-delay-ms: 5000\r\n",
      499,
    ],
    // A stream has sent its 200 head already: it ends as a stream the client left.
    ["a stream's slow first token", "/v1/chat/completions", `${CHAT},"stream":true}`, "x-mock-ttft-ms: 5000\r\n", 200],
  ];
  for (const [name, path, body, headers, status] of cases)
    test(`${name}: recorded as client_closed when the client leaves, not answered after the wait`, async () => {
      const { entry, ended, afterMs } = await leave(path, body, headers);
      assert.ok(ended, `still in flight ${afterMs} ms after the client left`);
      assert.equal(entry.status, status);
      assert.equal(entry.error?.code, "client_closed");
      if (status === 499) assert.equal(entry.usage, null, "no answer was delivered");
      assert.ok(entry.durationMs! < 2000, `ended at ${entry.durationMs} ms, not after the 5 s wait`);
    });

  test("an SDK timeout during a delay: each attempt is recorded as the client leaving", async () => {
    const before = s.server.log.httpAdded;
    const client = s.client({ maxRetries: 1, timeout: 300 });
    await assert.rejects(
      client.chat.completions.create(
        { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] },
        { headers: { "x-mock-delay-ms": "5000" } },
      ),
      APIConnectionTimeoutError,
    );
    const attempts = () =>
      s.server.log
        .list()
        .filter((e) => e.kind === "http")
        .slice(before - s.server.log.httpAdded);
    assert.ok(await waitFor(() => attempts().every((e) => e.durationMs !== null), 1500), "attempts left in flight");
    assert.deepEqual(
      attempts().map((e) => [e.status, e.error?.code, e.request.headers["x-stainless-retry-count"]]),
      [
        [499, "client_closed", "0"],
        [499, "client_closed", "1"],
      ],
    );
    assert.deepEqual(
      records.filter((r) => r.level === "error"),
      [],
    );
  });
});

// A pipelined request's response waits in Node's queue without a socket, and never closes when the
// connection does: its hang stayed in flight for 10 minutes, its delayed answer was logged as 200.
describe("pipelined requests waiting behind one another, when the client leaves", () => {
  const one = (tag: string, headers: string, body = `${CHAT}}`) =>
    `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\nx-tag: ${tag}\r\ncontent-type: application/json\r\n` +
    `${headers}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const cases: Array<[string, string, string?]> = [
    ["hang", "x-mock-fault: hang\r\n"],
    ["delay", "x-mock-delay-ms: 5000\r\n"],
    ["slow-headers", "x-mock-fault: slow-headers:5000\r\n"],
    ["paced-stream", "x-mock-tokens-per-second: 2\r\n", `${CHAT},"stream":true,"max_tokens":50}`],
  ];
  for (const [name, headers, body] of cases)
    test(`${name}: every queued request is recorded as client_closed when the connection closes`, async () => {
      const tags = [1, 2, 3].map((n) => `${name}-${n}`);
      const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
        socket.write(tags.map((t) => one(t, headers, body)).join("")),
      );
      socket.on("error", () => {});
      const mine = () => s.server.log.list().filter((e) => tags.includes(String(e.request.headers["x-tag"])));
      assert.ok(await waitFor(() => mine().length === 3, 2000), "all three requests reached the routes");
      socket.destroy();
      const ended = await waitFor(() => mine().every((e) => e.durationMs !== null), 1500);
      const seen = mine().map((e) => `${e.request.headers["x-tag"]} ${e.status} ${e.error?.code}`);
      assert.ok(ended, `left in flight: ${seen.join(", ")}`);
      for (const e of mine()) assert.equal(e.error?.code, "client_closed", seen.join(", "));
    });

  // Answered at once but queued behind a delayed one: the answer waits in Node's queue, unsent.
  const queued = (tag: string) => [
    one(`${tag}-delayed`, "x-mock-delay-ms: DELAY\r\n"),
    one(`${tag}-chat`, ""),
    `GET /v1/models HTTP/1.1\r\nhost: localhost\r\nx-tag: ${tag}-models\r\n\r\n`,
    `GET /v1/models/nope HTTP/1.1\r\nhost: localhost\r\nx-tag: ${tag}-404\r\n\r\n`,
    one(`${tag}-stream`, "", `${CHAT},"stream":true}`),
  ];
  const tagged = (tag: string) =>
    s.server.log.list().filter((e) => String(e.request.headers["x-tag"]).startsWith(`${tag}-`));

  test("answers ready at once but queued behind a delayed one are 499 when the client leaves first", async () => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(queued("gone").join("").replace("DELAY", "5000")),
    );
    socket.on("error", () => {});
    let received = 0;
    socket.on("data", (d: Buffer) => (received += d.length));
    assert.ok(await waitFor(() => tagged("gone").length === 5, 2000), "all five reached the routes");
    assert.ok(
      tagged("gone")
        .slice(1)
        .every((e) => e.durationMs === null),
      "in flight while queued, not yet 200",
    );
    socket.destroy();
    assert.ok(await waitFor(() => tagged("gone").every((e) => e.durationMs !== null), 1500));
    const seen = tagged("gone").map((e) => `${e.request.headers["x-tag"]} ${e.status} ${e.error?.code}`);
    assert.equal(received, 0, "nothing reached the client");
    for (const e of tagged("gone"))
      assert.deepEqual([e.status, e.error?.code], [499, "client_closed"], seen.join(", "));
  });

  test("the same queued answers (and a 404) are logged as sent, timed to when they went out", async () => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(queued("sent").join("").replace("DELAY", "300")),
    );
    socket.on("error", () => {});
    let text = "";
    socket.setEncoding("utf8").on("data", (d: string) => (text += d));
    assert.ok(await waitFor(() => text.includes("data: [DONE]"), 3000), "the stream, last, arrived whole");
    socket.destroy();
    assert.ok(await waitFor(() => tagged("sent").every((e) => e.durationMs !== null), 1500));
    for (const e of tagged("sent")) {
      const tag = String(e.request.headers["x-tag"]);
      assert.deepEqual(
        [e.status, e.error?.code ?? null],
        [tag.endsWith("-404") ? 404 : 200, tag.endsWith("-404") ? "model_not_found" : null],
        tag,
      );
      assert.ok(
        e.durationMs! >= 250,
        `${e.request.headers["x-tag"]} went out after the delayed one: ${e.durationMs} ms`,
      );
    }
  });

  // A queued answer a fault cuts is the mock's doing: logged as the fault, never as the client leaving.
  for (const [name, body] of [
    ["JSON", `${CHAT}}`],
    ["stream", `${CHAT},"stream":true}`],
  ] as const)
    test(`a queued ${name} answer cut by a truncate fault is logged as the fault`, async () => {
      const tag = `cut-${name}`;
      const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
        socket.write(
          one(`${tag}-delayed`, "x-mock-delay-ms: 300\r\n") + one(`${tag}-cut`, "x-mock-fault: truncate:1\r\n", body),
        ),
      );
      socket.on("error", () => {});
      socket.resume();
      assert.ok(await waitFor(() => tagged(tag).length === 2 && tagged(tag).every((e) => e.durationMs !== null), 3000));
      socket.destroy();
      const cut = tagged(tag).find((e) => e.request.headers["x-tag"] === `${tag}-cut`)!;
      assert.equal(cut.status, 200);
      assert.match(cut.error?.code ?? "", /^fault_/, JSON.stringify(cut.error));
    });

  test("20 delayed requests pipelined on one connection add one close listener, and no warning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      const tags = Array.from({ length: 20 }, (_, n) => `many-${n}`);
      const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
        socket.write(tags.map((t) => one(t, "x-mock-delay-ms: 5000\r\n")).join("")),
      );
      socket.on("error", () => {});
      const mine = () => s.server.log.list().filter((e) => tags.includes(String(e.request.headers["x-tag"])));
      assert.ok(await waitFor(() => mine().length === 20, 3000), `${mine().length} of 20 reached the routes`);
      socket.destroy();
      assert.ok(await waitFor(() => mine().every((e) => e.error?.code === "client_closed"), 1500));
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings, []);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
