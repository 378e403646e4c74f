// Every bad input gets OpenAI's error shape and the SDK's matching error class, never a crash.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
let client: OpenAI;
before(async () => {
  s = await startTestServer({ server: { max_body_bytes: 4096 } });
  client = s.client();
});
after(() => s.close());

/** Sends a raw body (the SDK cannot send malformed JSON) and returns status and parsed body. */
async function raw(method: string, path: string, body?: string) {
  const r = await request(`${s.url}${path}`, {
    method: method as "POST",
    body,
    headers: { "content-type": "application/json" },
    dispatcher: s.agent,
  });
  const text = await r.body.text();
  return {
    status: r.statusCode,
    headers: r.headers,
    json: JSON.parse(text) as { error: { message: string; type: string; param: string | null; code: string | null } },
  };
}

function assertErrorShape(json: unknown) {
  const e = (json as { error: Record<string, unknown> }).error;
  assert.deepEqual(Object.keys(e).sort(), ["code", "message", "param", "type"]);
  assert.equal(typeof e.message, "string");
  assert.ok(!String(e.message).includes("    at "), "no stack trace leaks");
}

async function expectBadRequest(body: Record<string, unknown>, param: string | null, code?: string) {
  await assert.rejects(client.chat.completions.create(body as never), (e: unknown) => {
    assert.ok(e instanceof OpenAI.BadRequestError, `expected BadRequestError, got ${String(e)}`);
    assert.equal(e.param, param);
    if (code) assert.equal(e.code, code);
    assert.equal(e.type, "invalid_request_error");
    assert.match(e.requestID ?? "", /^req_/);
    return true;
  });
}

const msgs = [{ role: "user", content: "hi" }];

describe("400 invalid_request_error with param", () => {
  test("invalid JSON", async () => {
    const r = await raw("POST", "/v1/chat/completions", '{"model": "gpt-4o-mini", messages: ');
    assert.equal(r.status, 400);
    assertErrorShape(r.json);
    assert.match(r.json.error.message, /could not parse the JSON body/);
  });
  test("a body that is JSON but not an object", async () => {
    const r = await raw("POST", "/v1/chat/completions", "[1,2]");
    assert.equal(r.status, 400);
    assertErrorShape(r.json);
  });
  test("missing model", () => expectBadRequest({ messages: msgs }, "model"));
  test("model of the wrong type", () => expectBadRequest({ model: 4, messages: msgs }, "model", "invalid_type"));
  test("unknown model", () => expectBadRequest({ model: "gpt-9", messages: msgs }, "model", "model_not_found"));
  test("missing messages", () => expectBadRequest({ model: "gpt-4o-mini" }, "messages", "missing_required_parameter"));
  test("empty messages", () => expectBadRequest({ model: "gpt-4o-mini", messages: [] }, "messages", "empty_array"));
  test("bad role", () =>
    expectBadRequest(
      { model: "gpt-4o-mini", messages: [{ role: "robot", content: "x" }] },
      "messages[0].role",
      "invalid_value",
    ));
  test("content of the wrong type", () =>
    expectBadRequest(
      { model: "gpt-4o-mini", messages: [{ role: "user", content: 42 }] },
      "messages[0].content",
      "invalid_type",
    ));
  test("temperature above 2", () =>
    expectBadRequest(
      { model: "gpt-4o-mini", messages: msgs, temperature: 3 },
      "temperature",
      "decimal_above_max_value",
    ));
  test("temperature below 0", () =>
    expectBadRequest(
      { model: "gpt-4o-mini", messages: msgs, temperature: -0.5 },
      "temperature",
      "decimal_below_min_value",
    ));
  test("non-positive max_tokens", () =>
    expectBadRequest({ model: "gpt-4o-mini", messages: msgs, max_tokens: 0 }, "max_tokens", "integer_below_min_value"));
  test("stream of the wrong type", () =>
    expectBadRequest({ model: "gpt-4o-mini", messages: msgs, stream: "yes" }, "stream", "invalid_type"));
});

describe("routes and limits", () => {
  test("unknown route → 404 NotFoundError", async () => {
    await assert.rejects(
      client.get("/nothing-here"),
      (e: unknown) => e instanceof OpenAI.NotFoundError && /Invalid URL \(GET \/v1\/nothing-here\)/.test(e.message),
    );
  });
  test("wrong method → 405 with Allow", async () => {
    const r = await raw("GET", "/v1/chat/completions");
    assert.equal(r.status, 405);
    assert.equal(r.headers["allow"], "POST");
    assertErrorShape(r.json);
  });
  test("a body over server.max_body_bytes → 413", async () => {
    const r = await raw(
      "POST",
      "/v1/chat/completions",
      JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(8000) }] }),
    );
    assert.equal(r.status, 413);
    assertErrorShape(r.json);
    assert.match(r.json.error.message, /4096 bytes/);
    // The connection survives: the next request on the same agent still works.
    assert.ok((await client.models.list()).data.length > 0);
  });
  test("legacy completions too large for the mock → 400 request_too_large at once; the server still answers", async () => {
    const prompt = (count: number) => Array.from({ length: count }, (_, i) => `Q${i}`);
    const refused = (body: { prompt: string[]; n: number; max_tokens: number }, message: RegExp) =>
      assert.rejects(
        client.completions.create({ model: "gpt-3.5-turbo-instruct", ...body }),
        (e: unknown) =>
          e instanceof OpenAI.BadRequestError && e.code === "request_too_large" && message.test(e.message),
      );
    await refused({ prompt: prompt(100), n: 128, max_tokens: 200 }, /12800 choices \(100 prompts × n=128\)/);
    await refused({ prompt: prompt(16), n: 128, max_tokens: 600 }, /write up to 1228800 tokens/);
    const small = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: prompt(2), n: 2 });
    assert.equal(small.choices.length, 4);
  });
  test("stream: true while streaming is disabled → 400", async () => {
    s.server.setBehavior({ streamingEnabled: false });
    try {
      await expectBadRequest({ model: "gpt-4o-mini", messages: msgs, stream: true }, "stream", "streaming_disabled");
    } finally {
      s.server.setBehavior({ streamingEnabled: true });
    }
  });
  test("malformed percent-encoding is a client error in OpenAI's shape, not a server error", async () => {
    const r = await raw("GET", "/v1/models/%E0%A4");
    assert.equal(r.status, 400);
    assertErrorShape(r.json);
    assert.equal(r.json.error.type, "invalid_request_error");
  });
  test("HEAD answers like GET without a body; OPTIONS is a CORS preflight", async () => {
    const head = await request(`${s.url}/v1/models`, { method: "HEAD", dispatcher: s.agent });
    assert.equal(head.statusCode, 200);
    assert.ok(Number(head.headers["content-length"]) > 0);
    assert.equal(await head.body.text(), "");
    const pre = await request(`${s.url}/v1/chat/completions`, {
      method: "OPTIONS",
      dispatcher: s.agent,
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-stainless-os",
      },
    });
    await pre.body.text();
    assert.equal(pre.statusCode, 204);
    assert.equal(pre.headers["access-control-allow-origin"], "*");
    assert.match(String(pre.headers["access-control-allow-methods"]), /POST/);
    assert.equal(pre.headers["access-control-allow-headers"], "authorization, content-type, x-stainless-os");
  });
  test("every error is in the request log with its status", async () => {
    const statuses = s.server.log.list().map((e) => e.status);
    for (const status of [400, 404, 405, 413]) assert.ok(statuses.includes(status), `log has a ${status}`);
  });
});

describe("unknown arguments and wrong types through the SDK", () => {
  test("chat: BadRequestError with OpenAI's wording; Responses: unknown_parameter naming the field", async () => {
    const messages = [{ role: "user" as const, content: "hi" }];
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages, foo: 1 } as never),
      (e: unknown) =>
        e instanceof OpenAI.BadRequestError &&
        e.message === "400 Unrecognized request argument supplied: foo" &&
        e.param === null,
    );
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o-mini", messages, temperature: "0.5" } as never),
      (e: unknown) =>
        e instanceof OpenAI.BadRequestError &&
        e.param === "temperature" &&
        e.message === "400 Invalid type for 'temperature': expected a decimal, but got a string instead.",
    );
    await assert.rejects(
      client.responses.create({ model: "gpt-4o-mini", input: "hi", foo: 1 } as never),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "foo" && e.code === "unknown_parameter",
    );
    const seeded = await client.responses.create({ model: "gpt-4o-mini", input: "hi", seed: 3 } as never);
    assert.equal(seeded.status, "completed", "the mock's documented seed extension stays accepted");
  });
});
