import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "../../src/core/config";
import { load, project } from "../helpers/configProject";
import {
  FAULT_STATUSES,
  describeFault,
  faultSpec,
  openaiError,
  parseFault,
  FaultSyntaxError,
} from "../../src/core/control/faults";
import { FaultQueue } from "../../src/core/control/faultQueue";
import { readControlHeaders } from "../../src/core/control/headers";
import { jittered, latencyRandom, planLatency } from "../../src/core/control/latency";
import { planRequest, subjectOf, type ControlState } from "../../src/core/control/plan";
import type { ApiError } from "../../src/core/openai/errors";
import { matchRule, matches, shadows } from "../../src/core/control/rules";
import { compileRuleRegex, nestedQuantifier } from "../../src/core/control/safeRegex";
import { BUILT_IN_SCENARIOS, findScenario, resolveBehavior } from "../../src/core/scenarios";

const chat = (user: string, extra: Record<string, unknown> = {}) => ({
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "You are a support bot." },
    { role: "user", content: user },
  ],
  ...extra,
});
const noHeaders = () => undefined;

describe("latency model", () => {
  test("jitter stays within ± the percentage and never goes negative", () => {
    const r = latencyRandom(1, "x");
    for (let i = 0; i < 1000; i++) {
      const v = jittered(100, 20, r);
      assert.ok(v >= 80 && v <= 120, String(v));
    }
    assert.equal(jittered(100, 0, r), 100);
    assert.ok(jittered(100, 100, Math.random) >= 0);
  });

  test("the same seed and request give the same timings; another seed or request differs", () => {
    const s = { delayMs: 0, ttftMs: 400, tokensPerSecond: 50, jitterPercent: 30 };
    const a = planLatency(s, 20, 18, latencyRandom(7, "body"));
    const b = planLatency(s, 20, 18, latencyRandom(7, "body"));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, planLatency(s, 20, 18, latencyRandom(8, "body")));
    assert.notDeepEqual(a, planLatency(s, 20, 18, latencyRandom(7, "other")));
  });

  test("streams: ttft before the first event, one token's time between events, delay spread", () => {
    const p = planLatency({ delayMs: 100, ttftMs: 300, tokensPerSecond: 50, jitterPercent: 0 }, 5, 3, Math.random);
    assert.equal(p.firstMs, 300 + 20);
    assert.deepEqual(p.gapsMs, [40, 40, 40, 40]);
  });

  test("JSON answers pay ttft plus the body time of their tokens plus the delay in one wait", () => {
    const p = planLatency({ delayMs: 10, ttftMs: 200, tokensPerSecond: 100, jitterPercent: 0 }, 0, 50, Math.random);
    assert.deepEqual(p, { firstMs: 200 + 500 + 10, gapsMs: [] });
  });

  test("built-ins follow the Response Times table: fast 10–50 ms, slow 5–30 s", () => {
    const responses = load({ projectDir: project() }).config.responses;
    for (const [name, lo, hi] of [
      ["fast", 10, 50],
      ["slow", 5000, 30000],
    ] as const) {
      const b = resolveBehavior(responses, findScenario(BUILT_IN_SCENARIOS, name)!);
      const s = {
        delayMs: b.delayMs,
        ttftMs: b.ttftMs,
        tokensPerSecond: b.tokensPerSecond,
        jitterPercent: b.jitterPercent,
      };
      let min = Infinity,
        max = 0;
      for (let i = 0; i < 2000; i++) {
        const t = planLatency(s, 0, 40, Math.random).firstMs;
        min = Math.min(min, t);
        max = Math.max(max, t);
      }
      assert.ok(min >= lo && max <= hi, `${name}: ${min}..${max}`);
      assert.ok(min < lo + (hi - lo) * 0.1 && max > hi - (hi - lo) * 0.1, `${name} spans its range: ${min}..${max}`);
    }
  });
});

describe("fault catalogue", () => {
  test("parses every spelling and round-trips through faultSpec", () => {
    for (const spec of [
      ...FAULT_STATUSES.map(String),
      "429:quota",
      "429:tokens",
      "hang",
      "reset",
      "slow-headers:2500",
      "truncate:3",
      "truncate:3:done",
      "truncate:0:eof",
      "error-event:2",
      "malformed:1",
    ])
      assert.equal(faultSpec(parseFault(spec)), spec);
    assert.deepEqual(parseFault(" TRUNCATE:4 "), { kind: "truncate", after: 4, end: "reset" });
  });

  test("a slow-headers wait past 10 minutes is refused, as x-mock-delay-ms is, not cut short", () => {
    assert.deepEqual(parseFault("slow-headers:600000"), { kind: "slow_headers", ms: 600_000 });
    assert.throws(() => parseFault("slow-headers:600001"), /at most 600000 ms \(10 minutes\), got 600001/);
  });

  test("rejects unknown faults with the accepted forms", () => {
    for (const bad of ["418", "500:quota", "truncate:x", "explode", "reset:1", "truncate:1:later", ""])
      assert.throws(
        () => parseFault(bad),
        (e: unknown) => e instanceof FaultSyntaxError && /expected|whole number/.test(String(e)),
        bad,
      );
  });

  test("describes each fault as what happened", () => {
    assert.equal(describeFault(parseFault("truncate:3")), "reset after 3 chunks");
    assert.equal(describeFault(parseFault("truncate:1:done")), "[DONE] after 1 chunk");
    assert.equal(describeFault(parseFault("truncate:2:eof")), "stream ended after 2 chunks, no [DONE]");
    assert.equal(describeFault(parseFault("reset")), "reset before any byte");
    assert.equal(describeFault(parseFault("429:quota")), "HTTP 429 insufficient_quota");
    assert.equal(describeFault(parseFault("error-event:2")), "error event after 2 chunks");
    assert.equal(describeFault(parseFault("malformed:2"), false), "malformed JSON body");
  });

  test("errors carry OpenAI's type, code and retry headers", () => {
    const e401 = openaiError(401, "gpt-4o-mini");
    assert.equal(e401.code, "invalid_api_key");
    assert.equal(e401.headers["x-should-retry"], "false");
    const limit = openaiError(429, "gpt-4o-mini");
    assert.deepEqual([limit.type, limit.code], ["requests", "rate_limit_exceeded"]);
    assert.equal(limit.headers["retry-after-ms"], "1000");
    assert.match(limit.message, /^Rate limit reached for gpt-4o-mini in organization .* on requests per min \(RPM\)/);
    const quota = openaiError(429, "gpt-4o-mini", "quota");
    assert.deepEqual(
      [quota.type, quota.code, quota.headers["x-should-retry"]],
      ["insufficient_quota", "insufficient_quota", "false"],
    );
    assert.equal(openaiError(503, "m").headers["retry-after"], "1");
    assert.equal(openaiError(502, "m").type, "cf_bad_gateway");
    assert.equal(openaiError(404, "gpt-9").code, "model_not_found");
    for (const s of FAULT_STATUSES) {
      const e = openaiError(s, "m");
      assert.equal(e.status, s);
      assert.ok(e.message.length > 5 && e.headers["x-should-retry"], String(s));
    }
  });
});

describe("x-mock-* headers", () => {
  test("parse scenario, fault and latency; none present gives null", () => {
    const h: Record<string, string> = {
      "x-mock-scenario": "slow",
      "x-mock-fault": "truncate:3",
      "x-mock-delay-ms": "25",
      "x-mock-ttft-ms": "100",
      "x-mock-tokens-per-second": "12.5",
    };
    assert.deepEqual(
      readControlHeaders((n) => h[n]),
      {
        scenario: "slow",
        fault: { kind: "truncate", after: 3, end: "reset" },
        latency: { delay_ms: 25, ttft_ms: 100, tokens_per_second: 12.5 },
      },
    );
    assert.equal(readControlHeaders(noHeaders), null);
  });

  test("a malformed value is a 400 naming the header", () => {
    assert.throws(
      () => readControlHeaders((n) => (n === "x-mock-delay-ms" ? "soon" : undefined)),
      (e: ApiError) => e.status === 400 && e.param === "x-mock-delay-ms",
    );
    assert.throws(
      () => readControlHeaders((n) => (n === "x-mock-fault" ? "kaboom" : undefined)),
      (e: ApiError) => e.status === 400 && /unknown fault/.test(e.message),
    );
  });
});

describe("rule subject", () => {
  test("reads the last user message and the system and developer messages, leniently", () => {
    const body = {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "first" },
        "not a message",
        null,
        { role: "developer", content: [{ type: "text", text: "Use JSON." }, { type: "image_url" }] },
        { role: "user", content: [{ type: "text", text: "second" }] },
        { role: "assistant", content: "reply" },
      ],
      tools: [{ type: "function" }],
    };
    const s = subjectOf("/v1/chat/completions", body, noHeaders);
    assert.equal(s.model, "gpt-4o");
    assert.equal(s.lastUser, "second");
    assert.equal(s.system, "Be brief.\nUse JSON.\n");
    assert.equal(s.tools, true);
    const none = subjectOf("/v1/embeddings", { input: "x", messages: "nope" }, noHeaders);
    assert.deepEqual([none.model, none.lastUser, none.system, none.tools], [null, "", "", false]);
  });
});

describe("fault queue", () => {
  test("serves the next N matching requests, oldest entry first, then empties", () => {
    const q = new FaultQueue();
    q.queue("429", { count: 2, match: { model: "gpt-4o" } });
    q.queue("reset");
    const mini = subjectOf("/v1/chat/completions", chat("hi"), noHeaders);
    const big = subjectOf("/v1/chat/completions", chat("hi", { model: "gpt-4o" }), noHeaders);
    assert.equal(q.take(big)?.kind, "http");
    assert.equal(q.take(mini)?.kind, "reset");
    assert.equal(q.take(mini), undefined);
    assert.deepEqual(q.list(), [{ id: 1, fault: "429", remaining: 1, match: { model: "gpt-4o" } }]);
    assert.equal(q.take(big)?.kind, "http");
    assert.equal(q.size, 0);
    assert.throws(() => q.queue("nope"), FaultSyntaxError);
    assert.throws(() => q.queue("500", { count: 0 }), RangeError);
  });
});

const RULES = `
[[rules]]
name = "refunds"
match = { user_contains = "refund" }
reply = "Refunds take 5 days."

[[rules]]
name = "refund-gpt4o"
match = { user_contains = "refund please", model = "gpt-4o" }
fault = "503"

[[rules]]
name = "weather"
match.user_regex = "weather in (\\\\w+)"
match.tools = true
tool_call = { name = "get_weather", arguments = { city = "Paris" } }

[[rules]]
match.headers = { "x-test-case" = "slow-one" }
latency = { ttft_ms = 900 }
`;

describe("rules", () => {
  test("load from any config layer, match first-wins, and shadowed rules are warnings at their line", () => {
    const dir = project({ "local.toml": RULES });
    const loaded = load({ projectDir: dir });
    assert.deepEqual(
      loaded.rules.map((r) => r.name),
      ["refunds", "refund-gpt4o", "weather", "rules[4]"],
    );
    const shadow = loaded.warnings.find((w) => /never applies/.test(w.message));
    assert.ok(shadow, JSON.stringify(loaded.warnings));
    assert.match(shadow.message, /rule "refund-gpt4o" never applies: rule "refunds"/);
    assert.equal(shadow.line, 7);
    assert.equal(shadow.column, 1);
    assert.match(shadow.file, /local\.toml$/);

    const subject = (user: string, extra = {}, headers: Record<string, string> = {}) =>
      subjectOf("/v1/chat/completions", chat(user, extra), (n) => headers[n]);
    assert.equal(matchRule(loaded.rules, subject("I want a REFUND please"))?.name, "refunds");
    assert.equal(matchRule(loaded.rules, subject("weather in Paris?")), undefined, "tools required");
    const w = matchRule(loaded.rules, subject("weather in Paris?", { tools: [{ type: "function" }] }));
    assert.deepEqual(w?.action.tool_call, { name: "get_weather", arguments: '{"city":"Paris"}' });
    assert.equal(
      matchRule(loaded.rules, subject("hello", {}, { "x-test-case": "slow-one" }))?.action.latency?.ttft_ms,
      900,
    );
    assert.equal(matchRule(loaded.rules, subject("hello")), undefined);
  });

  test("an unknown key or a bad regex is an error with file, line and column", () => {
    const dir = project({
      "test_scenarios.toml": `[[rules]]\nname = "a"\nreply = "x"\n\n[[rules]]\nmatch = { user_regex = "(unclosed" }\nreply = "y"\n\n[[rules]]\nmatch.modle = "gpt-4o"\nreply = "z"\n`,
    });
    const r = loadConfig({ env: {}, projectDir: dir });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const regex = r.errors.find((e) => /bad regular expression/.test(e.message));
    assert.ok(regex, JSON.stringify(r.errors));
    assert.deepEqual([regex.line, regex.column], [6, 11]);
    const unknown = r.errors.find((e) => /unknown match key "modle"/.test(e.message));
    assert.ok(unknown, JSON.stringify(r.errors));
    assert.match(unknown.message, /did you mean "model"/);
    assert.deepEqual([unknown.line, unknown.column], [10, 7]);
    assert.match(unknown.file, /test_scenarios\.toml$/);
  });

  test("a regex that can backtrack catastrophically, or is too long, is an error at its position", () => {
    for (const re of ["^(a+)+$", "(a*)*", "(\\\\w+\\\\s?)*", "((a+)?){2,}", "a".repeat(501)]) {
      const r = loadConfig({
        env: {},
        projectDir: project({ "test_scenarios.toml": `[[rules]]\nreply = "x"\nmatch.user_regex = "${re}"\n` }),
      });
      assert.ok(!r.ok, re);
      if (r.ok) continue;
      const e = r.errors.find((x) => /bad regular expression/.test(x.message));
      assert.ok(e, `${re}: ${JSON.stringify(r.errors)}`);
      assert.match(e.message, re.length > 500 ? /at most 500/ : /backtrack catastrophically/);
      assert.deepEqual([e.line, e.column], [3, 7]);
    }
    for (const re of ["^hello", "(foo|bar)+", "\\\\d{3}-\\\\d{4}", "weather in (\\\\w+)", "(ab)+c*", "(a{2,5})+"]) {
      const r = loadConfig({
        env: {},
        projectDir: project({ "test_scenarios.toml": `[[rules]]\nreply = "x"\nmatch.system_regex = "${re}"\n` }),
      });
      assert.ok(r.ok, `${re}: ${JSON.stringify(!r.ok && r.errors)}`);
    }
  });

  test("safe-regex: nested unbounded quantifiers are found; the subject a regex sees is capped", () => {
    for (const re of ["(a+)+", "(a*)*", "(\\w+\\s?)*", "(?:x|(y+))+", "([a-z]+)*", "(a+){1,}"])
      assert.ok(nestedQuantifier(re), re);
    for (const re of ["^hello", "(foo|bar)+", "\\d{3}-\\d{4}", "(a+)?", "(a+){2}", "[(a+)]+", "\\(a+\\)+", "(a|b)*"])
      assert.equal(nestedQuantifier(re), undefined, re);
    assert.throws(() => compileRuleRegex("^(a+)+$"), /backtrack catastrophically/);
    assert.throws(() => compileRuleRegex("a".repeat(501)), /at most 500/);
    assert.ok(compileRuleRegex("^hello", "i").test("Hello"));
    const subject = (lastUser: string) => ({
      endpoint: "/v1/chat/completions",
      model: "m",
      lastUser,
      system: "",
      tools: false,
      header: () => undefined,
    });
    assert.ok(matches({ user_regex: /b/ }, subject("a".repeat(9_999) + "b")));
    assert.ok(!matches({ user_regex: /b/ }, subject("a".repeat(10_000) + "b")), "beyond the cap");
  });

  test("rule checks: an action is required, faults must parse, scenarios must exist", () => {
    const bad = (toml: string, re: RegExp) => {
      const r = loadConfig({ env: {}, projectDir: project({ "local.toml": toml }) });
      assert.ok(!r.ok && r.errors.some((e) => re.test(e.message)), `${toml} → ${JSON.stringify(!r.ok && r.errors)}`);
    };
    bad(`[[rules]]\nmatch = { model = "x" }\n`, /needs an action/);
    bad(`[[rules]]\nfault = "418"\n`, /unknown fault "418"/);
    bad(`[[rules]]\nscenario = "nope"\n`, /unknown scenario "nope"/);
    bad(`[[rules]]\nreply = "a"\nanswer = "b"\n`, /unknown rule key "answer"/);
  });

  test("shadows: an empty match shadows everything; a stricter substring is shadowed; regexes only by the same regex", () => {
    assert.ok(shadows({}, { model: "x" }));
    assert.ok(shadows({ user_contains: "ref" }, { user_contains: "REFUND" }));
    assert.ok(!shadows({ user_contains: "refund" }, { user_contains: "ref" }));
    assert.ok(!shadows({ model: "a" }, {}));
    assert.ok(shadows({ user_regex: /a+/i }, { user_regex: /a+/i, model: "m" }));
    assert.ok(!shadows({ user_regex: /a+/i }, { user_contains: "aaa" }));
  });
});

describe("planRequest", () => {
  const state = (over: Partial<ControlState> = {}): ControlState => {
    const loaded = load({ projectDir: project({ "local.toml": RULES }) });
    return {
      config: loaded.config,
      scenarios: loaded.scenarios,
      rules: loaded.rules,
      scenario: "normal",
      behavior: resolveBehavior(loaded.config.responses, findScenario(loaded.scenarios, "normal")!),
      faults: new FaultQueue(),
      ...over,
    };
  };
  const plan = (s: ControlState, body: object, headers: Record<string, string> = {}, stream = false) =>
    planRequest(
      s,
      subjectOf("/v1/chat/completions", body, (n) => headers[n]),
      body,
      stream,
    );

  test("header beats rule beats queue; a header fault leaves the queue alone", () => {
    const s = state();
    s.faults.queue("500");
    const p = plan(s, chat("refund"), { "x-mock-fault": "reset", "x-mock-scenario": "fast" });
    assert.deepEqual([p.fault?.kind, p.faultSource, p.scenario, p.rule?.name], ["reset", "header", "fast", "refunds"]);
    assert.equal(s.faults.size, 1);
    const next = plan(s, chat("hello"));
    assert.deepEqual([next.fault, next.faultSource], [{ kind: "http", status: 500 }, "queue"]);
    const ruled = state({ rules: [{ name: "r", origin: "t", match: {}, action: { fault: parseFault("502") } }] });
    ruled.faults.queue("500");
    assert.deepEqual([plan(ruled, chat("x")).faultSource, ruled.faults.size], ["rule", 1]);
  });

  test("queued faults, then the scenario's fault rate, only for streams when the fault is a stream fault", () => {
    const s = state();
    s.faults.queue("503", { count: 1 });
    const first = plan(s, chat("hello"));
    assert.deepEqual([first.fault, first.faultSource], [{ kind: "http", status: 503 }, "queue"]);
    assert.equal(plan(s, chat("hello")).fault, null);
    const flaky = state({
      scenario: "flaky-stream",
      behavior: {
        ...resolveBehavior(s.config.responses, findScenario(s.scenarios, "flaky-stream")!),
        faultRatePercent: 100,
      },
    });
    assert.equal(plan(flaky, chat("hello"), {}, false).fault, null);
    const streamed = plan(flaky, chat("hello"), {}, true);
    assert.equal(streamed.faultSource, "scenario");
    assert.ok(["truncate", "error_event", "malformed"].includes(streamed.fault!.kind));
  });

  test("control headers can be switched off; an unknown x-mock-scenario is a 400", () => {
    const s = state();
    assert.throws(
      () => plan(s, chat("hi"), { "x-mock-scenario": "nope" }),
      (e: ApiError) => e.status === 400,
    );
    const off = state({ config: { ...s.config, responses: { ...s.config.responses, control_headers: false } } });
    const p = plan(off, chat("hi"), { "x-mock-fault": "reset", "x-mock-scenario": "nope" });
    assert.equal(p.fault, null);
    assert.equal(p.scenario, "normal");
  });

  test("latency: rule override, then header override, on the scenario's values", () => {
    const s = state();
    const p = plan(s, chat("hi"), { "x-test-case": "slow-one", "x-mock-tokens-per-second": "40" });
    assert.equal(p.latency.ttftMs, 900);
    assert.equal(p.latency.tokensPerSecond, 40);
    assert.equal(p.rule?.name, "rules[4]");
  });
});

describe("inspector: scenario / fault / rule", () => {
  test("summaries carry fault and rule; the control filter matches any of scenario, fault or rule", async () => {
    const { summarize } = await import("../../src/shared/pages/inspector/protocol");
    const { EMPTY_FILTER, filterEntries, isFilterActive } = await import("../../src/shared/pages/inspector/filter");
    const base = {
      kind: "http" as const,
      time: 0,
      durationMs: 1,
      client: null,
      remoteAddress: "127.0.0.1",
      method: "POST",
      path: "/v1/chat/completions",
      status: 200,
      model: "gpt-4o-mini",
      stream: true,
      request: { headers: {}, body: "", bodyTruncated: false },
      response: { headers: {}, body: "", bodyTruncated: false },
      chunks: [],
      usage: null,
      error: null,
    };
    const entries = [
      { ...base, id: "a", seq: 1, scenario: "normal", fault: "reset after 3 chunks (queued)", rule: null },
      { ...base, id: "b", seq: 2, scenario: "flaky-stream", fault: null, rule: "refunds" },
      { ...base, id: "c", seq: 3, scenario: "normal" },
    ].map(summarize);
    assert.deepEqual(
      entries.map((e) => [e.fault, e.rule]),
      [
        ["reset after 3 chunks (queued)", null],
        [null, "refunds"],
        [null, null],
      ],
    );
    const ids = (control: string) => filterEntries(entries, { ...EMPTY_FILTER, control }).map((e) => e.id);
    assert.deepEqual(ids("RESET"), ["a"]);
    assert.deepEqual(ids("refunds"), ["b"]);
    assert.deepEqual(ids("flaky"), ["b"]);
    assert.deepEqual(ids("normal"), ["c", "a"]);
    assert.deepEqual(ids(""), ["c", "b", "a"]);
    assert.equal(isFilterActive({ ...EMPTY_FILTER, control: " x " }), true);
    assert.equal(isFilterActive(EMPTY_FILTER), false);
  });
});
