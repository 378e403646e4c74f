// Keeps the Node bundles pure ASCII. Node reads a CommonJS file as one string, and one non-ASCII character
// makes V8 hold the whole 1.3 MB bundle as a two-byte string: about 1.3 MB more RSS, all the time.
// esbuild already escapes strings and identifiers; it leaves comments and regular-expression literals alone.
// This pass escapes those (\uXXXX means the same character in both) and fails the build on anything else,
// such as a tagged template, whose raw text an escape would change.
import { readFile, writeFile } from "node:fs/promises";
import { parse } from "acorn";

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * code with every non-ASCII UTF-16 unit in a comment or regex literal written as \uXXXX.
 * Returns { code, escaped, problems }: problems lists (line, character) of the ones it may not escape.
 */
export function asciiSource(code, { sourceType = "script" } = {}) {
  if (!NON_ASCII.test(code)) return { code, escaped: 0, problems: [] };
  const safe = []; // [start, end) ranges where an escape keeps the meaning
  parse(code, {
    ecmaVersion: "latest",
    sourceType,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    onComment: (_block, _text, start, end) => safe.push([start, end]),
    onToken: (t) => t.type.label === "regexp" && safe.push([t.start, t.end]),
  });
  safe.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  let escaped = 0;
  let r = 0;
  const problems = [];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x80) continue;
    while (r < safe.length && safe[r][1] <= i) r++;
    if (r >= safe.length || safe[r][0] > i) {
      const line = code.slice(0, i).split("\n").length;
      problems.push({ line, char: `U+${c.toString(16).toUpperCase().padStart(4, "0")}` });
      continue;
    }
    // In a regex, `\X` (an identity escape) already means X: replace the backslash too, or `\\uXXXX` would
    // read as an escaped backslash. An even run of backslashes before X is escaped backslashes, not X's.
    let at = i;
    let run = 0;
    while (code.charCodeAt(at - 1 - run) === 0x5c) run++;
    if (run % 2) at--;
    out += code.slice(from, at) + "\\u" + c.toString(16).padStart(4, "0");
    from = i + 1;
    escaped++;
  }
  return { code: out + code.slice(from), escaped, problems };
}

/** esbuild plugin: rewrites the build's .js/.mjs outputs through asciiSource; non-escapable characters fail it. */
export const asciiOutput = {
  name: "ascii-output",
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd(async (result) => {
      if (!result.metafile) return undefined;
      const errors = [];
      for (const file of Object.keys(result.metafile.outputs).filter((f) => /\.m?js$/.test(f))) {
        const code = await readFile(file, "utf8");
        const r = asciiSource(code, { sourceType: file.endsWith(".mjs") ? "module" : "script" });
        if (r.escaped) await writeFile(file, r.code);
        for (const p of r.problems)
          errors.push({
            text: `${file}:${p.line}: ${p.char} outside a comment or regular expression; write it as an ASCII escape in the source`,
          });
      }
      return { errors };
    });
  },
};
