// A client told to use the mock as its HTTPS proxy sends CONNECT. Node closed such a connection
// without a word and nothing was logged; it now gets a 405 in OpenAI's error shape that says what
// to do instead, and the inspector shows the attempt.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { ProxyAgent, request } from "undici";
import type { LogRecord } from "../../src/core";
import { startTestServer, type TestServer } from "../helpers/server";

const records: LogRecord[] = [];
let s: TestServer;
before(async () => {
  s = await startTestServer({ logging: { level: "warn" } }, { logSinks: [(r) => records.push(r)] });
});
after(() => s.close());

function raw(data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(data),
    );
    const limit = setTimeout(() => socket.destroy(new Error(`the connection stayed open; got: ${got}`)), 3000);
    let got = "";
    socket.on("data", (d) => (got += d));
    socket.on("close", () => {
      clearTimeout(limit);
      resolve(got);
    });
    socket.on("error", reject);
  });
}

test("CONNECT is answered 405 in OpenAI's shape with an x-request-id, and logged", async () => {
  const got = await raw("CONNECT api.openai.com:443 HTTP/1.1\r\nhost: api.openai.com:443\r\n\r\n");
  assert.match(got, /^HTTP\/1\.1 405 Method Not Allowed\r\n/);
  const head = got.slice(0, got.indexOf("\r\n\r\n"));
  const id = /x-request-id: (\S+)/.exec(head)?.[1];
  assert.ok(id, head);
  const { error } = JSON.parse(got.slice(got.indexOf("\r\n\r\n") + 4)) as { error: Record<string, unknown> };
  assert.equal(error.type, "invalid_request_error");
  assert.equal(error.code, "method_not_allowed");
  assert.equal(error.param, null);
  assert.match(String(error.message), /not a proxy.*base URL/);
  const entry = s.server.log.get(id);
  assert.ok(entry, "the attempt is in the request log under its x-request-id");
  assert.equal(entry.method, "CONNECT");
  assert.equal(entry.path, "api.openai.com:443");
  assert.equal(entry.status, 405);
});

test("a CONNECT pipelined behind a delayed request is answered after it, in order, and logged", async () => {
  const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
  const got = await raw(
    "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nx-mock-delay-ms: 300\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
      "CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n",
  );
  // The first answer on the wire is the POST's; a 405 there would be read as the POST's answer.
  assert.match(got, /^HTTP\/1\.1 200 /, got.slice(0, 300));
  assert.match(got, /"object":"chat\.completion"/);
  const second = got.indexOf("HTTP/1.1 405 Method Not Allowed\r\n");
  assert.ok(second > 0, `the CONNECT is still answered, after the POST: ${got}`);
  assert.ok(got.indexOf('"chat.completion"') < second, "the 405 comes after the POST's whole answer");
  const id = /x-request-id: (\S+)/.exec(got.slice(second))?.[1];
  assert.ok(id);
  const entry = s.server.log.get(id);
  assert.ok(entry, "the CONNECT is in the request log under its x-request-id");
  assert.equal(entry.method, "CONNECT");
  assert.equal(entry.path, "example.com:443");
  assert.equal(entry.status, 405);
});

test("a client using the mock as its proxy fails with the 405, not a dropped connection", async () => {
  const proxy = new ProxyAgent({ uri: s.url, proxyTls: { ...s.tls, servername: "localhost" }, requestTls: s.tls });
  try {
    const err = await request("https://api.openai.com/v1/models", { dispatcher: proxy }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    assert.ok(err, "the request cannot succeed");
    assert.match(String(err.message), /405/, String(err.message));
  } finally {
    await proxy.close();
  }
});
