// The bundles' ASCII pass (scripts/build/asciiOutput.mjs): escapes in comments and regex literals keep the
// program's meaning, and a character it cannot escape fails rather than changing a tagged template.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInNewContext } from "node:vm";
import { asciiSource } from "../../scripts/build/asciiOutput.mjs";

const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex

/** Evaluates a script's last expression, JSON-encoded so results compare across contexts. */
const run = (code: string) => runInNewContext(`JSON.stringify((() => { ${code} })())`) as string;

describe("asciiSource", () => {
  it("leaves pure ASCII code untouched", () => {
    const code = "const a = /x/; // plain\nreturn a;";
    assert.deepEqual(asciiSource(code), { code, escaped: 0, problems: [] });
  });

  it("escapes comments and regex literals, classes and u-mode included, with the same results", () => {
    const code = [
      "/** Bucket key → who, and … */",
      "const quote = /^[\"'“]|[\"'”]$/g; // “curly” quotes",
      "const name = /^[\\w$\\x80-￼]/;",
      "const astral = /😀+/u;",
      "const identity = /a\\→b/;",
      "const backslash = /\\\\→/;",
      // Strings as esbuild writes them: escaped already.
      'return ["\\u201Chi\\u201D".replace(quote, ""), name.test("\\xE9"), astral.test("\\uD83D\\uDE00\\uD83D\\uDE00"),',
      '  identity.test("a\\u2192b"), backslash.test("\\\\\\u2192"), backslash.test("\\u2192")];',
    ].join("\n");
    const r = asciiSource(code);
    assert.deepEqual(r.problems, []);
    assert.doesNotMatch(r.code, NON_ASCII);
    assert.equal(r.escaped, 11);
    assert.equal(run(r.code), run(code));
    assert.equal(run(code), JSON.stringify(["hi", true, true, true, true, false]));
  });

  it("reports a character in a tagged template instead of changing its raw text", () => {
    const r = asciiSource("// ok →\nconst s = String.raw`a→b`;\n");
    assert.deepEqual(r.problems, [{ line: 2, char: "U+2192" }]);
    assert.equal(r.escaped, 1);
  });

  it("parses ES modules too", () => {
    const r = asciiSource("export const re = /→/;\n", { sourceType: "module" });
    assert.equal(r.code, "export const re = /\\u2192/;\n");
  });
});
