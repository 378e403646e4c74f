// OpenAI endpoints the mock does not serve answer 404 "Invalid URL" in OpenAI's shape, with an
// x-request-id, as the real API answers a path it does not know; never a 405 that names methods
// of a route they are not (`POST /v1/responses/input_tokens` was "Allowed: GET, DELETE", read as
// the response id "input_tokens").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

test("the SDK's calls to endpoints the mock lacks are 404 NotFoundError, with a request id", async () => {
  const c = s.client();
  const calls: Array<[string, () => Promise<unknown>]> = [
    ["responses.inputTokens.count", () => c.responses.inputTokens.count({ model: "gpt-4o-mini", input: "hi" })],
    ["POST /responses/compact", () => c.post("/responses/compact", { body: { model: "gpt-4o-mini" } })],
    ["files.list", () => c.files.list()],
    ["chat.completions.retrieve", () => c.chat.completions.retrieve("chatcmpl-x")],
  ];
  for (const [name, call] of calls) {
    const err = await call().then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof OpenAI.NotFoundError, `${name}: ${String(err)}`);
    assert.match(err.message, /Invalid URL/, name);
    assert.ok(err.requestID, `${name}: no request id`);
  }
});

test("a response id still answers GET and DELETE, and 405 for other methods", async () => {
  const c = s.client();
  const r = await c.responses.create({ model: "gpt-4o-mini", input: "hi" });
  assert.equal((await c.responses.retrieve(r.id)).id, r.id);
  const err = await c.patch(`/responses/${r.id}`, { body: {} }).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof OpenAI.APIError && err.status === 405, String(err));
  await c.responses.delete(r.id);
  await assert.rejects(c.responses.retrieve(r.id), OpenAI.NotFoundError);
});
