// embeddings, legacy completions and moderations with the official openai SDK over mTLS. Every
// body, stream chunk and error the SDK received is also validated against OpenAI's OpenAPI schemas
// (skipped with a message when ../shared/openai-openapi is absent).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { fetch as undiciFetch } from "undici";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import { startTestServer, type TestServer } from "../helpers/server";
import { loadOpenApi, openApiSkip } from "../helpers/openapi";

let s: TestServer;
let client: OpenAI;
let check: (name: string, value: unknown) => void;
/** Every response body the SDK received, as text (streams once they end). */
let seen: Array<Promise<{ path: string; status: number; type: string; text: string }>> = [];

before(async () => {
  s = await startTestServer();
  client = new OpenAI({
    baseURL: `${s.url}/v1`,
    apiKey: "sk-test",
    maxRetries: 0,
    timeout: 20_000,
    fetch: (async (url: string, init: RequestInit) => {
      const r = await undiciFetch(url, { ...(init as object), dispatcher: s.agent } as never);
      const copy = r.clone();
      seen.push(
        copy.text().then((text) => ({
          path: new URL(url).pathname,
          status: r.status,
          type: r.headers.get("content-type") ?? "",
          text,
        })),
      );
      return r;
    }) as never,
  });
  check = openApiSkip ? () => undefined : loadOpenApi().check;
});
after(() => s.close());

/** Validates what the SDK received since the last call, by path, status and content type. */
/** The spec describes embeddings as floats only: a base64 one validates once decoded. */
function decodeEmbeddings(body: { data: Array<{ embedding: unknown }> }) {
  for (const d of body.data) {
    if (typeof d.embedding !== "string") continue;
    const buf = Buffer.from(d.embedding, "base64");
    d.embedding = Array.from({ length: buf.length / 4 }, (_, i) => buf.readFloatLE(i * 4));
  }
  return body;
}

async function validateSeen(schema: { ok: string; chunk?: string; patch?: (body: never) => unknown }) {
  const bodies = await Promise.all(seen);
  seen = [];
  assert.ok(bodies.length > 0);
  if (openApiSkip) return;
  for (const b of bodies) {
    if (b.status !== 200) check("ErrorResponse", JSON.parse(b.text));
    else if (b.type.startsWith("text/event-stream")) {
      const events = b.text.split("\n\n").filter(Boolean);
      assert.equal(events.at(-1), "data: [DONE]");
      for (const e of events.slice(0, -1)) {
        const chunk = JSON.parse(e.slice("data: ".length));
        // The spec has no schema of its own for legacy stream chunks: they reuse the completion
        // object, whose finish_reason OpenAI sends as null until each choice's last chunk.
        for (const c of chunk.choices ?? []) if (c.finish_reason === null) c.finish_reason = "stop";
        check(schema.chunk ?? schema.ok, chunk);
      }
    } else check(schema.ok, schema.patch ? schema.patch(JSON.parse(b.text) as never) : JSON.parse(b.text));
  }
}

// Reports the skip (with the reason) when the spec is absent; the tests below then check the SDK side only.
test("bodies, chunks and errors are validated against OpenAI's OpenAPI schemas", { skip: openApiSkip }, () => {
  assert.doesNotThrow(() => check("ErrorResponse", { error: { message: "m", type: "t", param: null, code: null } }));
});

describe("embeddings.create", () => {
  test("float: unit vectors with the model's dimensions; usage counts cl100k tokens", async () => {
    const input = ["The cat sat on the mat", "A cat was sitting on a mat", "Quarterly revenue grew 8%"];
    const r = await client.embeddings.create({ model: "text-embedding-3-small", input, encoding_format: "float" });
    assert.equal(r.object, "list");
    assert.equal(r.model, "text-embedding-3-small");
    assert.deepEqual(
      r.data.map((d) => [d.object, d.index, d.embedding.length]),
      input.map((_, i) => ["embedding", i, 1536]),
    );
    const dot = (a: number[], b: number[]) => a.reduce((n, x, i) => n + x * b[i]!, 0);
    const [a, b, c] = r.data.map((d) => d.embedding);
    for (const v of [a!, b!, c!]) assert.ok(Math.abs(Math.sqrt(dot(v, v)) - 1) < 1e-5);
    assert.ok(dot(a!, b!) > dot(a!, c!));
    const tokens = input.reduce((n, t) => n + cl100k.encode(t).length, 0);
    assert.deepEqual(r.usage, { prompt_tokens: tokens, total_tokens: tokens });
    const large = await client.embeddings.create({ model: "text-embedding-3-large", input: "x", dimensions: 256 });
    assert.equal(large.data[0]!.embedding.length, 256);
    await validateSeen({ ok: "CreateEmbeddingResponse", patch: decodeEmbeddings });
  });

  test("base64: little-endian float32 of the same vector, also as the SDK's default", async () => {
    const input = "base64 is how the SDK asks by default";
    const float = await client.embeddings.create({ model: "text-embedding-3-small", input, encoding_format: "float" });
    const b64 = await client.embeddings.create({ model: "text-embedding-3-small", input, encoding_format: "base64" });
    const raw = b64.data[0]!.embedding as unknown as string;
    assert.equal(typeof raw, "string");
    const buf = Buffer.from(raw, "base64");
    const decoded = Array.from({ length: buf.length / 4 }, (_, i) => buf.readFloatLE(i * 4));
    assert.deepEqual(decoded, float.data[0]!.embedding);
    // Without encoding_format the Node SDK requests base64 and decodes it itself.
    const byDefault = await client.embeddings.create({ model: "text-embedding-3-small", input });
    assert.deepEqual(byDefault.data[0]!.embedding, float.data[0]!.embedding);
    await validateSeen({ ok: "CreateEmbeddingResponse", patch: decodeEmbeddings });
  });

  test("token input, OpenAI's limits and the wrong kind of model, as SDK errors", async () => {
    const ids = cl100k.encode("tokens in, vector out");
    const r = await client.embeddings.create({
      model: "text-embedding-ada-002",
      input: [ids],
      encoding_format: "float",
    });
    assert.equal(r.usage.prompt_tokens, ids.length);
    const fails: Array<[Parameters<typeof client.embeddings.create>[0], number, RegExp]> = [
      [{ model: "text-embedding-3-small", input: "" }, 400, /input/],
      [{ model: "text-embedding-3-small", input: Array(2049).fill("a") }, 400, /maximum length 2048/],
      [{ model: "text-embedding-3-small", input: Array(8193).fill(15) }, 400, /maximum context length is 8192/],
      [{ model: "text-embedding-ada-002", input: "x", dimensions: 8 }, 400, /does not support specifying dimensions/],
      [{ model: "gpt-4o-mini", input: "x" }, 400, /does not support embeddings/],
      [{ model: "text-embedding-9", input: "x" }, 400, /does not exist/],
    ];
    for (const [body, status, message] of fails)
      await assert.rejects(client.embeddings.create(body), (e: unknown) => {
        assert.ok(e instanceof OpenAI.APIError, String(e));
        assert.equal(e.status, status);
        assert.match(e.message, message);
        return true;
      });
    await validateSeen({ ok: "CreateEmbeddingResponse", patch: decodeEmbeddings });
  });
});

describe("completions.create (gpt-3.5-turbo-instruct)", () => {
  test("non-streaming: text_completion with max_tokens, n, stop, echo and legacy logprobs", async () => {
    const r = await client.completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt: "Say this is a test",
      max_tokens: 30,
      n: 2,
      logprobs: 2,
      seed: 1,
    });
    assert.equal(r.object, "text_completion");
    assert.match(r.id, /^cmpl-/);
    assert.equal(r.choices.length, 2);
    for (const c of r.choices) {
      assert.equal(c.logprobs!.tokens!.join(""), c.text);
      assert.equal(c.logprobs!.text_offset![0], "Say this is a test".length);
    }
    const completion = r.choices.reduce((n, c) => n + cl100k.encode(c.text).length, 0);
    assert.equal(r.usage!.completion_tokens, completion);
    assert.equal(r.usage!.prompt_tokens, cl100k.encode("Say this is a test").length);
    const echo = await client.completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt: "Once upon a time",
      echo: true,
      stop: ["."],
      max_tokens: 100,
      seed: 2,
    });
    assert.ok(echo.choices[0]!.text.startsWith("Once upon a time"));
    assert.ok(!echo.choices[0]!.text.includes("."));
    assert.equal(echo.choices[0]!.finish_reason, "stop");
    // The legacy default: 16 tokens.
    const short = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "Tell me a story" });
    assert.equal(short.usage!.completion_tokens, 16);
    assert.equal(short.choices[0]!.finish_reason, "length");
    await validateSeen({ ok: "CreateCompletionResponse" });
  });

  test("streamed: one chunk per token, a finish chunk, [DONE]; include_usage adds the usage chunk", async () => {
    const stream = await client.completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt: "Write a haiku about the sea",
      max_tokens: 20,
      stream: true,
      seed: 3,
    });
    let text = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      assert.equal(chunk.object, "text_completion");
      text += chunk.choices[0]?.text ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, "length");
    assert.equal(cl100k.encode(text).length, 20);
    await validateSeen({ ok: "CreateCompletionResponse" });

    const withUsage = await client.completions.create({
      model: "gpt-3.5-turbo-instruct",
      prompt: "Write a haiku about the sea",
      max_tokens: 20,
      stream: true,
      stream_options: { include_usage: true },
      seed: 3,
    });
    let usage: OpenAI.CompletionUsage | undefined;
    let again = "";
    for await (const chunk of withUsage) {
      again += chunk.choices[0]?.text ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(again, text);
    assert.equal(usage?.completion_tokens, 20);
    seen = [];
  });

  test("a chat model is refused the way OpenAI does, and chat refuses the instruct model", async () => {
    await assert.rejects(client.completions.create({ model: "gpt-4o-mini", prompt: "x" }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.NotFoundError);
      assert.match(e.message, /This is a chat model and not supported in the v1\/completions endpoint/);
      return true;
    });
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-3.5-turbo-instruct", messages: [{ role: "user", content: "x" }] }),
      (e: unknown) => {
        assert.ok(e instanceof OpenAI.NotFoundError);
        assert.match(e.message, /This is not a chat model/);
        return true;
      },
    );
    await validateSeen({ ok: "CreateCompletionResponse" });
  });
});

describe("moderations.create", () => {
  test("omni and text models: every category, flagged when plain, not for everyday text", async () => {
    const r = await client.moderations.create({
      model: "omni-moderation-latest",
      input: ["I am going to kill you", "I want to kill myself", "I hate immigrants, they are vermin", "Nice weather!"],
    });
    assert.match(r.id, /^modr-/);
    assert.deepEqual(
      r.results.map((x) => x.flagged),
      [true, true, true, false],
    );
    assert.equal(r.results[0]!.categories.violence, true);
    assert.equal(r.results[1]!.categories["self-harm"], true);
    assert.equal(r.results[2]!.categories.hate, true);
    assert.deepEqual(r.results[3]!.category_applied_input_types.violence, ["text"]);
    const text = await client.moderations.create({ model: "text-moderation-latest", input: "Have a lovely day" });
    assert.equal(text.model, "text-moderation-007");
    assert.equal(text.results[0]!.flagged, false);
    const image = await client.moderations.create({
      input: [
        { type: "text", text: "look at this" },
        { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
      ],
    });
    assert.equal(image.model, "omni-moderation-latest");
    assert.deepEqual(image.results[0]!.category_applied_input_types["violence/graphic"], ["text", "image"]);
    await assert.rejects(client.moderations.create({ model: "gpt-4o-mini", input: "x" }), OpenAI.BadRequestError);
    await validateSeen({ ok: "CreateModerationResponse" });
  });
});

describe("models", () => {
  test("/v1/models lists the configured embedding, moderation and instruct models", async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    for (const id of [
      "gpt-3.5-turbo-instruct",
      "text-embedding-3-small",
      "text-embedding-3-large",
      "text-embedding-ada-002",
      "omni-moderation-latest",
      "text-moderation-latest",
    ])
      assert.ok(ids.includes(id), id);
    seen = [];
  });
});
