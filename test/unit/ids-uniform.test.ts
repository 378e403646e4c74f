// base62 ids (chatcmpl-, cmpl-, base62()) map random bytes to characters. `b % 62` over all 256
// byte values made '0'–'7' come up 5 times in 256 and the other 54 characters 4 times: 25% more
// often. Bytes from 248 up (past 4 × 62) are now dropped, so every character is equally likely.
import { test } from "node:test";
import assert from "node:assert/strict";
import { base62, completionId } from "../../src/core/openai/ids";
import { textCompletionId } from "../../src/core/openai/textCompletion";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

test("base62 characters are uniform: '0'-'7' no likelier than the rest", () => {
  // ~1.5M characters, over ~90 random blocks and their redraws, from every kind of base62 id.
  const parts: string[] = [];
  for (let i = 0; i < 16_000; i++) parts.push(base62(64), completionId().slice(9), textCompletionId().slice(5));
  const text = parts.join("");
  assert.match(text, /^[0-9A-Za-z]+$/, "only base62 characters, at every chunk and block boundary");
  const counts = new Array<number>(128).fill(0);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i)]!++;
  const perChar = [...ALPHABET].map((c) => counts[c.charCodeAt(0)]!);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // '0'-'7' against the rest: 1.25 with the old mapping; uniform, within ±0.6% (3 standard deviations).
  const ratio = mean(perChar.slice(0, 8)) / mean(perChar.slice(8));
  assert.ok(Math.abs(ratio - 1) < 0.03, `'0'-'7' come up ${ratio.toFixed(4)} times as often as the rest`);
  // Chi-square over the 62 characters (61 degrees of freedom: ~61 ± 11 when uniform; ~12,900 for the
  // old mapping at this size). Above 200 happens by chance less than once in 10^15 runs.
  const expected = text.length / 62;
  const chi2 = perChar.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
  assert.ok(chi2 < 200, `chi-square ${chi2.toFixed(0)} over 62 characters`);
});

test("id formats are kept", () => {
  for (let i = 0; i < 2000; i++) {
    assert.match(completionId(), /^chatcmpl-[0-9A-Za-z]{29}$/);
    assert.match(textCompletionId(), /^cmpl-[0-9A-Za-z]{29}$/);
    assert.match(base62(1 + (i % 64)), new RegExp(`^[0-9A-Za-z]{${1 + (i % 64)}}$`));
  }
});
