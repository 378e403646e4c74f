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
