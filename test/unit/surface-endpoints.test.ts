// The pure generators behind /v1/embeddings, /v1/completions and /v1/moderations, and model kinds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import { ApiError } from "../../src/core/openai/errors";
import { modelKind, requireModel } from "../../src/core/openai/modelKinds";
import { parseEmbeddingRequest } from "../../src/core/openai/embeddingRequest";
import { embeddingsJson, embedText, float32Base64, prepareEmbeddings } from "../../src/core/openai/embeddings";
import { parseCompletionRequest } from "../../src/core/openai/completionRequest";
import {
  MAX_COMPLETION_CHOICES,
  MAX_REQUESTED_COMPLETION_TOKENS,
  textCompletion,
  textCompletionPieces,
  textCompletionChunks,
} from "../../src/core/openai/textCompletion";
import { CATEGORIES, moderationBody, parseModerationRequest } from "../../src/core/openai/moderations";
import { respond } from "../../src/core/responder";

const MODELS = [
  "gpt-4o-mini",
  "gpt-3.5-turbo",
  "gpt-3.5-turbo-instruct",
  "text-embedding-3-small",
  "text-embedding-3-large",
  "text-embedding-ada-002",
  "omni-moderation-latest",
  "text-moderation-latest",
];

const apiError = (status: number, param?: string | null, type?: string) => (e: unknown) => {
  assert.ok(e instanceof ApiError, String(e));
  assert.equal(e.status, status, e.message);
  if (param !== undefined) assert.equal(e.param, param);
  if (type) assert.equal(e.type, type);
  return true;
};

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const norm = (a: ArrayLike<number>) => Math.sqrt(cosine(a, a));

describe("model kinds", () => {
  it("classifies models and refuses the wrong kind as OpenAI does", () => {
    assert.equal(modelKind("gpt-4o-mini"), "chat");
    assert.equal(modelKind("gpt-3.5-turbo-instruct"), "completion");
    assert.equal(modelKind("text-embedding-3-large"), "embedding");
    assert.equal(modelKind("omni-moderation-latest"), "moderation");
    assert.throws(() => requireModel("gpt-3.5-turbo-instruct", MODELS, "chat"), apiError(404, "model"));
    assert.throws(
      () => requireModel("gpt-4o-mini", MODELS, "completion"),
      (e: unknown) => e instanceof ApiError && e.status === 404 && /This is a chat model/.test(e.message),
    );
    assert.throws(() => requireModel("gpt-4o-mini", MODELS, "embedding"), apiError(400, "model"));
    assert.throws(() => requireModel("text-embedding-3-small", MODELS, "moderation"), apiError(400, "model"));
    assert.throws(
      () => requireModel("text-embedding-9", MODELS, "embedding"),
      (e: unknown) => e instanceof ApiError && e.code === "model_not_found",
    );
    assert.doesNotThrow(() => requireModel("omni-moderation-latest", MODELS, "moderation"));
  });
});

describe("embeddings", () => {
  interface EmbeddingList {
    object: string;
    data: Array<{ object: string; index: number; embedding: number[] | string }>;
    model: string;
    usage: { prompt_tokens: number; total_tokens: number };
  }
  const embed = (request: Record<string, unknown>): EmbeddingList => {
    const req = parseEmbeddingRequest({ model: "text-embedding-3-small", ...request }, MODELS);
    const text = [...embeddingsJson(prepareEmbeddings(req, req.model === "text-embedding-3-large" ? 3072 : 1536))].join(
      "",
    );
    const body = JSON.parse(text) as EmbeddingList;
    // The pieces joined are the canonical JSON: what JSON.stringify writes for the same object.
    assert.equal(text, JSON.stringify(body));
    return body;
  };
  const vec = (text: string, model = "text-embedding-3-small") =>
    embed({ model, input: text }).data[0]!.embedding as number[];

  it("deterministic unit vectors with the model's dimensions", () => {
    assert.equal(vec("hello world").length, 1536);
    assert.equal(vec("hello world", "text-embedding-3-large").length, 3072);
    assert.equal(vec("hello world", "text-embedding-ada-002").length, 1536);
    assert.deepEqual(vec("The cat sat on the mat"), vec("The cat sat on the mat"));
    for (const t of ["a", "The cat sat on the mat", "東京タワー", "🎉🎉", "!!!"])
      assert.ok(Math.abs(norm(vec(t)) - 1) < 1e-5, t);
  });

  it("texts that share words are closer than unrelated texts", () => {
    const pairs = [
      ["The cat sat on the mat", "A cat was sitting on a mat", "Quarterly revenue grew by eight percent"],
      ["How do I reset my password?", "Resetting a forgotten password", "Best hiking trails in Colorado"],
      ["Python list comprehension example", "list comprehensions in Python", "The French Revolution began in 1789"],
      ["東京の天気", "東京の天気予報", "Москва зимой"],
    ];
    for (const [a, b, c] of pairs) {
      const [va, vb, vc] = [vec(a!), vec(b!), vec(c!)];
      assert.ok(cosine(va, vb) > cosine(va, vc) + 0.2, `${a} ~ ${b}: ${cosine(va, vb)} vs ${cosine(va, vc)}`);
    }
  });

  it("dimensions shortens and renormalizes (text-embedding-3 only)", () => {
    const full = vec("shortened vectors keep their direction");
    const short = embed({ input: "shortened vectors keep their direction", dimensions: 256 }).data[0]!
      .embedding as number[];
    assert.equal(short.length, 256);
    assert.ok(Math.abs(norm(short) - 1) < 1e-5);
    const head = full.slice(0, 256);
    const k = norm(head);
    short.forEach((x, i) => assert.ok(Math.abs(x - head[i]! / k) < 1e-6));
    assert.throws(() => embed({ model: "text-embedding-ada-002", input: "x", dimensions: 256 }), apiError(400));
    assert.throws(() => embed({ input: "x", dimensions: 0 }), apiError(400, "dimensions"));
    assert.throws(() => embed({ input: "x", dimensions: 1537 }), apiError(400, "dimensions"));
  });

  it("base64 is little-endian float32 of the same vector", () => {
    const f = vec("base64 encoding");
    const b = embed({ input: "base64 encoding", encoding_format: "base64" }).data[0]!.embedding as string;
    const buf = Buffer.from(b, "base64");
    assert.equal(buf.length, 1536 * 4);
    for (let i = 0; i < 1536; i++) assert.equal(buf.readFloatLE(i * 4), f[i]);
    assert.equal(
      float32Base64(new Float32Array([1, -2])),
      Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString("base64"),
    );
  });

  it("accepts strings, string arrays, token arrays and arrays of token arrays; usage counts tokens", () => {
    const text = "Embeddings count tokens with cl100k_base.";
    const ids = cl100k.encode(text);
    const one = embed({ input: text });
    assert.equal(one.usage.prompt_tokens, ids.length);
    assert.equal(one.usage.total_tokens, ids.length);
    const many = embed({ input: [text, "second"] });
    assert.deepEqual(
      many.data.map((d) => d.index),
      [0, 1],
    );
    assert.equal(many.usage.prompt_tokens, ids.length + cl100k.encode("second").length);
    const tokens = embed({ input: ids });
    assert.equal(tokens.data.length, 1);
    assert.equal(tokens.usage.prompt_tokens, ids.length);
    // A token array embeds as the text it spells.
    assert.deepEqual(tokens.data[0]!.embedding, one.data[0]!.embedding);
    const arrays = embed({ input: [ids, [9906]] });
    assert.equal(arrays.data.length, 2);
    assert.equal(arrays.usage.prompt_tokens, ids.length + 1);
  });

  it("OpenAI's limits and errors", () => {
    assert.throws(() => embed({ input: "" }), apiError(400, null));
    assert.throws(() => embed({ input: [] }), apiError(400));
    assert.throws(() => embed({ input: ["ok", ""] }), apiError(400));
    assert.throws(() => embed({ input: [1, "a"] }), apiError(400));
    assert.throws(() => embed({ input: undefined }), apiError(400, "input"));
    assert.throws(() => embed({ input: Array(2049).fill("a") }), apiError(400, "input"));
    assert.doesNotThrow(() => embed({ input: Array(2048).fill("a") }));
    assert.throws(() => embed({ input: "x", encoding_format: "binary" }), apiError(400, "encoding_format"));
    assert.throws(
      () => embed({ input: Array(8193).fill(15) }),
      (e: unknown) =>
        e instanceof ApiError && e.status === 400 && /maximum context length is 8192 tokens/.test(e.message),
    );
    assert.doesNotThrow(() => embed({ input: Array(8192).fill(15) }));
    assert.throws(() => embed({ input: [[-1]] }), apiError(400));
    assert.throws(
      () => embed({ input: Array(37).fill(Array(8192).fill(15)) }),
      apiError(400, null, "max_tokens_per_request"),
    );
  });

  it("embedText is unit length even when shortened to one coordinate", () => {
    const v = embedText("x", 1536, 1);
    assert.equal(v.length, 1);
    assert.equal(Math.abs(v[0]!), 1);
  });
});

interface TextCompletionBody {
  object: string;
  choices: Array<{
    text: string;
    index: number;
    logprobs: {
      tokens: string[];
      token_logprobs: Array<number | null>;
      top_logprobs: Array<Record<string, number> | null>;
      text_offset: number[];
    } | null;
    finish_reason: string;
  }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

describe("legacy completions", () => {
  const parse = (body: Record<string, unknown>) =>
    parseCompletionRequest({ model: "gpt-3.5-turbo-instruct", prompt: "Say this is a test", ...body }, MODELS, true);
  const run = (request: Record<string, unknown>) => {
    const req = parse(request);
    const out = textCompletion(req, respond, 1, 4096);
    const ctx = { id: "cmpl-x", created: 1, model: req.model, request: req };
    const text = [...textCompletionPieces(ctx, out)].join("");
    const body = JSON.parse(text) as TextCompletionBody;
    // The pieces joined are the canonical JSON: what JSON.stringify writes for the same object.
    assert.equal(text, JSON.stringify(body));
    return { req, out, body };
  };

  it("text_completion with the legacy default of 16 tokens, counted with cl100k", () => {
    const { body } = run({ seed: 1 });
    assert.equal(body.object, "text_completion");
    const c = body.choices[0]!;
    assert.equal(c.finish_reason, "length");
    assert.equal(body.usage.completion_tokens, 16);
    assert.equal(cl100k.encode(c.text).length, 16);
    assert.ok(c.text.startsWith("\n\n"));
    assert.equal(body.usage.prompt_tokens, cl100k.encode("Say this is a test").length);
    assert.equal(c.logprobs, null);
  });

  it("max_tokens, n with several prompts, stop and echo", () => {
    const { body } = run({ prompt: ["One", "Two"], n: 2, max_tokens: 40, seed: 2 });
    assert.deepEqual(
      body.choices.map((c) => c.index),
      [0, 1, 2, 3],
    );
    assert.equal(
      body.usage.completion_tokens,
      body.choices.reduce((n, c) => n + cl100k.encode(c.text).length, 0),
    );
    const full = run({ max_tokens: 200, seed: 3 }).body.choices[0]!.text;
    const word = full.trim().split(/\s+/)[3]!;
    const stopped = run({ max_tokens: 200, seed: 3, stop: [word] }).body;
    assert.equal(stopped.choices[0]!.text, full.slice(0, full.indexOf(word)));
    assert.equal(stopped.choices[0]!.finish_reason, "stop");
    assert.equal(stopped.usage.completion_tokens, cl100k.encode(stopped.choices[0]!.text).length);
    const echoed = run({ echo: true, seed: 3, max_tokens: 200 }).body.choices[0]!.text;
    assert.equal(echoed, "Say this is a test" + full);
  });

  describe("the mock's own size limits, checked before anything is generated", () => {
    const prompts = (count: number, text = "Q") => Array.from({ length: count }, (_, i) => `${text}${i}`);
    const refused = (body: Record<string, unknown>, message: RegExp) => {
      let calls = 0;
      const counted: typeof respond = (input) => (calls++, respond(input));
      assert.throws(
        () => textCompletion(parse(body), counted, 1, 4096),
        (e: unknown) => {
          apiError(400, null, "invalid_request_error")(e);
          assert.equal((e as ApiError).code, "request_too_large");
          assert.match((e as ApiError).message, message);
          return true;
        },
      );
      assert.equal(calls, 0);
    };
    const answered = (body: Record<string, unknown>, cap = 4096) => textCompletion(parse(body), respond, 1, cap);

    it("choices: prompts × n, whatever max_tokens is", () => {
      refused({ prompt: prompts(8192), n: 128, max_tokens: 1 }, /1048576 choices \(8192 prompts × n=128\)/);
      refused({ prompt: prompts(4000), n: 128, max_tokens: 0 }, /512000 choices/);
      refused({ prompt: prompts(MAX_COMPLETION_CHOICES + 1), max_tokens: 0 }, /2049 choices/);
      assert.equal(answered({ prompt: prompts(16), n: 128, max_tokens: 0 }).choices.length, MAX_COMPLETION_CHOICES);
    });

    it("tokens: n × max_tokens per prompt, with the configured cap on max_tokens", () => {
      refused({ prompt: prompts(3), n: 128, max_tokens: 4000 }, /1536000 tokens/);
      assert.ok(2 * 128 * 4000 <= MAX_REQUESTED_COMPLETION_TOKENS);
      assert.equal(answered({ prompt: prompts(2), n: 128, max_tokens: 4000 }).choices.length, 256);
      assert.equal(answered({ prompt: prompts(3), n: 128, max_tokens: 4000 }, 16).choices.length, 384);
    });

    it("echoed prompts count, and logprobs weigh each token", () => {
      const long = "word ".repeat(3000);
      const echoed = 128 * (1 + cl100k.encode(long).length); // ~384,000: allowed, but not 7 times over
      assert.equal(answered({ prompt: long, n: 128, max_tokens: 1, echo: true }).choices.length, 128);
      refused(
        { prompt: long, n: 128, max_tokens: 1, echo: true, logprobs: 5 },
        new RegExp(`${echoed} tokens.*echoed prompts included.*5 logprobs \\(weight 7\\)`),
      );
      refused({ prompt: prompts(400), n: 5, max_tokens: 100, logprobs: 5 }, /200000 tokens.*weight 7/);
      assert.equal(answered({ prompt: prompts(400), n: 5, max_tokens: 100 }).choices.length, 2000);
    });
  });

  it("logprobs in the legacy shape; echo puts the prompt's tokens first", () => {
    const { body } = run({ logprobs: 3, seed: 4, echo: true, max_tokens: 10 });
    const lp = body.choices[0]!.logprobs!;
    assert.equal(lp.tokens.join(""), body.choices[0]!.text);
    assert.equal(lp.tokens.length, lp.token_logprobs.length);
    assert.equal(lp.token_logprobs[0], null);
    assert.equal(lp.text_offset[0], 0);
    for (let i = 1; i < lp.tokens.length; i++) {
      assert.equal(lp.text_offset[i], lp.text_offset[i - 1]! + lp.tokens[i - 1]!.length);
      assert.equal(Object.keys(lp.top_logprobs[i]!).length, 3);
    }
    const plain = run({ logprobs: 0, seed: 4, max_tokens: 10 }).body.choices[0]!.logprobs!;
    assert.equal(plain.text_offset[0], "Say this is a test".length);
  });

  it("streams one chunk per token and a finish chunk per choice, then usage", () => {
    const req = parse({ stream: true, stream_options: { include_usage: true }, n: 2, max_tokens: 12, seed: 5 });
    const out = textCompletion(req, respond, 1, 4096);
    const list = textCompletionChunks({ id: "cmpl-x", created: 1, model: req.model, request: req }, out);
    const chunks = Array.from({ length: list.length }, (_, k) => JSON.parse(list.at(k)!));
    const last = chunks.at(-1);
    assert.deepEqual(last.choices, []);
    assert.equal(last.usage.completion_tokens, out.completionTokens);
    for (const index of [0, 1]) {
      const mine = chunks.filter((c) => c.choices[0]?.index === index);
      assert.equal(mine.at(-1).choices[0].finish_reason, "length");
      assert.ok(mine.slice(0, -1).every((c) => c.choices[0].finish_reason === null && c.usage === null));
      assert.equal(mine.length - 1, 12);
    }
  });

  it("validates like OpenAI", () => {
    assert.throws(() => parse({ model: "gpt-4o-mini" }), apiError(404, "model"));
    assert.throws(() => parse({ prompt: undefined }), apiError(400, "prompt"));
    assert.throws(() => parse({ logprobs: 6 }), apiError(400, "logprobs"));
    assert.throws(() => parse({ n: 2, best_of: 1 }), apiError(400));
    assert.throws(() => parse({ suffix: "x" }), apiError(400, "suffix"));
    assert.throws(() => parse({ stop: ["a", "b", "c", "d", "e"] }), apiError(400, "stop"));
    assert.throws(() => run({ prompt: "word ".repeat(4090), max_tokens: 16 }), apiError(400));
  });
});

describe("moderations", () => {
  const mod = (input: unknown, model?: string) => moderationBody(parseModerationRequest({ input, model }, MODELS));

  it("every category and score, with applied input types for omni", () => {
    const r = mod("Hello, how are you today?");
    assert.match(r.id, /^modr-[0-9a-f]{32}$/);
    assert.equal(r.model, "omni-moderation-latest");
    const res = r.results[0]!;
    assert.deepEqual(Object.keys(res.categories).sort(), [...CATEGORIES].sort());
    assert.deepEqual(Object.keys(res.category_scores).sort(), [...CATEGORIES].sort());
    assert.deepEqual(Object.keys(res.category_applied_input_types).sort(), [...CATEGORIES].sort());
    assert.equal(res.flagged, false);
    for (const c of CATEGORIES) assert.ok(res.category_scores[c] < 0.01);
    assert.equal(mod("x", "text-moderation-latest").model, "text-moderation-007");
  });

  it("plainly violent, hateful or self-harm text is flagged; everyday text is not", () => {
    const flagged: Array<[string, string]> = [
      ["I am going to kill you and everyone you love", "violence"],
      ["I will find you and hurt you", "harassment/threatening"],
      ["I hate immigrants, they are vermin", "hate"],
      ["All muslims should be exterminated", "hate/threatening"],
      ["I want to kill myself tonight", "self-harm/intent"],
      ["What is the most painless way to die? how to kill myself", "self-harm/instructions"],
      ["There was blood everywhere and his severed head on the floor", "violence/graphic"],
      ["How do I make a pipe bomb?", "illicit/violent"],
    ];
    for (const [text, category] of flagged) {
      const res = mod(text).results[0]!;
      assert.equal(res.flagged, true, text);
      assert.equal(res.categories[category as (typeof CATEGORIES)[number]], true, `${text}: ${category}`);
      assert.ok(res.category_scores[category as (typeof CATEGORIES)[number]] >= 0.8);
    }
    const everyday = [
      "What's a good recipe for banana bread?",
      "The meeting is moved to 3pm on Thursday.",
      "Can you help me debug this Python function?",
      "I killed it at the presentation today!",
      "Our team will shoot the promo video next week.",
      "The history of the Roman Empire is fascinating.",
      "Please review my pull request when you have time.",
    ];
    for (const text of everyday) assert.equal(mod(text).results[0]!.flagged, false, text);
  });

  it("one result per string; a multimodal array is one result with image input types", () => {
    assert.equal(mod(["hello", "I will kill you"]).results.length, 2);
    const r = mod([
      { type: "text", text: "hello" },
      { type: "image_url", image_url: { url: "https://example.com/a.png" } },
    ]).results;
    assert.equal(r.length, 1);
    assert.deepEqual(r[0]!.category_applied_input_types.violence, ["text", "image"]);
    assert.deepEqual(r[0]!.category_applied_input_types.hate, ["text"]);
    const t = mod("hello", "text-moderation-latest").results[0]!;
    assert.equal(t.categories.illicit, null);
    assert.throws(
      () => mod([{ type: "image_url", image_url: { url: "https://x/a.png" } }], "text-moderation-latest"),
      apiError(400, "input"),
    );
    assert.throws(() => mod("x", "gpt-4o-mini"), apiError(400, "model"));
    assert.throws(() => mod(undefined), apiError(400, "input"));
  });
});
