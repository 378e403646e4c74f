// Replay of requests the official SDK made: the log keeps their API key redacted ("Bearer sk-…test"),
// which is not even a legal header value, so Replay must stand in a placeholder or the user's key.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LogEntry } from "../../src/shared/requestLog";
import { replayRequest } from "../../src/core/pages/inspector/replay";
import { createInspectorController } from "../../src/core/pages/inspector/controller";
import type { InspectorToPage } from "../../src/shared/pages/inspector/protocol";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const messages = [{ role: "user" as const, content: "Name three colours." }];
const tlsPaths = () => ({ caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey });

async function sdkEntry(stream: boolean): Promise<LogEntry> {
  const client = s.client();
  if (stream) {
    const st = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    for await (const chunk of st) void chunk;
  } else await client.chat.completions.create({ model: "gpt-4o-mini", messages });
  const entry = s.server.log
    .list()
    .filter((e) => e.kind === "http" && e.stream === stream)
    .at(-1);
  assert.ok(entry, "the SDK request is logged");
  assert.match(entry.request.headers.authorization ?? "", /^Bearer .*\u2026/, "the log keeps the key redacted");
  return entry;
}

/** Waits until the replay's own entry (id = its x-request-id) has finished. */
async function replayedEntry(id: string | null): Promise<LogEntry> {
  assert.ok(id, "the replay response carries x-request-id");
  for (let i = 0; i < 100; i++) {
    const e = s.server.log.get(id);
    if (e && e.durationMs !== null) return e;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`replayed entry ${id} never finished`);
}

describe("Replay of an SDK request", () => {
  for (const stream of [false, true]) {
    test(`${stream ? "streamed" : "non-streamed"}: sent again with a placeholder key, answered 200 and logged anew`, async () => {
      const original = await sdkEntry(stream);
      const r = await replayRequest(original, { serverUrl: s.url, clientTls: tlsPaths() });
      assert.equal(r.status, 200);
      assert.equal(r.credential, "placeholder");
      const replayed = await replayedEntry(r.requestId);
      assert.notEqual(replayed.id, original.id);
      assert.equal(replayed.status, 200);
      assert.equal(replayed.stream, stream);
      assert.equal(replayed.request.body, original.request.body, "the same body was sent");
      assert.equal(replayed.request.headers.authorization, "Bearer sk-…play", "the placeholder, redacted in turn");
      assert.equal(replayed.request.headers["user-agent"], original.request.headers["user-agent"]);
      if (stream) {
        assert.ok(replayed.chunks.length > 1, "the replay streamed");
        assert.equal(replayed.chunks.at(-1)?.data, "[DONE]");
      } else assert.ok(JSON.parse(replayed.response.body).choices[0].message.content);
    });
  }

  test("with the user's key, that key is sent (and redacted in the new entry)", async () => {
    const original = await sdkEntry(false);
    const r = await replayRequest(original, {
      serverUrl: s.url,
      clientTls: tlsPaths(),
      apiKey: "sk-user-1234567890abcd",
    });
    assert.equal(r.credential, "key");
    const replayed = await replayedEntry(r.requestId);
    assert.equal(replayed.request.headers.authorization, "Bearer sk-…abcd");
  });

  test("a key in the query (Azure's ?api-key=) is logged as an ASCII hint; copy and replay send a stand-in", async () => {
    const res = await fetch(`${s.url}/v1/models?api-key=azure-secret-key-123456`, { dispatcher: s.agent } as never);
    assert.equal(res.status, 200);
    const original = s.server.log.list().at(-1)!;
    assert.equal(original.path, "/v1/models?api-key=azu%E2%80%A63456");
    for (const [apiKey, sent] of [
      [null, "sk-\u2026play"],
      ["sk-user-1234567890abcd", "sk-\u2026abcd"],
    ] as const) {
      const r = await replayRequest(original, { serverUrl: s.url, clientTls: tlsPaths(), apiKey });
      assert.equal(r.status, 200);
      assert.equal(r.credential, apiKey ? "key" : "placeholder");
      const replayed = await replayedEntry(r.requestId);
      assert.equal(new URL(replayed.path, s.url).searchParams.get("api-key"), sent, "the stand-in, redacted in turn");
    }
  });

  test("through the inspector controller: the host's notification says a placeholder was used", async () => {
    const original = await sdkEntry(true);
    const notes: Array<{ level: string; text: string; placeholderKey?: boolean }> = [];
    const posted: InspectorToPage[] = [];
    const c = createInspectorController((m) => posted.push(m), {
      log: s.server.log,
      status: () => s.server.status(),
      clientTls: tlsPaths,
      notify: (level, text, o) => notes.push({ level, text, placeholderKey: o?.placeholderKey }),
    });
    try {
      c.onMessage({ type: "requests/replay", id: original.id });
      for (let i = 0; i < 200 && notes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(notes, [
        {
          level: "info",
          text: "Replayed POST /v1/chat/completions → 200 (with a placeholder API key: the log keeps keys redacted)",
          placeholderKey: true,
        },
      ]);
      assert.equal(
        posted.filter((m) => m.type === "inspector/notice").length,
        0,
        "with a host notifier, nothing goes to the page's status line",
      );
    } finally {
      c.dispose();
    }
  });

  test("a hostile path never becomes a command link in the replay notification", async () => {
    const hostile = "/v1/[Open a terminal](command:workbench.action.terminal.new)";
    const res = await fetch(`${s.url}${hostile}`, { dispatcher: s.agent } as never);
    await res.text();
    const original = s.server.log.list().at(-1)!;
    assert.ok(original.path.includes("](command:"), `logged as sent: ${original.path}`);
    const notes: string[] = [];
    const c = createInspectorController(() => undefined, {
      log: s.server.log,
      status: () => s.server.status(),
      clientTls: tlsPaths,
      notify: (_level, text) => notes.push(text),
    });
    try {
      c.onMessage({ type: "requests/replay", id: original.id });
      for (let i = 0; i < 200 && notes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(notes.length, 1);
      assert.match(
        notes[0]!,
        /^Replayed GET \/v1\/%5BOpen%20a%20terminal%5D%28command:workbench\.action\.terminal\.new%29 → 404/,
      );
      assert.doesNotMatch(notes[0]!, /\[[^\]]*\]\(/, "no markdown link left");
    } finally {
      c.dispose();
    }
  });
});
