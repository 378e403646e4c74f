// The dashboard's error split against a real server and the real SDK: a test's own bad requests are
// client errors; x-mock-fault and a scenario's error rate are injected; the log says which.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startTestServer, type TestServer } from "../helpers/server";
import { toHar } from "../../src/shared/pages/inspector/har";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const ask = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

describe("stats failure causes (real server)", () => {
  test("bad requests count as client errors; injected faults and error-rate errors as injected", async () => {
    const s = await startTestServer();
    servers.push(s);
    const client = s.client();
    await client.chat.completions.create(ask);
    await assert.rejects(client.chat.completions.create({ ...ask, model: "no-such-model" }), OpenAI.APIError);
    await assert.rejects(client.models.retrieve("no-such-model"), OpenAI.NotFoundError);
    await assert.rejects(
      client.chat.completions.create(ask, { headers: { "x-mock-fault": "503" } }),
      OpenAI.InternalServerError,
    );
    s.server.setBehavior({ errorRatePercent: 100 });
    try {
      for (let i = 0; i < 3; i++) await assert.rejects(client.chat.completions.create(ask), OpenAI.APIError);
    } finally {
      s.server.setBehavior({ errorRatePercent: 0 });
    }
    const chat = s.server.log.list().filter((e) => e.path === "/v1/chat/completions");
    for (const e of chat.slice(-3)) assert.match(e.fault ?? "", /^injected (429|500|503) .*\(scenario error rate\)$/);
    const stats = s.server.stats.snapshot();
    assert.deepEqual(stats.failures, { client: 2, server: 0, injected: 4 });
    assert.ok(stats.clientErrorRate > 0 && stats.serverErrorRate > stats.clientErrorRate);

    // The HAR export names the port each request really reached (the Host header the SDK sent).
    const har = toHar(s.server.log.list(), { serverUrl: "https://127.0.0.1:1" });
    for (const e of har.log.entries) assert.ok(e.request.url.startsWith(`${s.url}/`), e.request.url);
  });
});

describe("stats failure causes: streams cut by the client, hangs", () => {
  test("a client closing mid-stream is the client's doing; the timeout scenario's hang is injected", async () => {
    const s = await startTestServer();
    servers.push(s);
    const client = s.client();
    const http = () => s.server.log.list().filter((e) => e.kind === "http");
    s.server.setBehavior({ tokensPerSecond: 20 });
    try {
      const stream = await client.chat.completions.create({ ...ask, stream: true, max_tokens: 60 });
      for await (const _ of stream) break; // hang up after the first chunk
    } finally {
      s.server.setBehavior({ tokensPerSecond: 0 });
    }
    await waitFor(() => s.server.log.list().some((e) => e.error?.code === "client_closed"));
    const cut = s.server.log.list().find((e) => e.error?.code === "client_closed")!;
    assert.equal(cut.status, 200, "the 200 was already sent");

    s.server.setScenario("timeout");
    try {
      const hung = new AbortController();
      const pending = client.chat.completions.create(ask, { signal: hung.signal });
      await waitFor(() => s.server.log.list().some((e) => e.durationMs === null && e.fault));
      hung.abort();
      await assert.rejects(pending);
      await waitFor(() => http().filter((e) => e.durationMs !== null).length === 2);
    } finally {
      s.server.setScenario("normal");
    }
    // A connection the aborted client dropped mid-handshake is counted apart, never as a refusal.
    assert.equal(s.server.stats.snapshot().tlsRejected, 0);
    const hang = http().at(-1)!;
    assert.equal(hang.fault, "hang (scenario)");
    assert.deepEqual(s.server.stats.snapshot().failures, { client: 1, server: 0, injected: 1 });
  });
});

async function waitFor(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
