// A non-streamed answer's modelled time (ttft_ms, delay, body time) runs from the request's
// arrival, for chat and the Responses API alike: a client that takes a while to send its body
// does not wait that long again on top of the modelled time.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ responses: { ttft_ms: 0, default_delay_ms: 0, tokens_per_second: 0 } });
  // Warm up (the responder and tokenizer load on first use), so only the modelled time is measured.
  const client = s.client();
  await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "warm" }] });
  await client.responses.create({ model: "gpt-4o-mini", input: "warm" });
});
after(() => s.close());

const TTFT_MS = 700;
const UPLOAD_MS = 450;

/** Sends the headers at once and the body in two halves UPLOAD_MS apart; resolves with the ms to the answer. */
async function slowUpload(path: string, body: object): Promise<number> {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  const t0 = performance.now();
  const r = await request(`${s.url}${path}`, {
    method: "POST",
    dispatcher: s.agent,
    headers: {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
      "x-mock-ttft-ms": String(TTFT_MS),
    },
    body: Readable.from(
      (async function* () {
        yield text.slice(0, half);
        await new Promise((r) => setTimeout(r, UPLOAD_MS));
        yield text.slice(half);
      })(),
    ),
  });
  const ms = performance.now() - t0;
  const answer = await r.body.text();
  assert.equal(r.statusCode, 200, answer);
  return ms;
}

describe("non-streamed time to first token runs from arrival", () => {
  for (const [name, path, body] of [
    ["chat completions", "/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }],
    ["responses", "/v1/responses", { model: "gpt-4o-mini", input: "hi" }],
  ] as const) {
    test(`${name}: a slow upload is part of ttft_ms, not added to it`, async () => {
      const ms = await slowUpload(path, body);
      assert.ok(ms >= TTFT_MS - 5, `answered after ${Math.round(ms)} ms, before ttft_ms (${TTFT_MS})`);
      // Counted from the handler, it would be UPLOAD_MS + TTFT_MS (1150 ms) at least.
      assert.ok(ms < TTFT_MS + UPLOAD_MS * 0.6, `answered after ${Math.round(ms)} ms: the upload time was added`);
    });
  }
});
