// The request log, delay and injected errors apply to /v1/embeddings, /v1/completions and
// /v1/moderations exactly as they do to chat completions.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startTestServer, type TestServer } from "../helpers/server";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

const calls = (c: OpenAI) => [
  () => c.embeddings.create({ model: "text-embedding-3-small", input: "hello", encoding_format: "float" }),
  () => c.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "hello", max_tokens: 5 }),
  () => c.moderations.create({ input: "hello" }),
];

describe("scenario behaviour on the new endpoints", () => {
  test("the request log records each call with path, model, status and usage", async () => {
    const s = await startTestServer();
    servers.push(s);
    for (const call of calls(s.client())) await call();
    const entries = s.server.log.list().filter((e) => e.path !== "/health");
    const byPath = new Map(entries.map((e) => [e.path, e]));
    assert.equal(byPath.get("/v1/embeddings")?.model, "text-embedding-3-small");
    assert.equal(byPath.get("/v1/embeddings")?.usage?.prompt_tokens, 1);
    assert.equal(byPath.get("/v1/completions")?.usage?.completion_tokens, 5);
    assert.equal(byPath.get("/v1/moderations")?.status, 200);
    for (const e of entries) assert.match(e.response.body, /^\{/);
  });

  test("default_delay_ms delays every answer", async () => {
    const s = await startTestServer({ responses: { default_delay_ms: 300 } });
    servers.push(s);
    for (const call of calls(s.client())) {
      const t0 = performance.now();
      await call();
      assert.ok(performance.now() - t0 >= 290, "answered after the delay");
    }
  });

  test("error_rate_percent = 100 fails every call with an injected OpenAI error", async () => {
    const s = await startTestServer({ responses: { error_rate_percent: 100 } });
    servers.push(s);
    for (const call of calls(s.client()))
      await assert.rejects(call(), (e: unknown) => {
        assert.ok(e instanceof OpenAI.APIError);
        assert.ok([429, 500, 503].includes(e.status!), String(e.status));
        return true;
      });
    assert.ok(s.server.log.list().every((e) => e.status === null || e.status >= 429));
  });
});

describe("test control on the new endpoints", () => {
  const callsWith = (c: OpenAI, headers: Record<string, string>) => [
    () =>
      c.embeddings.create({ model: "text-embedding-3-small", input: "hello", encoding_format: "float" }, { headers }),
    () => c.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "hello", max_tokens: 5 }, { headers }),
    () => c.moderations.create({ input: "hello" }, { headers }),
  ];

  test("x-mock-fault: 503 fails each call with OpenAI's 503, logged as that fault", async () => {
    const s = await startTestServer();
    servers.push(s);
    for (const call of callsWith(s.client(), { "x-mock-fault": "503" }))
      await assert.rejects(call(), (e: unknown) => e instanceof OpenAI.InternalServerError && e.status === 503);
    const faults = s.server.log
      .list()
      .filter((e) => e.path !== "/health")
      .map((e) => e.fault);
    assert.equal(faults.length, 3);
    for (const f of faults) assert.match(f ?? "", /503.*x-mock-fault/);
  });

  test("a stream-shaped fault is a 400 naming the header; a queued one waits for a chat stream", async () => {
    const s = await startTestServer();
    servers.push(s);
    for (const call of callsWith(s.client(), { "x-mock-fault": "truncate:3" }))
      await assert.rejects(
        call(),
        (e: unknown) => e instanceof OpenAI.BadRequestError && /streams only/.test(e.message),
      );
    s.server.faults.queue("truncate:3");
    for (const call of callsWith(s.client(), {})) await call();
    assert.equal(s.server.faults.size, 1, "the embeddings, completions and moderations calls left it queued");
  });
});
