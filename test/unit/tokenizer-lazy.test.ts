// The vocabularies load on the first counted token, never at import: an idle server, `--help` or
// the extension host without a running server must not pay for them. (node:test runs each file in
// a process of its own, so nothing before this file has loaded them.)
import assert from "node:assert/strict";
import { it } from "node:test";
import { countTokens, loadedEncodings, splitTokens } from "../../src/core/responder/index";
import "../../src/core/server/mockServer";

it("loads each vocabulary on its first use, and only that one", () => {
  assert.deepEqual(loadedEncodings(), []);
  assert.equal(countTokens("", "gpt-4o-mini"), 0);
  assert.deepEqual(loadedEncodings(), [], "empty text counts without a vocabulary");
  assert.equal(countTokens("Hello, world!", "gpt-4o-mini"), 4);
  assert.deepEqual(loadedEncodings(), ["o200k_base"]);
  assert.deepEqual(splitTokens("Hello, world!", "gpt-3.5-turbo").pieces, ["Hello", ",", " world", "!"]);
  assert.deepEqual(loadedEncodings(), ["o200k_base", "cl100k_base"]);
});
