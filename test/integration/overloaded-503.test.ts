// The "overloaded" 503 reads the same whoever asked for it (a scenario's error rate, the 503 fault)
// and is OpenAI's own answer, so a client's handling of it is tested against the real thing.
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

const OPENAI_OVERLOADED =
  "That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.";
const ask = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });

async function post(headers: Record<string, string> = {}) {
  const r = await request(`${s.url}/v1/chat/completions`, {
    method: "POST",
    dispatcher: s.agent,
    headers: { "content-type": "application/json", ...headers },
    body: ask,
  });
  const body = (await r.body.json()) as { error: Record<string, unknown> };
  const h = r.headers as Record<string, string>;
  return {
    status: r.statusCode,
    error: body.error,
    retry: [h["retry-after"], h["retry-after-ms"], h["x-should-retry"]],
  };
}

describe("the overloaded 503", () => {
  test("a scenario's error rate and the 503 fault send the same answer, in OpenAI's words", async () => {
    const fault = await post({ "x-mock-fault": "503" });
    s.server.setBehavior({ errorRatePercent: 100, errorStatuses: [503] });
    let scenario;
    try {
      scenario = await post();
    } finally {
      s.server.setBehavior({ errorRatePercent: 0 });
    }
    const expected = {
      status: 503,
      error: { message: OPENAI_OVERLOADED, type: "server_error", param: null, code: null },
      retry: ["1", "1000", "true"],
    };
    assert.deepEqual(fault, expected, "x-mock-fault: 503");
    assert.deepEqual(scenario, expected, "error_rate_percent with error_statuses [503]");
    // The inspector names both the same way.
    const labels = s.server.log
      .list()
      .slice(-2)
      .map((e) => e.fault);
    assert.deepEqual(labels, ["HTTP 503 overloaded (x-mock-fault)", "injected 503 overloaded (scenario error rate)"]);
  });

  test("the SDK sees the same error from both paths", async () => {
    const client = s.client();
    const params = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };
    const viaFault = await client.chat.completions.create(params, { headers: { "x-mock-fault": "503" } }).then(
      () => assert.fail("expected a 503"),
      (e: unknown) => e,
    );
    s.server.setBehavior({ errorRatePercent: 100, errorStatuses: [503] });
    const viaScenario = await client.chat.completions.create(params).then(
      () => assert.fail("expected a 503"),
      (e: unknown) => e,
    );
    s.server.setBehavior({ errorRatePercent: 0 });
    for (const e of [viaFault, viaScenario]) {
      assert.ok(e instanceof OpenAI.InternalServerError);
      assert.equal(e.status, 503);
      assert.equal(e.message, `503 ${OPENAI_OVERLOADED}`);
      assert.equal(e.code, null);
    }
  });
});
