// The real tokenizer's costs, in a fresh process: loading a vocabulary (time, heap, RSS) and what
// token work adds per request (splitting an answer into streamed tokens, counting a prompt).
// Run by scripts/bench.mjs; prints one JSON line per vocabulary.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

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
const N = 2000;
let tokens = 0;
const t1 = performance.now();
for (let i = 0; i < N; i++) {
  tokens = splitTokens(answer + i, model).tokens;
  promptTokens(messages, model);
}
const perRequestUs = ((performance.now() - t1) / N) * 1000;
console.log(JSON.stringify({ vocabulary: loadedEncodings()[0], loadMs, heapMb: (m1.heap - m0.heap) / 1048576, rssMb: (m1.rss - m0.rss) / 1048576, answerTokens: tokens, perRequestUs }));
`;

/** Bundles src/core/responder (with the built dist/tokenizer vocabularies) and probes each vocabulary. */
export async function tokenizerFigures(root, tmp) {
  const esbuild = await import("esbuild");
  const bundle = join(tmp, "tokens.cjs");
  await esbuild.build({
    entryPoints: [join(root, "src/core/responder/index.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: bundle,
    // The vocabularies as the CLI loads them: dist/tokenizer/*.js, whose ranks are JSON files (esbuild.mjs).
    plugins: [
      {
        name: "dist-vocabularies",
        setup(build) {
          build.onResolve({ filter: /^gpt-tokenizer\/encoding\/\w+$/ }, (args) => ({
            path: join(root, "dist", "tokenizer", `${args.path.slice(args.path.lastIndexOf("/") + 1)}.js`),
            external: true,
          }));
        },
      },
    ],
    external: ["gpt-tokenizer"],
    nodePaths: [join(root, "node_modules")],
    logLevel: "error",
  });
  const probe = join(tmp, "tokenizer-probe.cjs");
  writeFileSync(probe, PROBE);
  const out = [];
  for (const model of ["gpt-4o-mini", "gpt-3.5-turbo"]) {
    const r = spawnSync(process.execPath, ["--expose-gc", probe, bundle, model], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NODE_PATH: join(root, "node_modules") },
    });
    if (r.status !== 0) throw new Error(`tokenizer probe failed: ${(r.stderr || r.stdout).slice(0, 400)}`);
    out.push({ model, ...JSON.parse(r.stdout.trim().split("\n").pop()) });
  }
  return out;
}
