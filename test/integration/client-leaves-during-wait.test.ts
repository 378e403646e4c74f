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
