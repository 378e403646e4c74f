// How Exchange.readText takes a request body: whole in the read that carried the headers (taken at
// once), or arriving later in pieces (streamed in), chunked or with a length, within max_body_bytes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ server: { max_body_bytes: 4096 } });
});
after(() => s.close());

/** Writes each part over one mTLS connection (`gapMs` apart) and returns all the server sent until it closed. */
function raw(parts: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () => {
      let i = 0;
      const next = () => {
        socket.write(parts[i++]!);
        if (i < parts.length) setTimeout(next, gapMs);
      };
      next();
    });
    let got = "";
    const limit = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer; got:\n${got}`));
    }, 5000);
    socket.on("data", (d) => (got += d));
    socket.on("close", () => {
      clearTimeout(limit);
      resolve(got);
    });
    socket.on("error", reject);
  });
}

const head = (extra: string) =>
  `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nconnection: close\r\n${extra}\r\n`;
const chunked = (body: string, size = body.length) => {
  let out = "";
  for (let i = 0; i < body.length; i += size) {
    const piece = body.slice(i, i + size);
    out += `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`;
  }
  return out + "0\r\n\r\n";
};
const statusOf = (got: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1]);
const lastBody = () =>
  s.server.log
    .list()
    .filter((e) => e.kind === "http")
    .at(-1)?.request.body;

describe("request bodies", () => {
  const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "héllo ✓" }] });

  test("a body with a length, in the same write as the headers", async () => {
    const got = await raw([head(`content-length: ${Buffer.byteLength(body)}\r\n`) + body]);
    assert.equal(statusOf(got), 200, got);
    assert.equal(lastBody(), body);
  });

  test("a chunked body in several chunks, in the same write as the headers", async () => {
    const got = await raw([head("transfer-encoding: chunked\r\n") + chunked(body, 7)]);
    assert.equal(statusOf(got), 200, got);
    assert.equal(lastBody(), body);
  });

  test("a body that arrives after the headers, in pieces", async () => {
    const n = Buffer.byteLength(body);
    const got = await raw([head(`content-length: ${n}\r\n`), body.slice(0, 20), body.slice(20)], 30);
    assert.equal(statusOf(got), 200, got);
    assert.equal(lastBody(), body);
  });

  test("two requests with bodies in one write on a keep-alive connection are both answered", async () => {
    const n = Buffer.byteLength(body);
    const first = head(`content-length: ${n}\r\n`).replace("connection: close", "connection: keep-alive") + body;
    const got = await raw([first + head(`content-length: ${n}\r\n`) + body]);
    assert.deepEqual(got.match(/HTTP\/1\.1 \d{3} /g), ["HTTP/1.1 200 ", "HTTP/1.1 200 "], got);
    const bodies = s.server.log
      .list()
      .filter((e) => e.kind === "http")
      .slice(-2)
      .map((e) => e.request.body);
    assert.deepEqual(bodies, [body, body]);
  });

  test("a chunked body over max_body_bytes in one write → 413", async () => {
    const big = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(5000) }] });
    const got = await raw([head("transfer-encoding: chunked\r\n") + chunked(big, 1000)]);
    assert.equal(statusOf(got), 413, got);
    assert.match(got, /4096 bytes/);
  });

  test("a chunked body over max_body_bytes arriving later → 413", async () => {
    const big = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(5000) }] });
    const got = await raw([head("transfer-encoding: chunked\r\n"), chunked(big, 1000)], 30);
    assert.equal(statusOf(got), 413, got);
  });

  // Node's parser refuses the bad chunk before the route starts reading: the reader must still answer it.
  for (const [when, parts] of [
    ["in the same write as the headers", [head("transfer-encoding: chunked\r\n") + `zz\r\n${body}\r\n0\r\n\r\n`]],
    ["in a later write", [head("transfer-encoding: chunked\r\n"), `zz\r\n${body}\r\n0\r\n\r\n`]],
  ] as const)
    test(`a malformed chunk size ${when} → 400, logged as one`, async () => {
      const before = s.server.log.list().length;
      const got = await raw([...parts], 30);
      assert.equal(statusOf(got), 400, got);
      assert.match(got, /chunk size/);
      const logged = s.server.log
        .list()
        .slice(before)
        .map((e) => `${e.status} ${e.error?.code}`);
      assert.ok(
        logged.some((l) => l.startsWith("400")),
        logged.join(", "),
      );
      assert.ok(!logged.some((l) => l.startsWith("499")), `logged as the client closing: ${logged.join(", ")}`);
    });

  test("an empty body with content-length: 0 is invalid JSON (400), not a hang", async () => {
    const got = await raw([head("content-length: 0\r\n")]);
    assert.equal(statusOf(got), 400, got);
    assert.match(got, /could not parse the JSON body/);
  });
});
