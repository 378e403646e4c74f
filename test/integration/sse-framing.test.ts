// How a chat stream is framed on the wire: events due at the same moment leave in one HTTP chunk
// (one write), paced events each in their own, and either way the SSE text is the same events.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

/** Posts a streamed chat request over raw mTLS; returns the chunks of the chunked body, in order. */
function streamChunks(extraHeaders = ""): Promise<string[]> {
  const body = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }], stream: true });
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n` +
          `connection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`,
      ),
    );
    let got = Buffer.alloc(0);
    socket.on("data", (d: Buffer) => (got = Buffer.concat([got, d])));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = got.toString("latin1");
      const start = text.indexOf("\r\n\r\n") + 4;
      assert.match(text.slice(0, start), /transfer-encoding: chunked/i);
      const chunks: string[] = [];
      let at = start;
      for (;;) {
        const eol = text.indexOf("\r\n", at);
        const size = parseInt(text.slice(at, eol), 16);
        if (!size) break;
        chunks.push(Buffer.from(text.slice(eol + 2, eol + 2 + size), "latin1").toString("utf8"));
        at = eol + 2 + size + 2;
      }
      resolve(chunks);
    });
  });
}

/** The `data:` payloads of an SSE text. */
const events = (sse: string) =>
  sse
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      assert.ok(frame.startsWith("data: "), frame);
      return frame.slice(6);
    });

function assertChatStream(payloads: string[]) {
  assert.equal(payloads.at(-1), "[DONE]");
  assert.ok(payloads.length > 3);
  for (const p of payloads.slice(0, -1)) assert.equal(JSON.parse(p).object, "chat.completion.chunk");
}

describe("SSE framing", () => {
  test("an unpaced stream leaves in one chunk, every event whole", async () => {
    const chunks = await streamChunks();
    assert.equal(chunks.length, 1, `chunks: ${chunks.length}`);
    assertChatStream(events(chunks[0]!));
  });

  test("a paced stream sends its events in chunks of their own, the same SSE text", async () => {
    const chunks = await streamChunks("x-mock-tokens-per-second: 2000\r\n");
    assert.ok(chunks.length > 1, `chunks: ${chunks.length}`);
    // No event is ever split across chunks.
    for (const c of chunks) assert.ok(c.endsWith("\n\n"), JSON.stringify(c));
    assertChatStream(events(chunks.join("")));
  });
});
