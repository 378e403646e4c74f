import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { load, project } from "../helpers/configProject";
import { loadConfig } from "../../src/core/config";
import { formatDuration, parseDuration } from "../../src/core/rateLimits/duration";
import { RateLimiter, type Budget } from "../../src/core/rateLimits/limiter";
import { clientMatches, connectionCaller, rateLimitClient } from "../../src/core/rateLimits/client";
import { estimateTokens, RateLimits } from "../../src/core/rateLimits/service";
import { ApiError } from "../../src/core/openai/errors";

describe("OpenAI's duration format", () => {
  test("matches Go's time.Duration.String, rounded up to whole ms", () => {
    const cases: Array<[number, string]> = [
      [0, "0s"],
      [-5, "0s"],
      [0.2, "1ms"],
      [12, "12ms"],
      [20, "20ms"],
      [999.2, "1s"],
      [1000, "1s"],
      [8640, "8.64s"],
      [8600, "8.6s"],
      [1005, "1.005s"],
      [1050, "1.05s"],
      [1120, "1.12s"],
      [61_010, "1m1.01s"],
      [20_000, "20s"],
      [60_000, "1m0s"],
      [90_500, "1m30.5s"],
      [360_000, "6m0s"],
      [3_600_000, "1h0m0s"],
      [3_723_004, "1h2m3.004s"],
    ];
    for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, `${ms} ms`);
  });

  test("parses back what it writes, and refuses what is not a duration", () => {
    for (const ms of [1, 12, 1000, 8640, 60_000, 90_500, 3_723_004])
      assert.equal(parseDuration(formatDuration(ms)), ms);
    assert.equal(parseDuration("1.5ms"), 1.5);
    assert.equal(parseDuration("12"), null);
    assert.equal(parseDuration("1s junk"), null);
    assert.equal(parseDuration(""), null);
  });
});

/** A limiter on a clock the test moves by hand. */
function clocked() {
  let t = 1_000;
  const limiter = new RateLimiter({ now: () => t });
  return { limiter, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  const small: Budget = { requestsPerMinute: 3, tokensPerMinute: 1000 };

  test("remaining counts down per request and the reset time is how long until the bucket is full", () => {
    const { limiter } = clocked();
    const a = limiter.admit("c", small, 100, true);
    assert.ok(a.ok);
    assert.deepEqual(a.state, {
      limitRequests: 3,
      remainingRequests: 2,
      resetRequestsMs: 20_000,
      limitTokens: 1000,
      remainingTokens: 900,
      resetTokensMs: 6000,
    });
    const b = limiter.admit("c", small, 100, true);
    assert.ok(b.ok);
    assert.equal(b.state.remainingRequests, 1);
    assert.equal(formatDuration(b.state.resetRequestsMs), "40s");
    assert.equal(b.state.remainingTokens, 800);
  });

  test("over the request budget: refused with the wait until one request is back, nothing spent", () => {
    const { limiter, advance } = clocked();
    for (let i = 0; i < 3; i++) assert.ok(limiter.admit("c", small, 10, true).ok);
    advance(5_000); // a quarter of a request back
    const v = limiter.admit("c", small, 10, true);
    assert.ok(!v.ok);
    assert.equal(v.limit, "requests");
    assert.equal(Math.round(v.retryAfterMs), 15_000);
    assert.equal(v.used, 3);
    assert.equal(v.state.remainingRequests, 0);
    advance(14_990);
    assert.ok(!limiter.admit("c", small, 10, true).ok, "10 ms early is still too early");
    advance(10);
    const w = limiter.admit("c", small, 10, true);
    assert.ok(w.ok, "admitted once retry-after has passed");
    assert.equal(w.state.remainingRequests, 0);
  });

  test("a retry that arrives a timer-tick early is not refused for it", () => {
    const { limiter, advance } = clocked();
    for (let i = 0; i < 3; i++) limiter.admit("c", small, 1, true);
    const v = limiter.admit("c", small, 1, true);
    assert.ok(!v.ok);
    advance(v.retryAfterMs - 0.5);
    assert.ok(limiter.admit("c", small, 1, true).ok);
  });

  test("over the token budget: refused with the wait for the missing tokens; larger than the budget never fits", () => {
    const { limiter, advance } = clocked();
    assert.ok(limiter.admit("c", small, 900, true).ok);
    const v = limiter.admit("c", small, 400, true);
    assert.ok(!v.ok);
    assert.equal(v.limit, "tokens");
    assert.equal(Math.round(v.retryAfterMs), 18_000); // 300 tokens at 1000/min
    assert.equal(v.used, 900);
    assert.equal(v.requested, 400);
    const huge = limiter.admit("c", small, 1001, true);
    assert.ok(!huge.ok);
    assert.equal(huge.retryAfterMs, Infinity);
    advance(18_000);
    assert.ok(limiter.admit("c", small, 400, true).ok);
  });

  test("budgets refill continuously and reset fully on time", () => {
    const { limiter, advance } = clocked();
    for (let i = 0; i < 3; i++) limiter.admit("c", small, 200, true);
    assert.equal(limiter.peek("c", small).remainingRequests, 0);
    advance(20_000);
    assert.equal(limiter.peek("c", small).remainingRequests, 1);
    advance(40_000);
    const s = limiter.peek("c", small);
    assert.equal(s.remainingRequests, 3);
    assert.equal(s.resetRequestsMs, 0);
    assert.equal(s.remainingTokens, 1000);
    advance(60_000);
    assert.equal(limiter.peek("c", small).remainingRequests, 3, "never above the limit");
  });

  test("clients and budgets are counted apart; a changed budget starts full", () => {
    const { limiter } = clocked();
    for (let i = 0; i < 3; i++) limiter.admit("a", small, 1, true);
    assert.ok(!limiter.admit("a", small, 1, true).ok);
    assert.ok(limiter.admit("b", small, 1, true).ok);
    const bigger = { requestsPerMinute: 10, tokensPerMinute: 1000 };
    const v = limiter.admit("a", bigger, 1, true);
    assert.ok(v.ok);
    assert.equal(v.state.remainingRequests, 9);
  });

  test("not enforced: counted and reported, never refused, and never below zero", () => {
    const { limiter, advance } = clocked();
    for (let i = 0; i < 10; i++) assert.ok(limiter.admit("c", small, 500, false).ok);
    const s = limiter.peek("c", small);
    assert.equal(s.remainingRequests, 0);
    assert.equal(s.remainingTokens, 0);
    assert.equal(s.resetRequestsMs, 60_000);
    advance(60_000);
    assert.equal(limiter.peek("c", small).remainingRequests, 3);
  });

  test("charge settles the estimate against real usage, both ways", () => {
    const { limiter } = clocked();
    limiter.admit("c", small, 100, true);
    assert.equal(limiter.charge("c", small, 150).remainingTokens, 750);
    assert.equal(limiter.charge("c", small, -50).remainingTokens, 800);
    assert.equal(limiter.charge("c", small, -5000).remainingTokens, 1000, "never above the limit");
  });

  test("bounded: the least recently used bucket goes first", () => {
    let t = 0;
    const limiter = new RateLimiter({ now: () => t, maxBuckets: 2 });
    limiter.admit("a", small, 1, true);
    t++;
    limiter.admit("b", small, 1, true);
    t++;
    limiter.admit("a", small, 1, true);
    limiter.admit("c", small, 1, true);
    assert.deepEqual(
      limiter.list().map((e) => e.key),
      ["a", "c"],
    );
    assert.equal(limiter.peek("a", small).remainingRequests, 1);
    limiter.reset();
    assert.equal(limiter.size, 0);
  });

  test("bounded: a bucket whose budget changed becomes the most recent, not the next to go", () => {
    const limiter = new RateLimiter({ maxBuckets: 2 });
    const wide: Budget = { requestsPerMinute: 100, tokensPerMinute: 1000 };
    const narrow: Budget = { requestsPerMinute: 50, tokensPerMinute: 1000 };
    limiter.admit("a", wide, 1, true);
    limiter.admit("b", wide, 1, true);
    limiter.admit("a", narrow, 1, true); // a scenario switch: a fresh bucket for "a"
    for (let i = 0; i < 5; i++) limiter.admit("a", narrow, 1, true);
    limiter.admit("c", wide, 1, true);
    assert.deepEqual(
      limiter
        .list()
        .map((e) => e.key)
        .sort(),
      ["a", "c"],
      "b, the least recent, goes",
    );
    assert.equal(Math.round(limiter.peek("a", narrow).remainingRequests), 44, "a keeps what it spent");
  });
});

describe("[rate_limits] configuration", () => {
  test("defaults: counted, not enforced, generous budgets, no per-model ones", () => {
    const { rate_limits } = load({ projectDir: null }).config;
    assert.deepEqual(rate_limits, {
      enforce: false,
      requests_per_minute: 30000,
      tokens_per_minute: 150000000,
      models: {},
    });
  });

  test("per-model budgets from TOML and env; a bad one is an error naming the key", () => {
    const dir = project({
      "local.toml": '[rate_limits]\nenforce = true\n[rate_limits.models."gpt-4o"]\nrequests_per_minute = 5\n',
    });
    const loaded = load({ projectDir: dir });
    assert.equal(loaded.config.rate_limits.enforce, true);
    assert.deepEqual(loaded.config.rate_limits.models, { "gpt-4o": { requests_per_minute: 5 } });
    const env = load({
      projectDir: null,
      env: { MOCK_GPT_RATE_LIMITS_MODELS: '{"gpt-4o-mini":{"tokens_per_minute":100}}' },
    });
    assert.deepEqual(env.config.rate_limits.models, { "gpt-4o-mini": { tokens_per_minute: 100 } });

    const bad = loadConfig({
      projectDir: project({ "local.toml": '[rate_limits.models."gpt-4o"]\nrequests_per_min = 5\n' }),
      env: {},
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.errors[0]!.key, "rate_limits.models");
      assert.match(bad.errors[0]!.message, /requests_per_minute/);
    }
    const zero = loadConfig({ projectDir: null, env: { MOCK_GPT_RATE_LIMITS_REQUESTS_PER_MINUTE: "0" } });
    assert.equal(zero.ok, false);
  });

  test("a scenario may set budgets", () => {
    const dir = project({
      "test_scenarios.toml": "[scenarios.tight]\nrequests_per_minute = 2\ntokens_per_minute = 500\n",
    });
    const tight = load({ projectDir: dir }).scenarios.find((s) => s.name === "tight")!;
    assert.equal(tight.requests_per_minute, 2);
    assert.equal(tight.tokens_per_minute, 500);
  });
});

describe("RateLimits (budgets, clients, OpenAI's 429)", () => {
  const config = {
    enforce: true,
    requests_per_minute: 2,
    tokens_per_minute: 1000,
    models: { "gpt-4o": { requests_per_minute: 5 } },
  };
  const alice = rateLimitClient({ authorization: "Bearer sk-proj-alice-0123456789" }, "mock-gpt-client");

  test("a client is its API key (hashed, hinted), else the certificate CN, else the address", () => {
    assert.equal(alice.kind, "api-key");
    assert.match(alice.id, /^key:[0-9a-f]{16}$/);
    assert.equal(alice.label, "sk-…6789");
    assert.ok(!JSON.stringify(alice).includes("alice"), "the key itself is never kept");
    assert.equal(rateLimitClient({ "api-key": "azure-key-0123456789" }, null).kind, "api-key");
    assert.match(rateLimitClient({ authorization: "Bearer sk-test" }, null).label, /^key #[0-9a-f]{6}$/);
    assert.deepEqual(rateLimitClient({}, "ci-runner"), { id: "cn:ci-runner", label: "ci-runner", kind: "certificate" });
    assert.equal(rateLimitClient({}, null, "127.0.0.1").id, "ip:127.0.0.1");
    assert.ok(clientMatches(alice, "sk-proj-alice-0123456789"));
    assert.ok(clientMatches(alice, "sk-…6789"));
    assert.ok(!clientMatches(alice, "sk-proj-bob"));
  });

  test("a query credential (?api-key= / ?api_key=, Azure style) is the client when no header carries one", () => {
    const key = "sk-proj-alice-0123456789";
    const viaQuery = rateLimitClient({}, "mock-gpt-client", "127.0.0.1", `/v1/chat/completions?api-key=${key}`);
    assert.deepEqual(viaQuery, alice, "the same client, hashed and hinted, as with Authorization");
    const underscore = rateLimitClient({}, null, "", `/v1/x?a=1&API_KEY=${encodeURIComponent(key)}&b`);
    assert.equal(underscore.id, alice.id, "decoded, any case, among other parameters");
    // A header wins over the query; no query key, or an empty one, falls back as before.
    const bob = rateLimitClient({ authorization: "Bearer sk-proj-bob-9876543210" }, null);
    assert.equal(
      rateLimitClient({ authorization: "Bearer sk-proj-bob-9876543210" }, null, "", `/?api_key=${key}`).id,
      bob.id,
    );
    assert.equal(rateLimitClient({}, "ci-runner", "", "/v1/models?api-key=").id, "cn:ci-runner");
    assert.equal(rateLimitClient({}, "ci-runner", "", "/v1/models?apikeys=x&key2=y").id, "cn:ci-runner");
  });

  test("a connection's caller is reused only while its credentials repeat, never across connections", () => {
    const conn = (cn: string | null, remoteAddress = "127.0.0.1") => ({
      client: cn === null ? null : { commonName: cn },
      remoteAddress,
    });
    const a = conn("client-a");
    const b = conn("client-b");
    const path = "/v1/chat/completions";
    // Certificates: each connection is its own CN, whatever the other did first.
    assert.equal(connectionCaller(a, {}, path).id, "cn:client-a");
    assert.equal(connectionCaller(b, {}, path).id, "cn:client-b");
    assert.equal(connectionCaller(a, {}, path).id, "cn:client-a");
    // A key on the same connection is that key; the next request without one is the CN again.
    const keyed = connectionCaller(a, { authorization: "Bearer sk-proj-alice-0123456789" }, path);
    assert.equal(keyed.id, alice.id);
    assert.equal(connectionCaller(a, { authorization: "Bearer sk-proj-alice-0123456789" }, path), keyed);
    assert.equal(connectionCaller(a, { authorization: "Bearer sk-proj-bob-9876543210" }, path).label, "sk-…3210");
    assert.equal(connectionCaller(a, { "api-key": "azure-key-0123456789" }, path).label, "azu…6789");
    assert.equal(connectionCaller(a, { "x-api-key": "other-key-0123456789" }, path).label, "oth…6789");
    assert.equal(connectionCaller(a, {}, path).id, "cn:client-a");
    // Another connection with the same key is the same caller (OpenAI counts per key), not the first one's CN.
    assert.equal(connectionCaller(b, { authorization: "Bearer sk-proj-alice-0123456789" }, path).id, alice.id);
    // A key in the query is read on every request, never remembered.
    assert.equal(connectionCaller(a, {}, `${path}?api-key=sk-proj-alice-0123456789`).id, alice.id);
    assert.equal(connectionCaller(a, {}, `${path}?x=1`).id, "cn:client-a");
    // No certificate: the address of that connection.
    assert.equal(connectionCaller(conn(null, "10.0.0.7"), {}, path).id, "ip:10.0.0.7");
  });

  test("per-model budgets, scenario budgets above both, and enforcement", () => {
    const rl = new RateLimits();
    rl.configure({ ...config, enforce: false });
    assert.equal(rl.enforced, false);
    assert.deepEqual(rl.budget("gpt-4o"), { requestsPerMinute: 5, tokensPerMinute: 1000 });
    assert.deepEqual(rl.budget("gpt-4o-mini"), { requestsPerMinute: 2, tokensPerMinute: 1000 });
    rl.configure({ ...config, enforce: false }, { requests_per_minute: 1 });
    assert.equal(rl.enforced, true, "a scenario that sets a budget enforces it");
    assert.deepEqual(rl.budget("gpt-4o"), { requestsPerMinute: 1, tokensPerMinute: 1000 });
    rl.configure({ ...config, enforce: false }, { tokens_per_minute: 10 });
    assert.equal(rl.enforced, true, "a token budget alone enforces it too");
    rl.configure({ ...config, enforce: false }, {});
    assert.equal(rl.enforced, false, "a scenario without budgets does not");
  });

  test("the 429: OpenAI's type, code, wording, retry-after and retry-after-ms, and x-ratelimit-* headers", () => {
    const rl = new RateLimits();
    rl.configure(config);
    const a = rl.admit(alice, "gpt-4o-mini", 100);
    assert.equal(a.headers()["x-ratelimit-remaining-requests"], "1");
    a.settle(300);
    a.settle(9999); // only the first settlement counts
    assert.equal(a.headers()["x-ratelimit-remaining-tokens"], "700");
    rl.admit(alice, "gpt-4o-mini", 10);
    let error: ApiError | undefined;
    try {
      rl.admit(alice, "gpt-4o-mini", 10);
    } catch (e) {
      error = e as ApiError;
    }
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 429);
    assert.deepEqual(
      { type: error.type, code: error.code, param: error.param },
      { type: "requests", code: "rate_limit_exceeded", param: null },
    );
    assert.match(
      error.message,
      /^Rate limit reached for gpt-4o-mini in organization org-mockgpt on requests per min \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in (29\.9\d+|30)s\. Visit https:\/\/platform\.openai\.com\/account\/rate-limits to learn more\.$/,
    );
    const ms = Number(error.headers["retry-after-ms"]);
    assert.ok(ms > 29_900 && ms <= 30_000, String(ms));
    assert.equal(error.headers["retry-after"], "30");
    assert.equal(error.headers["x-ratelimit-remaining-requests"], "0");
    assert.equal(error.headers["x-ratelimit-limit-requests"], "2");
    // Another model, another budget; another client, another budget.
    assert.doesNotThrow(() => rl.admit(alice, "gpt-4o", 10));
    assert.doesNotThrow(() => rl.admit(rateLimitClient({}, "other"), "gpt-4o-mini", 10));

    const tooBig = (() => {
      try {
        rl.admit(rateLimitClient({}, "big"), "gpt-4o-mini", 5000);
      } catch (e) {
        return e as ApiError;
      }
    })();
    assert.equal(tooBig?.type, "tokens");
    assert.equal(tooBig?.headers["x-should-retry"], "false");
    assert.match(
      tooBig!.message,
      /^Request too large for gpt-4o-mini .* on tokens per min \(TPM\): Limit 1000, Requested 5000\./,
    );
  });

  test("snapshot lists each client's standing; reset empties it", () => {
    const rl = new RateLimits();
    rl.configure(config);
    rl.admit(alice, "gpt-4o-mini", 100);
    rl.admit(alice, "gpt-4o-mini", 100);
    assert.throws(() => rl.admit(alice, "gpt-4o-mini", 100));
    const s = rl.snapshot();
    assert.equal(s.enforced, true);
    assert.deepEqual(s.models, { "gpt-4o": { requestsPerMinute: 5, tokensPerMinute: 1000 } });
    assert.equal(s.clients.length, 1);
    const c = s.clients[0]!;
    assert.equal(c.client.label, "sk-…6789");
    assert.equal(c.remainingRequests, 0);
    assert.equal(c.refused, 1);
    assert.equal(c.resetRequests, formatDuration(c.resetRequestsMs));
    assert.equal(rl.headers(alice, "gpt-4o-mini")["x-ratelimit-remaining-requests"], "0", "peeking spends nothing");
    rl.reset();
    assert.deepEqual(rl.snapshot().clients, []);
    assert.equal(rl.headers(alice, "gpt-4o-mini")["x-ratelimit-remaining-requests"], "2");
  });

  test("the admission estimate: characters / 4 plus max_tokens", () => {
    assert.equal(estimateTokens(401, null), 101);
    assert.equal(estimateTokens(400, 50), 150);
  });
});

describe("a scenario's injected 429", () => {
  test("quotes the standing it is given, and OpenAI's first tier without one", async () => {
    const { pickInjectedError } = await import("../../src/core/server/routes/prelude");
    const behavior = { errorRatePercent: 100, errorStatuses: [429] } as never;
    const e = pickInjectedError(
      behavior,
      "gpt-4o-mini",
      () => ({ limitRequests: 4321, limitTokens: 99 }),
      () => 0,
    )!;
    assert.equal(e.status, 429);
    assert.match(e.message, /Limit 4321, Used 4321, Requested 1/);
    assert.equal(e.headers["x-ratelimit-remaining-requests"], "0");
    const bare = pickInjectedError(behavior, "gpt-4o-mini", undefined, () => 0)!;
    assert.match(bare.message, /Limit 500, Used 500/);
  });
});
