// A handler that fails (a bug of ours, not the client's) answers OpenAI's own 500: its error shape,
// an x-request-id the log entry shares, and `x-should-retry: true`, as the real service and our
// injected 500s send it, so the SDKs retry it. The stack goes to the log, never to the client.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { request } from "undici";
import type { LogRecord } from "../../src/core";
import { openaiError } from "../../src/core/control/faults";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
const records: LogRecord[] = [];
let calls = 0;
before(async () => {
  s = await startTestServer(
    {},
    {
      logSinks: [(r) => records.push(r)],
      routes: [
        (app) => {
          app.get("/boom/sync", () => {
            calls++;
            throw new TypeError("cannot read properties of undefined (reading 'x')");
          });
          app.post("/boom/async", async () => {
            calls++;
            await new Promise((r) => setTimeout(r, 1));
            throw new Error("async failure");
          });
        },
      ],
    },
  );
});
after(() => s.close());

describe("an unhandled error", () => {
  for (const [method, path] of [
    ["GET", "/boom/sync"],
    ["POST", "/boom/async"],
  ] as const)
    test(`${method} ${path}: OpenAI's 500 with x-should-retry, x-request-id and a logged entry`, async () => {
      records.length = 0;
      const res = await request(`${s.url}${path}`, {
        dispatcher: s.agent,
        method,
        body: method === "POST" ? "{}" : null,
      });
      const body = (await res.body.json()) as { error: Record<string, unknown> };
      assert.equal(res.statusCode, 500);
      assert.equal(res.headers["x-should-retry"], "true");
      assert.equal(res.headers["content-type"], "application/json");
      assert.deepEqual(body, {
        error: {
          message: "The server had an error while processing your request. Sorry about that!",
          type: "server_error",
          param: null,
          code: null,
        },
      });
      assert.doesNotMatch(JSON.stringify(body), /failure|undefined|at /, "no detail reaches the client");
      const id = res.headers["x-request-id"];
      assert.match(String(id), /^req_/);
      const entry = s.server.log.list().find((e) => e.id === id);
      assert.ok(entry, "the 500 is in the request log under its x-request-id");
      assert.equal(entry.status, 500);
      const logged = records.filter((r) => r.msg === "unhandled error");
      assert.equal(logged.length, 1, "the stack goes to the server's log, once");
      assert.equal(logged[0]!.requestId, id);
    });

  test("reads the same as an injected 500, headers included", () => {
    const injected = openaiError(500, "gpt-4o-mini");
    assert.equal(injected.headers["x-should-retry"], "true");
    assert.deepEqual(injected.toBody().error.type, "server_error");
  });

  test("the official SDK retries it, as it retries OpenAI's 500s", async () => {
    calls = 0;
    const client = new OpenAI({
      baseURL: `${s.url}/boom`,
      apiKey: "sk-test",
      maxRetries: 2,
      fetchOptions: { dispatcher: s.agent } as never,
    });
    const err = await client.post("/async", { body: {} }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof OpenAI.InternalServerError, String(err));
    assert.equal(err.headers.get("x-should-retry"), "true");
    assert.equal(calls, 3, "one try and two retries");
  });
});
