// The real tokenizer's costs, in a fresh process: loading a vocabulary (time, heap, RSS) and what
// token work adds per request (splitting an answer into streamed tokens, counting a prompt), for
// ours and for the gpt-tokenizer baseline it replaced, in the same run.
// Run by scripts/bench.mjs; prints one JSON line per vocabulary.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { bundleForNode } from "./setup.mjs";

const PROBE = `
const { splitTokens, promptTokens } = require(process.argv[2]);
const { loadedEncodings } = require(process.argv[2]);
const model = process.argv[3];
const answer = ${JSON.stringify(
  "Great question! A closure is a function that remembers the variables of the scope it was created in. " +
    "In JavaScript, every function closes over its lexical environment:\n\n```js\nfunction counter() {\n  let n = 0;\n  return () => ++n;\n}\n```\n\n" +
    "Closures power callbacks, partial application and private state. 東京 and Москва are just strings to them 😀. ",
)}.repeat(3);
const messages = [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "What is a closure? Explain with an example." }];
const mem = () => { global.gc(); const m = process.memoryUsage(); return { heap: m.heapUsed, rss: m.rss }; };
const m0 = mem();
const t0 = performance.now();
splitTokens("warm up", model);
const loadMs = performance.now() - t0;
const m1 = mem();
// The best of 5 rounds: the machine is shared, and a slow round says more about it than about us.
const N = 400;
let tokens = 0;
let perRequestUs = Infinity;
for (let round = 0; round < 5; round++) {
  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    tokens = splitTokens(answer + i, model).tokens;
    promptTokens(messages, model);
  }
  perRequestUs = Math.min(perRequestUs, ((performance.now() - t1) / N) * 1000);
}
console.log(JSON.stringify({ vocabulary: loadedEncodings()[0], loadMs, heapMb: (m1.heap - m0.heap) / 1048576, rssMb: (m1.rss - m0.rss) / 1048576, answerTokens: tokens, perRequestUs }));
`;

const require = createRequire(import.meta.url);
const VOCABULARIES = ["o200k_base", "cl100k_base"];

/**
 * Bundles src/core/responder twice: with our tokenizer (src/core/tokenizer, reading the built
 * dist/tokenizer/*.bin) and with the baseline it replaced (gpt-tokenizer, ranks from JSON; see
 * tokenizerBaseline.ts). Probes each vocabulary with each, alternating, one fresh process per probe.
 */
export async function tokenizerFigures(root, tmp) {
  const baselineDir = join(tmp, "baseline-vocabularies");
  mkdirSync(baselineDir, { recursive: true });
  for (const name of VOCABULARIES)
    writeFileSync(join(baselineDir, `${name}.json`), JSON.stringify(require(`gpt-tokenizer/bpeRanks/${name}`).default));
  const bundle = (tokenizer) =>
    bundleForNode(join(root, "src/core/responder/index.ts"), join(tmp, `tokens-${tokenizer}.cjs`), {
      // Ours reads the vocabularies where the CLI does, relative to the bundle (esbuild.mjs).
      define: { __VOCABULARY_DIR__: JSON.stringify(relative(tmp, join(root, "dist", "tokenizer"))) },
      plugins:
        tokenizer === "ours"
          ? []
          : [
              {
                name: "baseline-tokenizer",
                setup(build) {
                  build.onResolve({ filter: /^\.\.\/tokenizer$/ }, () => ({
                    path: join(root, "scripts/bench/tokenizerBaseline.ts"),
                  }));
                },
              },
            ],
      nodePaths: [join(root, "node_modules")],
    });
  const bundles = { "gpt-tokenizer": await bundle("gpt-tokenizer"), ours: await bundle("ours") };
  const probe = join(tmp, "tokenizer-probe.cjs");
  writeFileSync(probe, PROBE);
  const out = [];
  for (const model of ["gpt-4o-mini", "gpt-3.5-turbo"])
    for (const [tokenizer, file] of Object.entries(bundles)) {
      const r = spawnSync(process.execPath, ["--expose-gc", probe, file, model], {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, MOCKGPT_BASELINE_VOCABULARIES: baselineDir },
      });
      if (r.status !== 0) throw new Error(`tokenizer probe failed: ${(r.stderr || r.stdout).slice(0, 400)}`);
      out.push({ tokenizer, model, ...JSON.parse(r.stdout.trim().split("\n").pop()) });
    }
  return out;
}
