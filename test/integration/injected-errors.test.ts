// A 429 or a 500 reads the same, headers included, whether x-mock-fault (the fault catalogue) or a
// scenario's error rate injected it: the SDKs decide on retries from x-should-retry and retry-after(-ms).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const params = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };
// Differ per request by nature.
const VARYING = new Set(["x-request-id", "date", "openai-processing-ms", "content-length", "keep-alive", "connection"]);

async function post(headers: Record<string, string> = {}) {
  const r = await request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    dispatcher: s.agent,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(params),
  });
  const body = (await r.body.json()) as unknown;
  // The budget left and its reset change from one request to the next: compared by name only.
  const h = Object.entries(r.headers)
    .filter(([k]) => !VARYING.has(k))
    .map(([k, v]) => [
      k,
      /^x-ratelimit-(remaining|reset)-/.test(k) && !(k.endsWith("requests") && v === "0") ? "…" : v,
    ]);
  return {
    status: r.statusCode,
    body,
    headers: Object.fromEntries(h.sort(([a], [b]) => String(a).localeCompare(String(b)))),
  };
}

async function viaErrorRate<T>(status: 429 | 500, f: () => Promise<T>): Promise<T> {
  s.server.setBehavior({ errorRatePercent: 100, errorStatuses: [status] });
  try {
    return await f();
  } finally {
    s.server.setBehavior({ errorRatePercent: 0, errorStatuses: [429, 500, 503] });
  }
}

const caught = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail("expected an error"),
    (e: unknown) => e,
  );

describe("the same fault sends the same answer however it is injected", () => {
  for (const status of [429, 500] as const)
    test(`${status}: status, body and every header agree`, async () => {
      const fault = await post({ "x-mock-fault": String(status) });
      const scenario = await viaErrorRate(status, () => post());
      assert.equal(fault.status, status);
      assert.deepEqual(scenario, fault);
      assert.equal(fault.headers["x-should-retry"], "true", "both say the request may be retried");
    });

  test("the 429 carries the retry and rate-limit headers the SDKs read", async () => {
    const scenario = await viaErrorRate(429, () => post());
    const h = scenario.headers;
    assert.deepEqual(
      [h["retry-after"], h["retry-after-ms"], h["x-should-retry"], h["x-ratelimit-remaining-requests"]],
      ["1", "1000", "true", "0"],
    );
  });

  for (const [status, type] of [
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
  ] as const)
    test(`the SDK sees the same ${status} from both paths, and retries both alike`, async () => {
      const client = s.client();
      const viaFault = await caught(
        client.chat.completions.create(params, { headers: { "x-mock-fault": `${status}` } }),
      );
      const viaScenario = await viaErrorRate(status, () => caught(client.chat.completions.create(params)));
      const retryHeaders = (e: unknown) => {
        assert.ok(e instanceof type);
        return [
          e.message,
          ...["retry-after", "retry-after-ms", "x-should-retry"].map((n) => e.headers?.get(n) ?? null),
        ];
      };
      assert.deepEqual(retryHeaders(viaScenario), retryHeaders(viaFault));

      // One retry allowed: both are retried once, after the wait the headers ask for.
      const retrying = s.client({ maxRetries: 1 });
      const attempts = async (run: () => Promise<unknown>) => {
        const seen = s.server.log.list().length;
        const t0 = performance.now();
        await caught(run());
        return { count: s.server.log.list().length - seen, ms: performance.now() - t0 };
      };
      const a = await attempts(() =>
        retrying.chat.completions.create(params, { headers: { "x-mock-fault": `${status}` } }),
      );
      const b = await viaErrorRate(status, () => attempts(() => retrying.chat.completions.create(params)));
      assert.deepEqual([a.count, b.count], [2, 2]);
      if (status === 429) assert.ok(a.ms >= 900 && b.ms >= 900, `retry-after-ms 1000 is honoured: ${a.ms}, ${b.ms}`);
    });
});

// The README's precedence: x-mock-* headers beat rules, which beat queued faults, which beat the
// scenario's error rate. A planned fault is what happens, on the wire and in the log, never both.
describe("a planned fault beats the error rate", () => {
  const streamed = async (headers: Record<string, string>) => {
    const r = await request(`${s.url}/v1/chat/completions`, {
      method: "POST",
      dispatcher: s.agent,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ ...params, stream: true }),
    });
    return { status: r.statusCode, text: await r.body.text() };
  };
  const lastEntry = () => s.server.log.list().at(-1)!;

  test("x-mock-fault truncate:3:done cuts the stream after 3 chunks, however often", async () => {
    await viaErrorRate(500, async () => {
      for (let i = 0; i < 6; i++) {
        const r = await streamed({ "x-mock-fault": "truncate:3:done" });
        assert.equal(r.status, 200, "no injected 500");
        const events = r.text.split("\n\n").filter(Boolean);
        assert.deepEqual([events.length, events.at(-1)], [4, "data: [DONE]"], r.text.slice(0, 300));
        assert.equal(lastEntry().error?.code, "fault_done");
        assert.match(lastEntry().fault ?? "", /x-mock-fault/);
      }
    });
  });

  test("under the timeout scenario, a header fault is answered, not hung", async () => {
    s.server.setScenario("timeout");
    try {
      // A hung request fails the test in 2 s instead of holding the run.
      const r = await request(`${s.url}/v1/chat/completions`, {
        method: "POST",
        dispatcher: s.agent,
        headers: { "content-type": "application/json", "x-mock-fault": "429" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(2000),
      });
      await r.body.dump();
      assert.equal(r.statusCode, 429);
      assert.deepEqual([lastEntry().status, lastEntry().error?.code], [429, "rate_limit_exceeded"]);
    } finally {
      s.server.setScenario("normal");
    }
  });

  test("x-mock-fault slow-headers answers after the wait, with no injected error", async () => {
    await viaErrorRate(429, async () => {
      const r = await post({ "x-mock-fault": "slow-headers:10" });
      assert.equal(r.status, 200);
      assert.equal(lastEntry().status, 200);
      assert.equal(lastEntry().error, null);
    });
  });
});
