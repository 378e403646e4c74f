// The in-process API (src/testing) from source: config objects bring rules and scenarios like a
// config file does, warnings are surfaced, errors throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startMockGpt } from "../../src/testing";

const sdk = (mock: { baseURL: string; dispatcher: unknown }) =>
  new OpenAI({
    baseURL: mock.baseURL,
    apiKey: "sk-test",
    maxRetries: 0,
    fetchOptions: { dispatcher: mock.dispatcher } as never,
  });

test("config.rules and config.scenarios apply; a shadowed rule is a returned warning", async () => {
  const seen: string[] = [];
  await using mock = await startMockGpt({
    config: {
      rules: [
        { name: "refunds", match: { user_contains: "refund" }, reply: "Refunds take five business days." },
        { name: "weather", match: { user_regex: /weather in \w+/ }, reply: "Sunny." },
        { name: "late refunds", match: { user_contains: "refund policy" }, reply: "never" },
      ],
      scenarios: { "always-503": { error_rate_percent: 100, error_statuses: [503] } },
    },
    onWarning: (w) => seen.push(w),
  });
  assert.equal(mock.warnings.length, 1, mock.warnings.join("\n"));
  assert.match(mock.warnings[0]!, /rule "late refunds" never applies: rule "refunds"/);
  assert.deepEqual(seen, mock.warnings);

  const client = sdk(mock);
  const ask = (content: string) =>
    client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] });
  assert.equal(
    (await ask("What is your refund policy?")).choices[0]!.message.content,
    "Refunds take five business days.",
  );
  assert.equal((await ask("The weather in Paris?")).choices[0]!.message.content, "Sunny.");
  assert.deepEqual(
    mock.requests({ endpoint: "/v1/chat/completions" }).map((e) => e.rule),
    ["refunds", "weather"],
  );

  mock.setScenario("always-503");
  await assert.rejects(ask("hello"), (e: unknown) => e instanceof OpenAI.APIError && e.status === 503);
});

test("a bad rule throws with its place; strict turns warnings into errors", async () => {
  await assert.rejects(
    startMockGpt({ config: { rules: [{ match: { user_regex: "(" }, reply: "x" }] }, onWarning: () => {} }),
    /invalid configuration:[\s\S]*rules\[1\]\.user_regex: bad regular expression/,
  );
  await assert.rejects(
    startMockGpt({ config: { rules: [{ match: { colour: "red" }, reply: "x" }] }, onWarning: () => {} }),
    /invalid configuration:[\s\S]*colour/,
  );
  await assert.rejects(
    startMockGpt({ config: { responses: { no_such_key: 1 } }, strict: true }),
    /configuration warnings \(strict\):[\s\S]*no_such_key/,
  );
});

test("RegExp rules keep their flags (s, m, i); unsupported flags are a clear error", async () => {
  await using mock = await startMockGpt({
    config: {
      rules: [
        { name: "dotall", match: { user_regex: /a.b/s }, reply: "dotall" },
        { name: "multiline", match: { user_regex: /^two$/m }, reply: "multiline" },
        { name: "exact case", match: { user_regex: /^Case$/ }, reply: "cased" },
      ],
    },
    onWarning: () => {},
  });
  const client = sdk(mock);
  const ask = async (content: string) =>
    (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] })).choices[0]!
      .message.content;
  assert.equal(await ask("a\nb"), "dotall");
  assert.equal(await ask("one\ntwo\nthree"), "multiline");
  assert.equal(await ask("Case"), "cased");
  assert.notEqual(await ask("case"), "cased"); // no i flag: case-sensitive, as the RegExp says
  await assert.rejects(
    startMockGpt({ config: { rules: [{ match: { user_regex: /x/g }, reply: "x" }] }, onWarning: () => {} }),
    /rules\[1\]\.user_regex: RegExp flag\(s\) "g" are not supported/,
  );
});

test("reset() comes back to the scenario given at start, also over the control API", async () => {
  await using mock = await startMockGpt({ scenario: "fast" });
  const now = async () =>
    (
      (await (await fetch(`${mock.url}/__mock/scenario`, { dispatcher: mock.dispatcher } as never)).json()) as {
        active: string;
      }
    ).active;
  assert.equal(await now(), "fast");
  mock.setScenario("slow");
  assert.equal(await now(), "slow");
  mock.reset();
  assert.equal(await now(), "fast");
  mock.setScenario("slow");
  await fetch(`${mock.url}/__mock/reset`, { method: "POST", dispatcher: mock.dispatcher } as never);
  assert.equal(await now(), "fast");
  await assert.rejects(startMockGpt({ scenario: "no-such" }), /unknown scenario "no-such"/);
});
