// Our compact tokenizer against gpt-tokenizer (the oracle it replaced), for both vocabularies:
// token ids, counts and stream pieces over hand-picked edge cases, thousands of generated texts and
// the product's own answers. Needs dist/tokenizer/*.bin (`node esbuild.mjs`; `npm test` builds first).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { countTokens, respond, splitTokens } from "../../src/core/responder/index";
import { decodePieces, encode, type EncodingName } from "../../src/core/tokenizer/index";
import { cl100kPieceEnd, o200kPieceEnd } from "../../src/core/tokenizer/asciiPieces";
import { Encoder } from "../../src/core/tokenizer/encoder";
import { Vocabulary } from "../../src/core/tokenizer/vocabulary";
import { prng } from "../helpers/chatRequests";
import { asciiText, generatedText, HAND_PICKED } from "../helpers/tokenizerCorpus";

const GENERATED = 3000;
const ORDINARY = { disallowedSpecial: new Set<string>() };
const ORACLE = { o200k_base: o200k, cl100k_base: cl100k } as const;
const MODEL = { o200k_base: "gpt-4o-mini", cl100k_base: "gpt-3.5-turbo" } as const;
const wellFormed = (s: string) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(s));

/** The product's own answers: prose, code, JSON and tool arguments, at several seeds. */
function answers(model: string): string[] {
  const prompts = [
    "Hello!",
    "Explain photosynthesis to a ten-year-old.",
    "Write a Python function that reverses a string.",
    "Write a Rust function that sums a vector.",
    "List three fruits as JSON.",
    "東京の天気について教えてください 🌸",
    "ما هي عاصمة مصر؟",
    "Tell me about 😀 smileys and 🎉 parties",
  ];
  const out: string[] = [];
  for (const [i, q] of prompts.entries())
    for (let seed = 0; seed < 12; seed++) {
      const r = respond({
        model,
        messages: [{ role: "user", content: q }],
        temperature: 1,
        n: 2,
        maxTokens: null,
        seed,
      });
      for (const c of r.choices) out.push(c.content ?? c.toolCalls.map((t) => t.arguments).join("\n"));
      out.push(q.repeat(1 + ((i + seed) % 3)));
    }
  return out;
}

/**
 * The stream pieces as the product cut them before: gpt-tokenizer's table from id to text (or
 * bytes, when not whole UTF-8) through one streaming decoder.
 */
function oraclePieces(name: EncodingName, ids: number[]): Array<{ text: string; tokens: number }> {
  const table = (
    ORACLE[name] as unknown as {
      default: { bytePairEncodingCoreProcessor: { bytePairRankDecoder: Array<string | number[]> } };
    }
  ).default.bytePairEncodingCoreProcessor.bytePairRankDecoder;
  const decoder = new TextDecoder();
  const out: Array<{ text: string; tokens: number }> = [];
  let text = "";
  let held = 0;
  for (const id of ids) {
    const v = table[id];
    held++;
    text += typeof v === "string" ? v : decoder.decode(Uint8Array.from(v!), { stream: true });
    const last = text.charCodeAt(text.length - 1);
    if (text && !(last >= 0xd800 && last <= 0xdbff)) {
      out.push({ text, tokens: held });
      text = "";
      held = 0;
    }
  }
  text += decoder.decode();
  if (text || held) out.push({ text, tokens: held });
  return out;
}

/** Texts where `ours` and the oracle disagree on ids, counts or pieces (empty when all agree). */
function differences(name: EncodingName, texts: readonly string[], ours: (t: string) => number[]): string[] {
  const oracle = ORACLE[name];
  const bad: string[] = [];
  for (const text of texts) {
    // U+FEFF (BOM) is a known gpt-tokenizer defect, tested on its own below.
    if (text.includes("\ufeff")) continue;
    const ids = ours(text);
    const expected = oracle.encode(text, ORDINARY);
    const problems: string[] = [];
    if (JSON.stringify(ids) !== JSON.stringify(expected)) problems.push(`ids ${ids} vs ${expected}`);
    if (ids.length !== oracle.countTokens(text, ORDINARY)) problems.push("count");
    const pieces = decodePieces(ids, name);
    if (JSON.stringify(pieces) !== JSON.stringify(oraclePieces(name, expected))) problems.push("pieces");
    if (pieces.map((p) => p.text).join("") !== wellFormed(text)) problems.push("pieces do not spell the text");
    if (problems.length) bad.push(`${JSON.stringify(text.slice(0, 80))}: ${problems.join("; ").slice(0, 300)}`);
  }
  return bad;
}

const generated = Array.from({ length: GENERATED }, (_, i) => generatedText(i));
const ascii = Array.from({ length: GENERATED }, (_, i) => asciiText(i));

for (const name of ["o200k_base", "cl100k_base"] as const) {
  describe(`tokenizer ${name} equals gpt-tokenizer`, () => {
    const encodeOurs = (t: string) => encode(t, name);

    it(`on ${HAND_PICKED.length} hand-picked texts`, () => {
      assert.deepEqual(differences(name, HAND_PICKED, encodeOurs), []);
    });

    it(`on ${GENERATED} generated texts`, () => {
      const bad = differences(name, generated, encodeOurs);
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${GENERATED} differ`);
    });

    it("on the product's own answers, and on what the product counts and streams", () => {
      const texts = answers(MODEL[name]);
      assert.ok(texts.length > 100);
      assert.deepEqual(differences(name, texts, encodeOurs), []);
      for (const t of texts) {
        assert.equal(countTokens(t, MODEL[name]), ORACLE[name].countTokens(t, ORDINARY));
        const split = splitTokens(t, MODEL[name], 7);
        let room = 7;
        const first = oraclePieces(name, ORACLE[name].encode(t, ORDINARY)).filter((p) => (room -= p.tokens) >= 0);
        assert.deepEqual(
          split.pieces,
          first.map((p) => p.text),
        );
      }
    });

    it(`on ${GENERATED} dense ASCII texts (the regexes' hand-run path)`, () => {
      const bad = differences(name, ascii, encodeOurs);
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${GENERATED} differ`);
    });

    it("again, once the merge cache holds the pieces", () => {
      assert.deepEqual(differences(name, generated.slice(0, 500), encodeOurs), []);
    });
  });
}

describe("the hand-run ASCII split", () => {
  for (const [name, regex, pieceEnd] of [
    ["o200k_base", O200K_TOKEN_SPLIT_REGEX, o200kPieceEnd],
    ["cl100k_base", CL100K_TOKEN_SPLIT_REGEX, cl100kPieceEnd],
  ] as const)
    it(`${name}: ends every piece where the regex does, or defers to it`, () => {
      const re = new RegExp(regex.source, "gy");
      let decided = 0;
      const bad: string[] = [];
      for (const text of [...HAND_PICKED, ...ascii, ...generated]) {
        for (const m of text.matchAll(regex)) {
          const end = pieceEnd(text, m.index);
          if (end === -1) continue;
          decided++;
          re.lastIndex = m.index;
          if (end !== m.index + m[0].length)
            bad.push(`${JSON.stringify(text)} at ${m.index}: ${end} vs ${re.exec(text)}`);
        }
      }
      assert.deepEqual(bad.slice(0, 5), []);
      assert.ok(decided > 50_000, `only ${decided} pieces decided without the regex`);
    });
});

describe("very long pieces (the heap path)", () => {
  const letters = (n: number) => {
    const r = prng(n);
    return Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(r() * 26)]).join("");
  };
  it("a 20,000-letter word: the same ids as gpt-tokenizer", () => {
    const word = letters(20_000);
    assert.deepEqual(encode(word, "o200k_base"), o200k.encode(word));
    assert.deepEqual(encode(word, "cl100k_base"), cl100k.encode(word));
  });
  it("a 500,000-letter word (a hostile prompt) is counted in seconds, not hours", () => {
    // The quadratic scan (gpt-tokenizer's) takes ~1 s for 30,000 letters, so ~5 min for these.
    const word = letters(500_000);
    const t0 = performance.now();
    assert.ok(encode(word, "o200k_base").length > 100_000);
    assert.ok(performance.now() - t0 < 20_000, `${Math.round(performance.now() - t0)} ms`);
  });
});

describe("tokenizer where gpt-tokenizer is wrong: U+FEFF (byte order mark)", () => {
  // gpt-tokenizer keys tokens by their decoded text, and TextDecoder drops a leading BOM, so
  // tokens starting with EF BB BF are unreachable to it. Byte-level BPE (tiktoken) finds them.
  it("encodes a BOM and BOM-led words as their own tokens", () => {
    assert.deepEqual(encode("\ufeff", "o200k_base"), [5574]);
    assert.deepEqual(encode("\ufeffusing", "o200k_base"), [9251]);
    assert.deepEqual(encode("\ufeff", "cl100k_base"), [3305]);
    assert.deepEqual(o200k.encode("\ufeff"), [5416, 123], "gpt-tokenizer fixed this: drop the exclusion above");
  });
  it("keeps the BOM in stream pieces", () => {
    for (const text of ["\ufeffusing System;", "a\ufeff//x", "\ufeff\ufeff"])
      assert.equal(
        decodePieces(encode(text, "o200k_base"), "o200k_base")
          .map((p) => p.text)
          .join(""),
        text,
      );
  });
});

describe("the vocabulary file", () => {
  it("reads from a buffer at any offset (pooled Buffers are not 4-byte aligned)", () => {
    const file = readFileSync(join(__dirname, "..", "..", "dist", "tokenizer", "cl100k_base.bin"));
    const shifted = Buffer.alloc(file.length + 1);
    file.copy(shifted, 1);
    const bytes = new TextEncoder().encode(" hello");
    const [hello] = cl100k.encode(" hello");
    assert.equal(new Vocabulary(shifted.subarray(1)).rank(bytes, 0, bytes.length), hello);
    assert.throws(() => new Vocabulary(shifted), /not a vocabulary file/);
    // Cut short anywhere, or with a wrong byte count, it says so instead of counting wrong.
    const whole = shifted.subarray(1);
    for (const cut of [8, 20, 1000, whole.length - 1])
      assert.throws(() => new Vocabulary(whole.subarray(0, cut)), /damaged vocabulary file/, `cut at ${cut}`);
    const wrongCount = new Uint8Array(whole);
    new DataView(wrongCount.buffer).setUint32(
      8,
      new DataView(whole.buffer, whole.byteOffset).getUint32(8, true) - 1,
      true,
    );
    assert.throws(() => new Vocabulary(wrongCount), /damaged vocabulary file/);
  });
});

describe("the vocabulary index", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const)
    it(`finds every token of ${name} by its bytes (the build hashes as the reader does)`, () => {
      const vocab = Vocabulary.load(join(__dirname, "..", "..", "dist", "tokenizer", `${name}.bin`));
      let found = 0;
      for (let rank = 0; rank < vocab.size; rank++) {
        const bytes = vocab.tokenBytes(rank);
        if (bytes.length === 0) continue;
        assert.equal(vocab.rank(bytes, 0, bytes.length), rank);
        found++;
      }
      assert.ok(found > (name === "o200k_base" ? 199_000 : 100_000), `${found} tokens`);
      const none = new TextEncoder().encode("\u0000not a token at all\u0000");
      assert.equal(vocab.rank(none, 0, none.length), -1);
    });
});

describe("the differential check can fail", () => {
  it("catches one wrong rank: two tokens' bytes swapped in the vocabulary file", () => {
    const file = Buffer.from(readFileSync(join(__dirname, "..", "..", "dist", "tokenizer", "o200k_base.bin")));
    // Tokens past the hot table's ranks, so every lookup of them reads the swapped bytes.
    const [a1, a2] = o200k.encode(" Introduction");
    const [b1, b2] = o200k.encode(" Installation");
    assert.ok(a2 === undefined && b2 === undefined && a1! >= 1 << 15 && b1! >= 1 << 15, "single cold tokens");
    const vocab = new Vocabulary(file);
    const at = (rank: number) => vocab.bytesAt + vocab.start(rank);
    assert.equal(vocab.length(a1!), vocab.length(b1!), "same length");
    const n = vocab.length(a1!);
    const a = Buffer.from(file.subarray(at(a1!), at(a1!) + n));
    file.copy(file, at(a1!), at(b1!), at(b1!) + n);
    a.copy(file, at(b1!));
    const wrong = new Encoder(new Vocabulary(file), O200K_TOKEN_SPLIT_REGEX, o200kPieceEnd);
    const texts = HAND_PICKED.concat(generated.slice(0, 300), [" Introduction and Installation", "An Introduction"]);
    const bad = differences("o200k_base", texts, (t) => wrong.encode(t));
    assert.ok(bad.length >= 2, `only ${bad.length} differences`);
    // And the right vocabulary through the same path agrees.
    const right = new Encoder(
      Vocabulary.load(join(__dirname, "..", "..", "dist", "tokenizer", "cl100k_base.bin")),
      CL100K_TOKEN_SPLIT_REGEX,
    );
    assert.deepEqual(
      differences("cl100k_base", HAND_PICKED, (t) => right.encode(t)),
      [],
    );
  });
});
