// splitTokens cuts text into stream pieces in one pass (ASCII tokens are slices of the text) and the
// vocabulary finds common tokens through a small hot table. Both must give exactly what the
// two-step path gave (decodePieces of encode), and what gpt-tokenizer gives, at every limit.
// Needs dist/tokenizer/*.bin (`node esbuild.mjs`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import { countTokens, respond, splitTokens } from "../../src/core/responder/index";
import { decodePieces, encode, type EncodingName } from "../../src/core/tokenizer/index";
import { hashBytes, Vocabulary } from "../../src/core/tokenizer/vocabulary";
import { prng } from "../helpers/chatRequests";
import { asciiText, generatedText, HAND_PICKED } from "../helpers/tokenizerCorpus";

const MODEL = { o200k_base: "gpt-4o-mini", cl100k_base: "gpt-3.5-turbo" } as const;
const ORDINARY = { disallowedSpecial: new Set<string>() };
const ORACLE = { o200k_base: o200k, cl100k_base: cl100k } as const;

/** The split as it was made before: every id, decoded back to pieces, kept while they fit in limit. */
function twoStep(text: string, name: EncodingName, limit: number) {
  const pieces: string[] = [];
  let tokens = 0;
  if (!text) return { pieces, tokens, cut: false };
  for (const p of decodePieces(encode(text, name), name)) {
    if (tokens + p.tokens > limit) return { pieces, tokens, cut: true };
    pieces.push(p.text);
    tokens += p.tokens;
  }
  return { pieces, tokens, cut: false };
}

/** Texts like the product's answers: its own prose and code, and long numbers, runs and emoji. */
function productTexts(): string[] {
  const out: string[] = [];
  const prompts = [
    "What is mutual TLS?",
    "Write a haiku about the sea.",
    "How do I sort a list in Python?",
    "Summarize the plot of Hamlet in two sentences.",
    "東京の天気について教えてください 🌸",
    "Tell me about 😀 smileys and 🎉 parties",
  ];
  for (let i = 0; i < 60; i++) {
    const r = respond({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: `${prompts[i % prompts.length]} (${i})` }],
      temperature: 1,
      n: 1,
      maxTokens: null,
      seed: i,
    });
    out.push(r.choices[0]!.content ?? "");
  }
  const r = prng(99);
  for (let i = 0; i < 200; i++) {
    const digits = Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 10)).join("");
    const ws = [" ", "\t", "\n", "\r\n", "  "][i % 5]!.repeat(1 + Math.floor(r() * 30));
    out.push(`Total: ${digits}${ws}items 👨‍👩‍👧‍👦 done${ws}`, `x${ws}${digits}é`, `${digits}\ud83d${ws}`);
  }
  return out;
}

const texts = [
  ...HAND_PICKED,
  ...Array.from({ length: 1500 }, (_, i) => generatedText(i)),
  ...Array.from({ length: 1500 }, (_, i) => asciiText(i)),
  ...productTexts(),
];

for (const name of ["o200k_base", "cl100k_base"] as const) {
  describe(`splitTokens (${name}) equals the two-step split`, () => {
    it(`on ${texts.length} texts, whole and cut at 0, 1, 7, 50 tokens and one short of the whole`, () => {
      const bad: string[] = [];
      let cuts = 0;
      for (const text of texts) {
        const whole = twoStep(text, name, Infinity);
        for (const limit of [Infinity, 0, 1, 7, 50, whole.tokens - 1]) {
          const ours = splitTokens(text, MODEL[name], limit);
          const want = twoStep(text, name, Math.max(0, limit));
          if (want.cut) cuts++;
          if (JSON.stringify(ours) !== JSON.stringify(want))
            bad.push(`${JSON.stringify(text.slice(0, 60))} at ${limit}: ${JSON.stringify(ours).slice(0, 200)}`);
        }
      }
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} differ`);
      assert.ok(cuts > 3000, `only ${cuts} cut splits compared`);
    });

    it("counts what gpt-tokenizer counts (so does countTokens), and its pieces spell the text", () => {
      const bad: string[] = [];
      for (const text of texts) {
        if (text.includes("\ufeff")) continue; // gpt-tokenizer's BOM defect (tokenizer-differential.test.ts)
        const split = splitTokens(text, MODEL[name]);
        const wellFormed = new TextDecoder("utf-8", { ignoreBOM: true }).decode(new TextEncoder().encode(text));
        const count = ORACLE[name].countTokens(text, ORDINARY);
        if (split.tokens !== count || countTokens(text, MODEL[name]) !== count || split.pieces.join("") !== wellFormed)
          bad.push(JSON.stringify(text.slice(0, 60)));
      }
      assert.deepEqual(bad.slice(0, 5), [], `${bad.length} differ`);
    });
  });
}

/** The hot table's words, a view into the file (see esbuild.mjs hotTable). */
function hotWords(file: Buffer): Uint32Array {
  const at = file.byteOffset + new Vocabulary(file).hotAt;
  if (at % 4) throw new Error("the test needs an aligned buffer");
  return new Uint32Array(file.buffer, at, 16 << 13);
}

/** Entries (word index) whose hash, length, rank or inline bytes disagree with the token they name. */
function checkHotTable(file: Buffer): { wrong: number[]; entries: number } {
  const vocab = new Vocabulary(file);
  const hot = hotWords(file);
  const wrong: number[] = [];
  let entries = 0;
  for (let e = 0; e < hot.length; e += 4) {
    if (hot[e] === 0) continue;
    entries++;
    const rank = hot[e + 1]!;
    const bytes = vocab.tokenBytes(rank);
    const h = hashBytes(bytes, 0, bytes.length);
    const inline = new Uint8Array(8);
    inline.set(bytes.subarray(0, 8));
    const [w0, w1] = new Uint32Array(inline.buffer);
    const ok =
      rank < 1 << 15 &&
      bytes.length > 0 &&
      hot[e] === ((h & ~0xff) | bytes.length) >>> 0 &&
      Math.floor(e / 16) === (h & 8191) &&
      hot[e + 2] === w0 &&
      hot[e + 3] === w1;
    if (!ok) wrong.push(e);
  }
  return { wrong, entries };
}

describe("the vocabulary's hot table", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const)
    it(`${name}: every ASCII token is found from its text as from its bytes`, () => {
      const vocab = Vocabulary.load(join(__dirname, "..", "..", "dist", "tokenizer", `${name}.bin`));
      let ascii = 0;
      for (let rank = 0; rank < vocab.size; rank++) {
        const bytes = vocab.tokenBytes(rank);
        if (bytes.length === 0 || bytes.some((b) => b >= 0x80)) continue;
        const text = String.fromCharCode(...bytes);
        const padded = `\u00e9${text}\u00e9`;
        assert.equal(vocab.rankAscii(padded, 1, 1 + text.length), rank, JSON.stringify(text));
        ascii++;
      }
      assert.ok(ascii > 50_000, `${ascii} ASCII tokens`);
      assert.equal(vocab.rankAscii("zqxjkvbwpfmrtglh", 0, 16), -1);
    });

  // The build writes the table into the file; these check it against the token bytes it stands for.
  it("agrees with the file's token bytes, entry by entry, for both vocabularies", () => {
    for (const name of ["o200k_base", "cl100k_base"]) {
      const file = readFileSync(join(__dirname, "..", "..", "dist", "tokenizer", `${name}.bin`));
      const { wrong, entries } = checkHotTable(file);
      assert.deepEqual(wrong, [], name);
      assert.ok(entries > 25_000, `${name}: only ${entries} hot entries`); // 32,768 slots; a full bucket drops the rest
    }
  });

  it("is what lookups read: an entry naming the wrong rank is used, and the check above catches it", () => {
    const file = Buffer.from(readFileSync(join(__dirname, "..", "..", "dist", "tokenizer", "o200k_base.bin")));
    const [the] = o200k.encode(" the");
    const [and] = o200k.encode(" and");
    const hot = hotWords(file);
    const entry = hot.findIndex((w, i) => i % 4 === 1 && w === the);
    assert.ok(entry > 0, "' the' is in the hot table");
    hot[entry] = and!;
    assert.equal(new Vocabulary(file).rankAscii(" the", 0, 4), and);
    assert.deepEqual(checkHotTable(file).wrong, [entry - 1]);
  });

  it("finds tokens longer than the 8 bytes an entry holds, and no token that only starts like one", () => {
    const vocab = Vocabulary.load(join(__dirname, "..", "..", "dist", "tokenizer", "o200k_base.bin"));
    const long = [" information", " understanding", " implementation"];
    for (const word of long) {
      const ids = o200k.encode(word);
      assert.equal(ids.length, 1, word);
      assert.equal(vocab.rankAscii(word, 0, word.length), ids[0], word);
      assert.equal(vocab.rankAscii(word + "zq", 0, word.length + 2), -1, word);
      assert.equal(vocab.rankAscii(word.slice(0, -1) + "q", 0, word.length), -1, word);
    }
    // Past its 8 inline bytes an entry is checked against the vocabulary's bytes: change one there.
    const [rank] = o200k.encode(" implementation");
    vocab.buffer[vocab.start(rank!) + 10] = "Q".charCodeAt(0);
    assert.equal(vocab.rankAscii(" implementation", 0, 15), -1);
    assert.equal(vocab.rank(Buffer.from(" implementation"), 0, 15), -1);
  });
});
