// Test control through the official SDK, its own retries on: queued faults, x-mock-* headers, rules.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, RateLimitError } from "openai";
import { startTestServer, type TestServer } from "../helpers/server";
import type { LogEntry } from "../../src/shared/requestLog";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const ask = (content = "Say hello") => ({ model: "gpt-4o-mini", messages: [{ role: "user" as const, content }] });

/** The newest finished log entries for chat completions, oldest first. */
const chatEntries = (n: number): LogEntry[] =>
  s.server.log
    .list()
    .filter((e) => e.path.startsWith("/v1/chat/completions"))
    .slice(-n);

async function drain(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
  return text;
}

describe("queued faults with the SDK's retries on", () => {
  test("reset before any byte: APIConnectionError after the SDK's retries, each attempt logged as a reset", async () => {
    s.server.faults.queue("reset", { count: 3 });
    const client = s.client({ maxRetries: 2 });
    await assert.rejects(client.chat.completions.create(ask()), (e: unknown) => {
      assert.ok(e instanceof APIConnectionError && !(e instanceof APIConnectionTimeoutError), String(e));
      return true;
    });
    const log = chatEntries(3);
    assert.deepEqual(
      log.map((e) => e.fault),
      Array(3).fill("reset before any byte (queued)"),
    );
    assert.deepEqual(
      log.map((e) => e.request.headers["x-stainless-retry-count"]),
      ["0", "1", "2"],
    );
    assert.equal(s.server.faults.size, 0);
  });

  test("a queued fault for one request only: the SDK's retry succeeds", async () => {
    s.server.faults.queue("503");
    const client = s.client({ maxRetries: 1 });
    const started = Date.now();
    const done = await client.chat.completions.create(ask());
    assert.equal(done.object, "chat.completion");
    const [failed, ok] = chatEntries(2);
    assert.equal(failed!.status, 503);
    assert.equal(failed!.fault, "HTTP 503 overloaded (queued)");
    assert.equal(failed!.response.headers["retry-after-ms"], "1000");
    assert.equal(ok!.status, 200);
    assert.ok(Date.now() - started >= 950, "the SDK waited for retry-after-ms");
  });

  test("hang: APIConnectionTimeoutError at the SDK's timeout", async () => {
    s.server.faults.queue("hang", { count: 2 });
    const client = s.client({ maxRetries: 1, timeout: 300 });
    await assert.rejects(client.chat.completions.create(ask()), APIConnectionTimeoutError);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      chatEntries(2).map((e) => [e.status, e.fault]),
      Array(2).fill([499, "hang (no answer) (queued)"]),
    );
  });

  test("429 insufficient_quota is not retried (x-should-retry: false) and surfaces as RateLimitError", async () => {
    s.server.faults.queue("429:quota", { count: 3 });
    const client = s.client({ maxRetries: 2 });
    await assert.rejects(client.chat.completions.create(ask()), (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.equal(e.code, "insufficient_quota");
      assert.equal(e.type, "insufficient_quota");
      return true;
    });
    assert.equal(s.server.faults.list()[0]?.remaining, 2, "only one attempt");
    s.server.faults.clear();
  });
});

describe("stream faults", () => {
  test("a stream reset after 3 chunks: the SDK's iteration throws, the log says what happened", async () => {
    const client = s.client();
    const stream = await client.chat.completions.create(
      { ...ask("Write three sentences about rivers."), stream: true },
      { headers: { "x-mock-fault": "truncate:3" } },
    );
    await assert.rejects(drain(stream));
    await new Promise((r) => setTimeout(r, 50));
    const [e] = chatEntries(1);
    assert.equal(e!.fault, "reset after 3 chunks (x-mock-fault)");
    assert.equal(e!.chunks.length, 3);
  });

  test("truncate:0: the 200 and its headers arrive, then the stream breaks before any chunk (not a reset)", async () => {
    const client = s.client({ maxRetries: 2 });
    // A reset before the response would be retried and rejected by create(); this one is a started stream.
    const stream = await client.chat.completions.create(
      { ...ask("Write three sentences about rivers."), stream: true },
      { headers: { "x-mock-fault": "truncate:0" } },
    );
    await assert.rejects(drain(stream));
    await new Promise((r) => setTimeout(r, 50));
    const [e] = chatEntries(1);
    assert.equal(e!.status, 200);
    assert.equal(e!.fault, "reset after 0 chunks (x-mock-fault)");
    assert.equal(e!.chunks.length, 0);
    assert.equal(e!.request.headers["x-stainless-retry-count"], "0", "one attempt: the SDK saw a response");
    // :done with no chunk is an empty but clean stream.
    const done = await client.chat.completions.create(
      { ...ask("Hi"), stream: true },
      { headers: { "x-mock-fault": "truncate:0:done" } },
    );
    assert.equal(await drain(done), "");
  });

  test("truncate:0 on a Responses stream: created, then broken", async () => {
    const client = s.client({ maxRetries: 0 });
    const stream = await client.responses.create(
      { model: "gpt-4o-mini", input: "Hi", stream: true },
      { headers: { "x-mock-fault": "truncate:0" } },
    );
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const ev of stream) seen.push(ev.type);
    });
    assert.deepEqual(seen, []);
  });

  test("[DONE] after 2 chunks ends cleanly with a partial answer; no [DONE] ends silently too", async () => {
    const client = s.client();
    for (const [spec, label] of [
      ["truncate:2:done", "[DONE] after 2 chunks"],
      ["truncate:2:eof", "stream ended after 2 chunks, no [DONE]"],
    ]) {
      const stream = await client.chat.completions.create(
        { ...ask("Write three sentences about rivers."), stream: true },
        { headers: { "x-mock-fault": spec! } },
      );
      const text = await drain(stream);
      assert.ok(text.length < 40, `partial: ${text}`);
      assert.equal(chatEntries(1)[0]!.fault, `${label} (x-mock-fault)`);
    }
  });

  test("an error event mid-stream is the SDK's APIError; a malformed chunk is a JSON error", async () => {
    const client = s.client();
    const errored = await client.chat.completions.create(
      { ...ask("Tell me a story."), stream: true },
      { headers: { "x-mock-fault": "error-event:2" } },
    );
    await assert.rejects(
      drain(errored),
      (e: unknown) => e instanceof APIError && /server had an error/.test(e.message),
    );
    const broken = await client.chat.completions.create(
      { ...ask("Tell me a story."), stream: true },
      { headers: { "x-mock-fault": "malformed:2" } },
    );
    await assert.rejects(drain(broken), SyntaxError);
    assert.equal(chatEntries(1)[0]!.fault, "malformed chunk after 2 chunks (x-mock-fault)");
  });
});

describe("per-request headers", () => {
  test("concurrent requests with different headers do not interfere", async () => {
    const client = s.client();
    const kinds = ["none", "429", "delay", "500", "none", "ttft", "404", "delay"];
    const results = await Promise.all(
      kinds.map(async (k, i) => {
        const headers: Record<string, string> = { "x-test-id": String(i) };
        if (/^\d+$/.test(k)) headers["x-mock-fault"] = k;
        if (k === "delay") headers["x-mock-delay-ms"] = "1500";
        if (k === "ttft") headers["x-mock-ttft-ms"] = "1000";
        const t0 = Date.now();
        try {
          await client.chat.completions.create(ask(`request ${i}`), { headers });
          return { i, status: 200, ms: Date.now() - t0 };
        } catch (e) {
          return { i, status: (e as APIError).status ?? -1, ms: Date.now() - t0 };
        }
      }),
    );
    for (const r of results) {
      const k = kinds[r.i]!;
      assert.equal(r.status, /^\d+$/.test(k) ? Number(k) : 200, `request ${r.i} (${k})`);
      if (k === "delay") assert.ok(r.ms >= 1490, `delayed ${r.ms}`);
      if (k === "ttft") assert.ok(r.ms >= 990, `ttft ${r.ms}`);
      if (k === "none") assert.ok(r.ms < 900, `undelayed ${r.ms}`);
    }
    const byId = new Map(chatEntries(8).map((e) => [e.request.headers["x-test-id"], e]));
    assert.equal(byId.get("1")!.fault, "HTTP 429 rate_limit_exceeded (x-mock-fault)");
    assert.equal(byId.get("0")!.fault ?? null, null);
  });

  test("x-mock-scenario runs one request under another scenario; the log records it", async () => {
    const client = s.client();
    await assert.rejects(
      client.chat.completions.create(ask(), { headers: { "x-mock-scenario": "errors" } }),
      (e: unknown) => e instanceof APIError && [429, 500, 503].includes(e.status!),
    );
    assert.equal(chatEntries(1)[0]!.scenario, "errors");
    await client.chat.completions.create(ask());
    assert.equal(chatEntries(1)[0]!.scenario, "normal");
  });

  test("a malformed x-mock-* header is a 400 naming it", async () => {
    await assert.rejects(
      s.client().chat.completions.create(ask(), { headers: { "x-mock-fault": "explode" } }),
      (e: unknown) => e instanceof APIError && e.status === 400 && e.param === "x-mock-fault",
    );
  });

  test("x-mock-ttft-ms and x-mock-tokens-per-second pace a stream", async () => {
    const client = s.client();
    const stream = await client.chat.completions.create(
      { ...ask("Name four colours."), stream: true, seed: 42 },
      { headers: { "x-mock-tokens-per-second": "50", "x-mock-ttft-ms": "150" } },
    );
    await drain(stream);
    await new Promise((r) => setTimeout(r, 20));
    const t = chatEntries(1)[0]!.chunks.map((c) => c.t);
    assert.ok(t[0]! >= 149, `first chunk after ttft: ${t[0]}`);
    const span = t.at(-2)! - t[0]!; // before [DONE]
    const expected = ((t.length - 2) * 1000) / 50;
    assert.ok(span >= expected - 2 && span < expected + 400, `paced at 50/s: ${span} ms for ${t.length - 2} gaps`);
  });

  test("a stream that starts late keeps its pace after the first event instead of bursting to catch up", async () => {
    // The server is held up right after the request arrives (a loaded machine, a tokenizer loading):
    // the first event goes out ~300 ms after its planned time.
    const stall = (e: LogEntry) => {
      if (!e.path.startsWith("/v1/chat/completions") && !e.path.startsWith("/v1/responses")) return;
      const until = performance.now() + 300;
      while (performance.now() < until);
    };
    s.server.log.on("added", stall);
    try {
      const client = s.client();
      const headers = { "x-mock-tokens-per-second": "50", "x-mock-ttft-ms": "20" };
      const chat = await client.chat.completions.create(
        { ...ask("Name four colours."), stream: true, seed: 7 },
        { headers },
      );
      await drain(chat);
      const responses = await client.responses.create(
        { model: "gpt-4o-mini", input: "Name four colours.", stream: true, max_output_tokens: 40 },
        { headers },
      );
      for await (const _ of responses);
      await new Promise((r) => setTimeout(r, 20));
      for (const path of ["/v1/chat/completions", "/v1/responses"]) {
        const e = s.server.log
          .list()
          .filter((x) => x.path.startsWith(path))
          .at(-1)!;
        const t = e.chunks.map((c) => c.t);
        assert.ok(t[0]! >= 300, `${path}: the first event was late: ${t[0]}`);
        const last = path === "/v1/responses" ? t.at(-1)! : t.at(-2)!; // chat: before [DONE]
        const gaps = t.indexOf(last);
        assert.ok(gaps >= 10, `${path}: ${gaps} gaps`);
        // Every gap after the first event keeps the planned 20 ms (timers are never early).
        for (let i = 1; i <= gaps; i++)
          assert.ok(t[i]! - t[0]! >= i * 20 - 2, `${path}: event ${i} at ${t[i]! - t[0]!} ms after the first`);
      }
    } finally {
      s.server.log.off("added", stall);
    }
  });
});

describe("rules", () => {
  let r: TestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "mock-gpt-rules-"));
    mkdirSync(join(dir, "config"));
    writeFileSync(
      join(dir, "config", "local.toml"),
      `[[rules]]\nname = "refunds"\nmatch = { user_contains = "refund" }\nreply = "Refunds take five business days."\n\n` +
        `[[rules]]\nname = "weather"\nmatch = { user_regex = "weather in \\\\w+", tools = true }\ntool_call = { name = "get_weather", arguments = { city = "Paris" } }\n\n` +
        `[[rules]]\nname = "flaky-billing"\nmatch = { system_contains = "billing" }\nfault = "502"\n`,
    );
    const { loadConfig } = await import("../../src/core");
    const loaded = loadConfig({ projectDir: dir, env: {} });
    assert.ok(loaded.ok);
    r = await startTestServer();
    await r.server.applyConfig({ ...r.server.config, rules: loaded.loaded.rules });
  });
  after(async () => {
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a canned answer, streamed like a generated one, and logged with its rule", async () => {
    const client = r.client();
    const json = await client.chat.completions.create(ask("I need a refund"));
    assert.equal(json.choices[0]!.message.content, "Refunds take five business days.");
    const stream = await client.chat.completions.create({ ...ask("refund?"), stream: true });
    const chunks: string[] = [];
    for await (const c of stream) if (c.choices[0]?.delta?.content) chunks.push(c.choices[0].delta.content);
    assert.equal(chunks.join(""), "Refunds take five business days.");
    assert.ok(chunks.length > 3, "streamed token by token");
    assert.equal(r.server.log.list().at(-1)!.rule, "refunds");
  });

  test("a tool call and a fault by rule", async () => {
    const client = r.client();
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object" } } }];
    const out = await client.chat.completions.create({ ...ask("What's the weather in Paris?"), tools });
    const call = out.choices[0]!.message.tool_calls![0]!;
    assert.equal(out.choices[0]!.finish_reason, "tool_calls");
    assert.deepEqual(
      [call.type === "function" && call.function.name, call.type === "function" && JSON.parse(call.function.arguments)],
      ["get_weather", { city: "Paris" }],
    );
    await assert.rejects(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "You handle billing." },
          { role: "user", content: "hi" },
        ],
      }),
      (e: unknown) => e instanceof APIError && e.status === 502,
    );
    const last = r.server.log.list().at(-1)!;
    assert.deepEqual([last.rule, last.fault], ["flaky-billing", "HTTP 502 cf_bad_gateway (rule)"]);
  });
});
