// jsonString quotes short plain strings itself: it must give exactly what JSON.stringify gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jsonString } from "../../src/core/openai/jsonFields";

const EDGES = [
  "",
  "a",
  "chatcmpl-Abc123",
  'say "hi"',
  "back\\slash",
  "line\nbreak",
  "\u0000",
  "\u001f",
  "\u007f",
  "café",
  "😀",
  "\ud800",
  "x\udc00",
  "\ud83d\ude00\ud83d",
  "\u2028\u2029",
  "a".repeat(64),
  "a".repeat(65),
  "a".repeat(63) + "\n",
  "a".repeat(80) + '"',
];

test("jsonString matches JSON.stringify on edge cases and null", () => {
  for (const s of EDGES) assert.equal(jsonString(s), JSON.stringify(s), JSON.stringify(s));
  assert.equal(jsonString(null), "null");
});

test("jsonString matches JSON.stringify on random strings", () => {
  // Plain letters mostly, with every kind of character JSON treats specially mixed in.
  const pool = ["a", "Z", "0", " ", "-", '"', "\\", "\n", "\t", "\u0001", "é", "\u007f", "\ud800", "\udfff", "😀"];
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 5000; i++) {
    let s = "";
    const len = next() % 90;
    for (let j = 0; j < len; j++) s += next() % 4 ? pool[next() % 5] : pool[next() % pool.length];
    assert.equal(jsonString(s), JSON.stringify(s), JSON.stringify(s));
  }
});
