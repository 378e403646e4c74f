import assert from "node:assert/strict";
import { test } from "node:test";
import { certificatePatterns, patchGitignore } from "../../src/extension/model/gitignorePatch";

test("appends key and cert patterns to a file that ignores neither", () => {
  const p = patchGitignore("node_modules/\n", "certs");
  assert.deepEqual(p.added, ["certs/*.key", "certs/*.crt"]);
  assert.equal(p.text, "node_modules/\n# Mock GPT certificates (generated per machine)\ncerts/*.key\ncerts/*.crt\n");
});

test("creates content for an empty or missing .gitignore", () => {
  assert.equal(
    patchGitignore("", "certs").text,
    "# Mock GPT certificates (generated per machine)\ncerts/*.key\ncerts/*.crt\n",
  );
});

test("adds a newline before appending when the file lacks one, and keeps CRLF", () => {
  assert.equal(patchGitignore("dist", "certs").text.startsWith("dist\n# Mock GPT"), true);
  assert.match(patchGitignore("dist\r\n", "certs").text, /\r\ncerts\/\*\.key\r\ncerts\/\*\.crt\r\n$/);
});

test("adds nothing when the folder is already ignored", () => {
  for (const line of ["certs/*", "certs/", "/certs", "/certs/**", "certs"]) {
    const p = patchGitignore(`node_modules/\n${line}\n!certs/README.md\n`, "certs");
    assert.deepEqual(p.added, [], line);
    assert.equal(p.text, `node_modules/\n${line}\n!certs/README.md\n`);
  }
});

test("adds only what is missing", () => {
  assert.deepEqual(patchGitignore("*.key\n", "certs").added, ["certs/*.crt"]);
  assert.deepEqual(patchGitignore("certs/*.crt\n", "certs").added, ["certs/*.key"]);
  assert.deepEqual(
    patchGitignore("# certs/*\n", "certs").added,
    ["certs/*.key", "certs/*.crt"],
    "comments do not count",
  );
});

test("nested folders and Windows separators", () => {
  assert.deepEqual(certificatePatterns("config\\tls\\"), ["config/tls/*.key", "config/tls/*.crt"]);
  assert.deepEqual(certificatePatterns("./certs"), ["certs/*.key", "certs/*.crt"]);
});

test("folders outside the repository are left alone", () => {
  for (const dir of ["../elsewhere", "", ".", "/abs/certs", "C:/certs"])
    assert.deepEqual(patchGitignore("x\n", dir), { added: [], text: "x\n" }, dir);
});
