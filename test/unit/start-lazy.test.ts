// What a start must not load: modules whose cost only some requests or commands need. (node:test runs each
// file in a process of its own, so nothing before this file has loaded them.)
import assert from "node:assert/strict";
import { it } from "node:test";
import { countTokens } from "../../src/core/responder/index";
import "../../src/core/server/mockServer";

const loaded = (fragment: string) => Object.keys(require.cache).some((k) => k.includes(fragment));

it("gpt-tokenizer's split regexes load with the first counted token, not with the server", () => {
  assert.equal(loaded("encodingParams/constants"), false, "loaded at import");
  assert.equal(countTokens("Hello, world!", "gpt-4o-mini"), 4);
  assert.equal(loaded("encodingParams/constants"), true);
});

it("the certificate generator's x509 stack is not loaded by the server", () => {
  assert.equal(loaded("@peculiar/x509"), false);
});
