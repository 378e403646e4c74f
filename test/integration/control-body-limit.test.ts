// The control API's 64 KiB body limit holds before the body is read: it read any body whole into
// memory (a 1 GB upload by mistake was held in full) and only then answered 413, and an upload
// that never ended was never answered at all.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { connect } from "node:tls";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

/** Writes `head` and `part`, never the rest of the body; resolves with what came back within `ms`. */
function unfinished(head: string, part: string, ms = 1500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(head + part),
    );
    let got = "";
    const stop = setTimeout(() => socket.destroy(), ms);
    socket.on("data", (d) => (got += d));
    socket.on("close", () => {
      clearTimeout(stop);
      resolve(got);
    });
    socket.on("error", reject);
  });
}

const refused = (got: string) => {
  assert.match(got, /^HTTP\/1\.1 413 /, JSON.stringify(got.slice(0, 200)));
  assert.match(got, /\r\nconnection: close\r\n/i, "the unread rest of the body cannot be read as a next request");
  const body = got.slice(got.indexOf("\r\n\r\n") + 4);
  const text = /^[0-9a-f]+\r\n/.test(body) ? body.replace(/^[0-9a-f]+\r\n/, "").split("\r\n0\r\n")[0]! : body;
  const { error } = JSON.parse(text) as { error: Record<string, unknown> };
  assert.equal(error.code, "request_too_large");
  assert.equal(error.type, "invalid_request_error");
};

test("a declared content-length over 64 KiB is refused before the body arrives", async () => {
  const head = "POST /__mock/faults HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n";
  refused(await unfinished(`${head}content-length: 1000000000\r\n\r\n`, '{"fault":"429"'));
});

test("a chunked body is refused as soon as it grows past 64 KiB, without waiting for its end", async () => {
  const head =
    "PUT /__mock/scenario HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
  const chunk = "x".repeat(70_000);
  refused(await unfinished(head, `${chunk.length.toString(16)}\r\n${chunk}\r\n`));
});

test("bodies within the limit still work, chunked or not", async () => {
  for (const chunked of [false, true]) {
    const res = await request(`${s.url}/__mock/faults`, {
      dispatcher: s.agent,
      method: "POST",
      headers: { "content-type": "application/json" },
      // A stream of unknown length goes out chunked.
      body: chunked ? Readable.from([JSON.stringify({ fault: "429", count: 1 })]) : JSON.stringify({ fault: "429" }),
    });
    assert.equal(res.statusCode, 201, await res.body.text());
    const cleared = await request(`${s.url}/__mock/faults`, { dispatcher: s.agent, method: "DELETE" });
    await cleared.body.text();
  }
});
