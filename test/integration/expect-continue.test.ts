// `Expect: 100-continue` (curl sends it for bodies over 1 KB): Node answered 100 Continue itself,
// before any route ran, so a client was told to upload a body the route then refused unread by its
// content-length. Now such a request gets its 413 at once, with no 100 first; every other one still
// gets its 100 Continue, then its usual answer.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

const MAX_BODY = 200_000; // server.max_body_bytes here: above the control API's 64 KiB
let s: TestServer;
before(async () => {
  s = await startTestServer({ server: { max_body_bytes: MAX_BODY } });
});
after(() => s.close());

/**
 * Sends a request head with `expect: 100-continue`; sends `body` only once a 100 Continue came.
 * Resolves with everything the server wrote until it closed the connection.
 */
function expecting(method: string, path: string, headers: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: s.port, ...s.tls, servername: "localhost" }, () =>
      socket.write(
        `${method} ${path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n` +
          `${headers}expect: 100-continue\r\nconnection: close\r\n\r\n`,
      ),
    );
    let got = "";
    let sent = false;
    const stop = setTimeout(() => socket.destroy(), 5000);
    socket.on("data", (d) => {
      got += d;
      if (!sent && got.startsWith("HTTP/1.1 100 Continue\r\n\r\n")) {
        sent = true;
        socket.write(body);
      }
    });
    socket.on("close", () => {
      clearTimeout(stop);
      resolve(got);
    });
    socket.on("error", reject);
  });
}

const sized = (n: number) => `content-length: ${n}\r\n`;

function refusedUnread(got: string): void {
  assert.match(got, /^HTTP\/1\.1 413 /, `told to upload first: ${JSON.stringify(got.slice(0, 120))}`);
  assert.doesNotMatch(got, /HTTP\/1\.1 100 /);
  assert.match(
    got,
    /\r\nconnection: close\r\n/i,
    "the client may still send the body: it cannot be read as a next request",
  );
  const body = got.slice(got.indexOf("\r\n\r\n") + 4);
  const text = /^[0-9a-f]+\r\n/.test(body) ? body.replace(/^[0-9a-f]+\r\n/, "").split("\r\n0\r\n")[0]! : body;
  const { error } = JSON.parse(text) as { error: Record<string, unknown> };
  assert.equal(error.code, "request_too_large");
  assert.equal(error.type, "invalid_request_error");
}

function continued(got: string, status: number): string {
  assert.match(got, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 (\d+) /, JSON.stringify(got.slice(0, 120)));
  assert.equal(Number(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 (\d+) /.exec(got)![1]), status, got.slice(0, 600));
  return got;
}

const chat = (size: number) => {
  const head = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "" }] });
  return head.replace('"content":""', `"content":"${"x".repeat(size - head.length)}"`);
};

test("control API: a declared body over 64 KiB gets its 413 without a 100 Continue", async () => {
  refusedUnread(await expecting("POST", "/__mock/faults", sized(10_000_000), ""));
  // Over the control API's limit, within max_body_bytes: the control limit is the one that counts.
  refusedUnread(await expecting("PUT", "/__mock/scenario", sized(100_000), ""));
  // As the router sees the path: dot segments resolved, escapes decoded.
  refusedUnread(await expecting("POST", "/v1/../__mock/faults", sized(100_000), ""));
  refusedUnread(await expecting("PUT", "/%5F%5Fmock/scenario", sized(100_000), ""));
  refusedUnread(await expecting("PUT", "/%5f_mock/scenario", sized(100_000), ""));
});

test("control API: a body within the limit is asked for with 100 Continue, then handled", async () => {
  const fault = JSON.stringify({ fault: "429", count: 1 });
  continued(await expecting("POST", "/__mock/faults", sized(fault.length), fault), 201);
  const chunked = `${fault.length.toString(16)}\r\n${fault}\r\n0\r\n\r\n`;
  continued(await expecting("POST", "/__mock/faults", "transfer-encoding: chunked\r\n", chunked), 201);
  const queued = await request(`${s.url}/__mock/faults`, { dispatcher: s.agent, method: "DELETE" });
  assert.deepEqual(await queued.body.json(), { cleared: 2 });
});

test("API routes: over server.max_body_bytes, 413 without a 100 Continue, logged as before", async () => {
  refusedUnread(await expecting("POST", "/v1/chat/completions", sized(MAX_BODY + 1), ""));
  refusedUnread(await expecting("POST", "/v1/embeddings", sized(10_000_000), ""));
  // Unknown paths read a body within the same limit (for the inspector); past it, they answer unread.
  const unknown = await expecting("POST", "/v1/nowhere", sized(MAX_BODY + 1), "");
  assert.match(unknown, /^HTTP\/1\.1 404 /, JSON.stringify(unknown.slice(0, 120)));
  const journal = await request(`${s.url}/__mock/requests?status=413`, { dispatcher: s.agent });
  const { entries } = (await journal.body.json()) as { entries: Array<{ path: string }> };
  assert.deepEqual(entries.map((e) => e.path).sort(), ["/v1/chat/completions", "/v1/embeddings"]);
});

test("API routes: a body within the limit (over the control API's) gets 100 Continue and its answer", async () => {
  const body = chat(100_000);
  const got = continued(await expecting("POST", "/v1/chat/completions", sized(body.length), body), 200);
  assert.match(got, /"object":\s*"chat\.completion"/);
  const unknown = '{"a":1}';
  continued(await expecting("POST", "/v1/nowhere", sized(unknown.length), unknown), 404);
});
