// Rate limits as the official SDK sees them: x-ratelimit-* headers counting down and refilling on
// time, OpenAI's 429 with retry-after, and the SDK's own retries, read back from the control API.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import OpenAI from "openai";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";
import { parseDuration } from "../../src/core/rateLimits/duration";

const messages = [{ role: "user" as const, content: "Say hello." }];

function sdk(s: TestServer, apiKey: string, maxRetries = 0) {
  return new OpenAI({
    baseURL: `${s.url}/v1`,
    apiKey,
    maxRetries,
    timeout: 20_000,
    fetchOptions: { dispatcher: s.agent } as never,
  });
}

const ms = (h: Headers, name: string) => {
  const v = parseDuration(h.get(name) ?? "");
  assert.notEqual(v, null, `${name}: ${h.get(name)}`);
  return v!;
};

describe("x-ratelimit-* headers", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ rate_limits: { enforce: true, requests_per_minute: 60, tokens_per_minute: 6000 } });
  });
  after(() => s.close());

  test("count down per request and refill on time", async () => {
    // Warm up (the responder loads on the first request) under another key: its own budget.
    await sdk(s, "sk-headers-warm-up-0001").chat.completions.create({ model: "gpt-4o-mini", messages });
    const client = sdk(s, "sk-headers-test-000001");
    const seen: Array<{ headers: Headers; total: number; tookMs: number }> = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const { data, response } = await client.chat.completions
        .create({ model: "gpt-4o-mini", messages })
        .withResponse();
      seen.push({ headers: response.headers, total: data.usage!.total_tokens, tookMs: performance.now() - t0 });
    }
    // 60 RPM refills one request a second: three quick requests leave 59, 58, 57.
    assert.deepEqual(
      seen.map((r) => r.headers.get("x-ratelimit-remaining-requests")),
      ["59", "58", "57"],
    );
    for (const { headers } of seen) {
      assert.equal(headers.get("x-ratelimit-limit-requests"), "60");
      assert.equal(headers.get("x-ratelimit-limit-tokens"), "6000");
    }
    // Tokens: the real usage is spent (6000 TPM gives 0.1 token per ms back while the request runs),
    // and the reset is how long the spent tokens take to come back.
    const first = seen[0]!;
    const spent = 6000 - Number(first.headers.get("x-ratelimit-remaining-tokens"));
    assert.ok(
      spent <= first.total && spent >= first.total - first.tookMs / 10 - 1,
      `${spent} of ${first.total} tokens`,
    );
    assert.ok(Math.abs(ms(first.headers, "x-ratelimit-reset-tokens") - spent * 10) <= 10);
    const last = seen[2]!.headers;
    const reset = ms(last, "x-ratelimit-reset-requests");
    assert.ok(reset > 2000 && reset <= 3000, `reset-requests ${last.get("x-ratelimit-reset-requests")}`);

    await sleep(reset + 50);
    const { response } = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    assert.equal(response.headers.get("x-ratelimit-remaining-requests"), "59", "full again, minus this request");
    const again = ms(response.headers, "x-ratelimit-reset-requests");
    assert.ok(again > 900 && again <= 1000, `reset-requests ${response.headers.get("x-ratelimit-reset-requests")}`);
  });

  test("responses that spend nothing still report the standing; other keys and models have their own", async () => {
    const key = "sk-headers-test-000002";
    await sdk(s, key).chat.completions.create({ model: "gpt-4o-mini", messages });
    const models = await request(`${s.url}/v1/models`, {
      dispatcher: s.agent,
      headers: { authorization: `Bearer ${key}` },
    });
    await models.body.text();
    assert.equal(models.headers["x-ratelimit-limit-requests"], "60");
    const other = await sdk(s, key).chat.completions.create({ model: "gpt-4o", messages }).withResponse();
    assert.equal(other.response.headers.get("x-ratelimit-remaining-requests"), "59");
    const stranger = await sdk(s, "sk-headers-test-000003")
      .chat.completions.create({ model: "gpt-4o-mini", messages })
      .withResponse();
    assert.equal(stranger.response.headers.get("x-ratelimit-remaining-requests"), "59");
  });
  test("Responses settles its real usage, not the max_output_tokens estimate", async () => {
    const client = sdk(s, "sk-headers-test-000004");
    const t0 = performance.now();
    const { data, response } = await client.responses
      .create({ model: "gpt-4o-mini", input: "Say hello.", max_output_tokens: 3000 })
      .withResponse();
    const tookMs = performance.now() - t0;
    const total = data.usage!.total_tokens;
    assert.ok(total < 1000, `usage ${total}`);
    // Admission reserved ~3000 tokens; once usage is known only `total` stays spent.
    const spent = 6000 - Number(response.headers.get("x-ratelimit-remaining-tokens"));
    assert.ok(spent <= total && spent >= total - tookMs / 10 - 1, `${spent} spent for ${total} tokens`);
    assert.ok(Math.abs(ms(response.headers, "x-ratelimit-reset-tokens") - spent * 10) <= 10);
  });
});

describe("over budget with the SDK's own retries", () => {
  let s: TestServer;
  before(async () => {
    // 30 RPM: one request back every 2 s, far from the SDK's own backoff (0.5 s, 1 s).
    s = await startTestServer({
      rate_limits: { enforce: true, requests_per_minute: 30, tokens_per_minute: 1_000_000 },
    });
  });
  after(() => s.close());

  const journal = async (query: string) => {
    const r = await request(`${s.url}/__mock/requests?${query}`, { dispatcher: s.agent });
    return (await r.body.json()) as {
      matched: number;
      counts: { byRetryCount: Record<string, number>; byStatus: Record<string, number> };
      entries: Array<{
        time: number;
        status: number;
        request: { headers: Record<string, string> };
        response: { headers: Record<string, string> };
      }>;
    };
  };

  test("RateLimitError after two retries that each waited retry-after, visible in the journal", async () => {
    const key = "sk-retry-test-0000001";
    const drain = sdk(s, key);
    let drained = 0;
    for (;;) {
      try {
        await drain.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "x-drain": "1" } });
        drained++;
      } catch (e) {
        assert.ok(e instanceof OpenAI.RateLimitError, String(e));
        break;
      }
      assert.ok(drained <= 31, "the budget never ran out");
    }
    assert.equal(drained, 30);

    // Three callers race for one request every 2 s: each round one wins, so the last one is
    // refused on its first try and on both retries.
    const client = sdk(s, key, 2);
    const calls = ["A", "B", "C"].map((name) =>
      client.chat.completions
        .create({ model: "gpt-4o-mini", messages }, { headers: { "x-call": name } })
        .then(() => ({ name, ok: true as const }))
        .catch((error: unknown) => ({ name, ok: false as const, error })),
    );
    const results = await Promise.all(calls);
    const failed = results.filter((r) => !r.ok);
    assert.equal(failed.length, 1, JSON.stringify(results.map((r) => [r.name, r.ok])));
    const loser = failed[0]!;
    assert.ok(!loser.ok && loser.error instanceof OpenAI.RateLimitError);
    const err = (loser as { error: InstanceType<typeof OpenAI.RateLimitError> }).error;
    assert.equal(err.status, 429);
    assert.equal(err.code, "rate_limit_exceeded");
    assert.equal(err.type, "requests");
    assert.match(
      err.message,
      /Rate limit reached for gpt-4o-mini .* on requests per min \(RPM\): Limit 30, Used 30, Requested 1\. Please try again in \d/,
    );

    const tries = await journal(`header=x-call:${loser.name}`);
    assert.equal(tries.matched, 3, "the first try and two retries");
    assert.deepEqual(tries.counts.byRetryCount, { "0": 1, "1": 1, "2": 1 });
    assert.deepEqual(tries.counts.byStatus, { "429": 3 });
    for (let i = 1; i < tries.entries.length; i++) {
      const prev = tries.entries[i - 1]!;
      const told = Number(prev.response.headers["retry-after-ms"]);
      assert.equal(prev.response.headers["retry-after"], String(Math.ceil(told / 1000)));
      const waited = tries.entries[i]!.time - prev.time;
      assert.ok(told > 0 && told <= 2000, `retry-after-ms ${told}`);
      assert.ok(waited >= told - 2, `retry ${i} came after ${waited} ms, told ${told} ms`);
      assert.ok(
        waited <= told + 700,
        `retry ${i} waited ${waited} ms for retry-after-ms ${told}: not the SDK's own backoff`,
      );
    }
    const winners = await journal("header=x-call&status=200");
    assert.equal(winners.matched, 2, "one request came back per 2 s, and one caller got each");
  });

  test("a request larger than the whole token budget: 429 tokens, x-should-retry false, no retries", async () => {
    const small = await startTestServer({ rate_limits: { enforce: true, tokens_per_minute: 100 } });
    try {
      const client = sdk(small, "sk-too-large-0000001", 2);
      await assert.rejects(
        client.chat.completions.create({ model: "gpt-4o-mini", messages, max_tokens: 500 }),
        (e: unknown) => {
          assert.ok(e instanceof OpenAI.RateLimitError);
          assert.equal(e.type, "tokens");
          assert.equal(e.headers?.get("x-should-retry"), "false");
          assert.match(e.message, /^429 Request too large for gpt-4o-mini/);
          return true;
        },
      );
      assert.equal(small.server.log.size, 1, "the SDK did not retry");
    } finally {
      await small.close();
    }
  });
});

describe("a scenario chosen for one request", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({});
  });
  after(() => s.close());

  test("x-mock-scenario: rate-limited applies that scenario's budgets to that request, chat and Responses", async () => {
    const client = sdk(s, "sk-one-request-scenario1");
    const headers = { "x-mock-scenario": "rate-limited" };
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { response } = await client.chat.completions
        .create({ model: "gpt-4o-mini", messages }, { headers })
        .withResponse();
      assert.equal(response.headers.get("x-ratelimit-limit-requests"), "5");
      seen.push(response.headers.get("x-ratelimit-remaining-requests")!);
    }
    assert.deepEqual(seen, ["4", "3", "2", "1", "0"]);
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages }, { headers }),
      (e: unknown) => e instanceof OpenAI.RateLimitError,
    );
    // The same client without the header still has the active scenario's (unenforced) budget.
    const plain = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).withResponse();
    assert.notEqual(plain.response.headers.get("x-ratelimit-limit-requests"), "5");
    // Responses counts against the same kind of budget: its own requests get the headers too.
    const r = await sdk(s, "sk-one-request-scenario2")
      .responses.create({ model: "gpt-4o-mini", input: "Say hello." }, { headers })
      .withResponse();
    assert.equal(r.response.headers.get("x-ratelimit-limit-requests"), "5");
    assert.equal(r.response.headers.get("x-ratelimit-remaining-requests"), "4");
  });
});

describe("an injected 429 quotes the client's real budgets", () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({
      rate_limits: {
        requests_per_minute: 1234,
        tokens_per_minute: 56789,
        models: { "gpt-4o": { requests_per_minute: 77 } },
      },
    });
  });
  after(() => s.close());

  async function fault(spec: string, path = "/v1/chat/completions", model = "gpt-4o-mini") {
    const body =
      path === "/v1/embeddings"
        ? { model: "text-embedding-3-small", input: "hi" }
        : { model, messages: [{ role: "user", content: "hi" }] };
    const res = await request(`${s.url}${path}`, {
      dispatcher: s.agent,
      method: "POST",
      headers: { "content-type": "application/json", "x-mock-fault": spec, authorization: "Bearer sk-injected-0001" },
      body: JSON.stringify(body),
    });
    const json = (await res.body.json()) as { error: { message: string; type: string; code: string } };
    assert.equal(res.statusCode, 429);
    return { headers: res.headers as Record<string, string>, error: json.error };
  }

  test("429: the RPM limit of the headers, all used", async () => {
    const { headers, error } = await fault("429");
    assert.match(
      error.message,
      /on requests per min \(RPM\): Limit 1234, Used 1234, Requested 1\. Please try again in 1s\./,
    );
    assert.equal(headers["x-ratelimit-limit-requests"], "1234");
    assert.equal(headers["x-ratelimit-remaining-requests"], "0");
    assert.equal(headers["retry-after-ms"], "1000");
    const other = await fault("429", "/v1/chat/completions", "gpt-4o");
    assert.match(other.error.message, /Limit 77, Used 77/, "a model's own budget");
    assert.equal(other.headers["x-ratelimit-limit-requests"], "77");
  });

  test("429:tokens: the TPM limit of the headers, with remaining tokens below the request", async () => {
    const { headers, error } = await fault("429:tokens");
    const m = /on tokens per min \(TPM\): Limit (\d+), Used (\d+), Requested (\d+)\. Please try again in 260ms\./.exec(
      error.message,
    );
    assert.ok(m, error.message);
    const [limit, used, requested] = [Number(m[1]), Number(m[2]), Number(m[3])];
    assert.equal(limit, 56789);
    assert.equal(headers["x-ratelimit-limit-tokens"], "56789");
    assert.equal(Number(headers["x-ratelimit-remaining-tokens"]), limit - used);
    assert.ok(limit - used < requested, "over budget as stated");
    assert.equal(headers["retry-after-ms"], "260");
  });

  test("on other endpoints too (embeddings)", async () => {
    const { headers, error } = await fault("429", "/v1/embeddings");
    assert.match(error.message, /Limit 1234, Used 1234/);
    assert.equal(headers["x-ratelimit-limit-requests"], "1234");
  });
});
