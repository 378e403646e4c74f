// The tokenizer's merge cache must not keep the texts it was given alive. A cached piece is a
// slice of the text, and V8 keeps slices of 13+ characters as views into their parent string: one
// rare word per prompt kept each whole prompt (up to 4096 of them, megabytes each). From the review.
// Measured after a full GC, with prompts big enough that what is kept stands far above noise (about
// one prompt stays alive however many are encoded: the last one, held by RegExp's legacy statics).
// Needs dist/tokenizer/*.bin (`node esbuild.mjs`).
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, it } from "node:test";
import { encode, type EncodingName } from "../../src/core/tokenizer/index";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A word no vocabulary has whole, different for each i: a multi-token piece the cache keeps. */
const rareWord = (i: number) =>
  "zqxjkvbwpfmrtglh" + [...String(i).padStart(4, "0")].map((d) => "abcdefghij"[+d]).join("");

const PROMPTS = 12;
const SENTENCE = "the cat sat on the mat. ";

/** Heap (MB) kept after encoding distinct ~1 MB prompts made as the server gets them (flat strings from JSON.parse). */
function keptAfterEncoding(name: EncodingName, word: (i: number) => string): number {
  encode("warm up " + word(99), name);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < PROMPTS; i++) {
    const prompt = JSON.parse(JSON.stringify(SENTENCE.repeat(42_000) + " " + word(i))) as string;
    assert.ok(encode(prompt, name).length > 250_000, "the prompt was encoded");
  }
  gc();
  const mb = (process.memoryUsage().heapUsed - before) / 1e6;
  return mb;
}

describe("tokenizer merge cache and prompt memory", () => {
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    it(`${name}: ${PROMPTS} distinct 1 MB prompts leave none behind (ASCII word)`, () => {
      const mb = keptAfterEncoding(name, rareWord);
      assert.ok(mb < PROMPTS / 2, `the heap kept ${mb.toFixed(1)} MB after encoding ${PROMPTS} MB of prompts`);
    });
    it(`${name}: the same with a non-Latin-1 word (the regex path, two-byte prompts)`, () => {
      const mb = keptAfterEncoding(name, (i) => `\u0436${rareWord(i)}\u00e8`);
      assert.ok(mb < PROMPTS, `the heap kept ${mb.toFixed(1)} MB after encoding ${2 * PROMPTS} MB of prompts`);
    });
  }
  it("a cached piece still encodes the same", () => {
    const word = rareWord(7);
    const first = encode(` ${word}`, "o200k_base");
    assert.ok(first.length > 1, "a multi-token piece");
    assert.deepEqual(encode(`say ${word}`, "o200k_base").slice(1), first);
    assert.deepEqual(encode(` ${word}`, "o200k_base"), first);
  });
});
