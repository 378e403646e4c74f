// No input crashes the server: a deterministic stream of malformed and hostile request bodies must
// each get a well-formed answer (200 or a 4xx in OpenAI's error shape), never a 5xx or a hang.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer({ server: { max_body_bytes: 65_536 } });
});
after(() => s.close());

/** mulberry32: the same sequence every run, so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  "",
  "x",
  "gpt-4o-mini",
  "<script>",
  "\u0000\ud800",
  [],
  [{}],
  {},
  { type: "text" },
  "a".repeat(5000),
  2 ** 53,
  NaN,
];
const KEYS = [
  "model",
  "messages",
  "stream",
  "n",
  "temperature",
  "top_p",
  "max_tokens",
  "max_completion_tokens",
  "stop",
  "seed",
  "tools",
  "tool_choice",
  "response_format",
  "logprobs",
  "top_logprobs",
  "stream_options",
  "parallel_tool_calls",
  "user",
  "__proto__",
  "constructor",
];

function mutate(r: () => number): string {
  const body: Record<string, unknown> = {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "hi" }],
    max_tokens: 8,
  };
  const edits = 1 + Math.floor(r() * 3);
  for (let i = 0; i < edits; i++) {
    const key = KEYS[Math.floor(r() * KEYS.length)]!;
    const roll = r();
    if (roll < 0.2) delete body[key];
    else if (roll < 0.4) body[key] = VALUES[Math.floor(r() * VALUES.length)];
    else if (roll < 0.55)
      body.messages = [
        { role: VALUES[Math.floor(r() * VALUES.length)], content: VALUES[Math.floor(r() * VALUES.length)] },
      ];
    else if (roll < 0.7)
      body.tools = [
        {
          type: "function",
          function: {
            name: "f",
            parameters: { type: "object", properties: { a: { type: VALUES[Math.floor(r() * 6)] } } },
          },
        },
      ];
    else if (roll < 0.8)
      body.response_format = {
        type: "json_schema",
        json_schema: { name: "x", schema: { type: "array", items: { $ref: "#" }, minItems: Math.floor(r() * 1e9) } },
      };
    else body[key] = { nested: Array.from({ length: 3 }, () => VALUES[Math.floor(r() * VALUES.length)]) };
  }
  const text = JSON.stringify(body);
  const cut = r();
  return cut < 0.1 ? text.slice(0, Math.floor(r() * text.length)) : cut < 0.15 ? text.replace(/"/g, "'") : text;
}

test(
  "300 malformed and hostile bodies: every answer is 200 or an OpenAI-shaped 4xx",
  { timeout: 120_000 },
  async () => {
    const r = rng(20261127);
    for (let i = 0; i < 300; i++) {
      const body = mutate(r);
      const res = await request(`${s.url}/v1/chat/completions`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        dispatcher: s.agent,
        bodyTimeout: 10_000,
        headersTimeout: 10_000,
      });
      const text = await res.body.text();
      assert.ok(res.statusCode < 500, `#${i} got ${res.statusCode} for ${body.slice(0, 300)}\n${text.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        const err = JSON.parse(text).error;
        assert.equal(typeof err.message, "string", `#${i}: ${text.slice(0, 200)}`);
        assert.ok("param" in err && "code" in err && "type" in err, `#${i}: ${text.slice(0, 200)}`);
      }
    }
    const health = await request(`${s.url}/health`, { dispatcher: s.agent });
    assert.equal(health.statusCode, 200, "still serving afterwards");
    await health.body.text();
  },
);
