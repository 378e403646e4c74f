#!/usr/bin/env node
// `npm run bench`: the built CLI server (dist/cli.js) against raw node:https and bare h3 on the same mTLS
// listener, all answering the same bytes, loaded by wrk (C, one thread) in alternating rounds. Prints
// figures and PASS/FAIL per target; exits 0 unless something crashed. Loopback only; bounded in time.
// Usage: node scripts/bench.mjs [--rounds 3] [--seconds 2] [--connections 50] [--streams 200]
//        [--client wrk|undici] [--cli dist/cli.js] [--compare other/dist/cli.js] [--only example,400] [--spawns 5]
// --compare adds a second build of the CLI as a fourth target ("mock-b"): an A/B in the same run.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { captureFixtures } from "./bench/capture.mjs";
import { createLoadClient } from "./bench/load.mjs";
import { killAll, startServer } from "./bench/proc.mjs";
import { fmt, median, processTable, scenarioTable } from "./bench/report.mjs";
import { SCENARIOS } from "./bench/scenarios.mjs";
import { benchSetup } from "./bench/setup.mjs";
import { bundledFloor, printStartFigures, startFigures } from "./bench/start.mjs";
import { tokenizerFigures } from "./bench/tokenizer.mjs";
import { formatStreamMemory, METHOD as STREAM_METHOD, streamMemory } from "./bench/streamMemory.mjs";
import { buildShim, runWrk, wrkMissing, writeScript } from "./bench/wrk.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const show = (p) => (p.startsWith(root + "/") ? relative(root, p) : p);
const USAGE = `Usage: npm run bench -- [options]   (or node scripts/bench.mjs [options])
  --rounds N        alternating rounds per scenario (3)     --seconds N      load per round (2)
  --connections N   wrk connections (50)                    --spawns N       spawns for start figures (5)
  --streams N       open streams for memory per stream (400; 0 skips)
  --client wrk|undici   load client (wrk)                   --no-latency     skip the latency phase
  --cli PATH        the build to load (dist/cli.js)         --compare PATH   a second build, as mock-b
  --only a,b        scenarios: ${SCENARIOS.map((s) => s.name).join(", ")}
  --help            this text`;
const flag = { type: "string" };
let values;
try {
  ({ values } = parseArgs({
    options: {
      rounds: flag,
      seconds: flag,
      connections: flag,
      streams: flag,
      spawns: flag,
      client: flag,
      cli: flag,
      compare: flag,
      only: flag,
      "no-latency": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (e) {
  // A misspelt flag would otherwise run minutes of load with the defaults.
  console.error(`${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const arg = (name) => values[name];
function numberFlag(name, fallback, max) {
  const v = arg(name) === undefined ? fallback : Number(arg(name));
  if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`--${name} must be an integer in [0, ${max}]`);
  return v;
}
const cli = resolve(arg("cli") ?? join(root, "dist", "cli.js"));
const compare = arg("compare") && resolve(arg("compare"));
const rounds = numberFlag("rounds", 3, 20);
const seconds = numberFlag("seconds", 2, 30);
const connections = numberFlag("connections", 50, 500);
const streams = numberFlag("streams", 400, 1000);
const spawns = numberFlag("spawns", 5, 50);
const only = arg("only")?.split(",");
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown?.length) {
  console.error(`--only: no scenario ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.name));
const FLOOR = "h3-floor";
const TARGETS = { floorRatio: 0.75, idleMb: 50, peakMb: 100, listenMs: 150, streamKb: 80 };

const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-bench-"));
let crashed = false;
process.on("exit", () => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, () => {
    console.error(`\n${sig}: stopping servers`);
    process.exit(130);
  });
// Hard stop, well above the expected time.
const targetCount = compare ? 4 : 3;
const budgetS =
  60 +
  (targetCount + 1) * spawns * 3 +
  targetCount * (scenarios.length * (rounds + 1) * (seconds + 1) + 12 + 2 * seconds + 5 + (streams ? 5 * 32 : 0)) +
  (values["no-latency"] ? 0 : 300); // the latency phase has its own 300 s stop
setTimeout(() => {
  console.error(`bench exceeded ${budgetS} s; aborting`);
  process.exit(1);
}, budgetS * 1000).unref();

let client = arg("client") ?? "wrk";
if (!["wrk", "undici"].includes(client)) throw new Error("--client must be wrk or undici");
const missing = client === "wrk" ? wrkMissing() : null;
if (missing) {
  console.log(`! ${missing}: falling back to the undici client (heavier: it caps the fastest targets)`);
  client = "undici";
}

function header() {
  const cpu = cpus();
  console.log("Mock GPT benchmark");
  console.log(
    `  node ${process.version} on ${process.platform}/${process.arch}; CPU: ${cpu[0]?.model ?? "unknown"} x ${cpu.length}`,
  );
  console.log(
    `  load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `  client: ${client === "wrk" ? "wrk (C, 1 thread) with the wrk-mtls.c LD_PRELOAD shim" : "undici (Node)"}, ${connections} keep-alive mTLS connections`,
  );
  console.log(
    `  ${rounds} rounds x ${seconds} s per target and scenario after a 1 s warmup, targets alternating (loopback only)`,
  );
  console.log(
    "  ratios are to the bare-h3 floor, the same h3 on the same listener sending the same bytes with no mock logic",
  );
  if (loadavg()[0] > cpu.length * 0.5)
    console.log("  NOTE: the machine is already busy; figures are noisy, compare ratios and the per-round numbers.");
}

/** Spawns a target for the load rounds. */
async function launch(t, env) {
  t.proc = startServer(t.args, { env: { ...env, ...t.env } });
  const { host, port } = await t.proc.ready;
  if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`refusing to load a non-loopback address ${host}`);
  return { origin: `https://127.0.0.1:${port}` };
}

/** One load run against one target, with the server's CPU time around it. */
async function load(t, scenario, secs, ctx) {
  const cpu0 = t.proc.cpuMs();
  const t0 = performance.now();
  const r =
    client === "wrk"
      ? await runWrk({
          ...ctx,
          script: ctx.scripts[scenario.name],
          origin: t.origin,
          path: scenario.path,
          connections,
          seconds: secs,
        }).done
      : await t.client.round(scenario, secs);
  const cpu1 = t.proc.cpuMs();
  r.cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  r.wallMs = performance.now() - t0;
  r.wrongStatus = scenario.status === 200 ? r.non2xx : r.requests - r.non2xx;
  return r;
}

/**
 * Peak RSS under the example load alone, in a fresh process: the rounds above also run streams and errors,
 * whose garbage and grown heap would otherwise count against the example. Sampled every 100 ms.
 */
async function examplePeak(t, env, ctx) {
  const proc = startServer(t.args, { env: { ...env, ...t.env } });
  try {
    const { port } = await proc.ready;
    const example = SCENARIOS.find((s) => s.name === "example");
    const origin = `https://127.0.0.1:${port}`;
    const idle = proc.currentRss();
    const r = await runWrk({
      ...ctx,
      script: ctx.scripts.example,
      origin,
      path: example.path,
      connections,
      seconds: 2 * seconds,
    }).done;
    return { idle, peak: proc.takeWindowPeak(), requests: r.requests };
  } finally {
    await proc.stop();
  }
}

const targets = [];
try {
  header();
  if (!existsSync(cli)) throw new Error(`${show(cli)} not found; run npm run build`);
  const { env, tls, certs } = await benchSetup({ root, cli, tmp });
  const ctx = { certs, scripts: {} };
  if (client === "wrk") {
    ctx.shim = buildShim(tmp);
    for (const s of SCENARIOS) ctx.scripts[s.name] = writeScript(tmp, s);
  }
  const fixtures = join(tmp, "fixtures.json");
  // mock-gpt first: the references replay its answers. An empty config dir keeps local.toml out of the figures.
  const serve = (file) => [file, "serve", "--config-dir", join(tmp, "config"), "--port", "0", "--host", "127.0.0.1"];
  const mock = { name: "mock-gpt", args: serve(cli) };
  const other = compare ? [{ name: "mock-b", args: serve(compare) }] : [];
  const refEnv = { MOCK_GPT_BENCH_FIXTURES: fixtures };
  const raw = { name: "node", args: [join(root, "scripts/bench/baseline-server.mjs"), "0"], env: refEnv };
  const floor = { name: FLOOR, args: [join(root, "scripts/bench/h3-floor-server.mjs"), "0"], env: refEnv };
  for (const t of [mock, raw, floor, ...other]) {
    Object.assign(t, { results: {} }, await launch(t, env));
    if (t === mock) {
      const f = await captureFixtures(t.origin, tls);
      writeFileSync(fixtures, JSON.stringify(f));
      console.log(
        `\nanswers replayed by the references: completion ${f.sizes.completion} B, stream ${f.sizes.events} events / ${f.sizes.stream} B`,
      );
    }
    if (client === "undici") t.client = createLoadClient({ origin: t.origin, tls, concurrency: connections });
    targets.push(t);
  }
  const order = [raw, floor, mock, ...other];
  // The floor as an application ships, one CommonJS bundle: the ESM floor also pays for loading h3 and srvx
  // file by file, which a bundled app (ours) does not. Start figures only.
  const bundled = { name: "h3-bundled", args: [await bundledFloor(root, tmp), "0"], env: refEnv };
  console.log(`\nspawn to listening and idle RSS (1 s later): median of ${spawns} spawns per target, alternating...`);
  const starts = await startFigures([...order, bundled], { env, spawns });
  printStartFigures(starts);
  for (const t of [...order, bundled]) Object.assign(t, starts[t.name]);
  console.log("\nwarming up...");
  for (const s of scenarios) for (const t of order) await load(t, s, 1, ctx);
  console.log("measuring...");
  for (let i = 0; i < rounds; i++)
    for (const s of scenarios) {
      for (const t of i % 2 ? [...order].reverse() : order) {
        (t.results[s.name] ??= []).push(await load(t, s, seconds, ctx));
      }
    }
  for (const t of order) t.peakRss = t.proc.peakRss();
  const sums = {};
  for (const s of scenarios) sums[s.name] = scenarioTable(s, order, FLOOR);
  if (client === "wrk" && sums.example) {
    console.log(`\npeak RSS under the example load alone: ${2 * seconds} s of wrk, fresh process per target...`);
    for (const t of order) {
      const p = await examplePeak(t, env, ctx);
      t.examplePeak = p.peak;
    }
  }
  if (client === "wrk" && streams > 0) {
    console.log(`\nmemory per open stream, TLS connection included, N = ${streams}: ${STREAM_METHOD}`);
    for (const t of order) {
      const r = await streamMemory(t, { env, ctx, streams, dir: tmp });
      t.streamKb = r.kb;
      console.log(formatStreamMemory(t.name, r));
      for (const w of r.warnings) console.log(`  ! ${w}`);
    }
  }
  processTable(order);

  const line = (ok, text) => console.log(`${ok === null ? "n/a " : ok ? "PASS" : "FAIL"}  ${text}`);
  console.log("");
  const ex = sums.example;
  if (ex) {
    const r = ex[mock.name].rps / ex[FLOOR].rps;
    const rounds = ex[mock.name].perRound.map((v, i) => v / ex[FLOOR].perRound[i]);
    line(
      Number.isFinite(r) ? r >= TARGETS.floorRatio : null,
      `example request >= ${TARGETS.floorRatio}x the bare-h3 floor's req/s, log on (${fmt(r, 2)}x; rounds ${rounds.map((v) => fmt(v, 2)).join(" ")}; median ${fmt(median(rounds), 2)})`,
    );
  }
  for (const name of ["400", "404"])
    if (ex && sums[name])
      line(
        sums[name][mock.name].cpuUs <= ex[mock.name].cpuUs,
        `a ${name} costs no more CPU than a success (${fmt(sums[name][mock.name].cpuUs, 0)} vs ${fmt(ex[mock.name].cpuUs, 0)} µs/req)`,
      );
  line(
    mock.idleMb <= TARGETS.idleMb,
    `idle RSS <= ${TARGETS.idleMb} MB (${fmt(mock.idleMb)} MB; node ${fmt(raw.idleMb)}, h3 ${fmt(floor.idleMb)}, h3 bundled ${fmt(bundled.idleMb)})`,
  );
  if (ex)
    line(
      mock.examplePeak <= TARGETS.peakMb,
      `peak RSS under the example load <= ${TARGETS.peakMb} MB (${fmt(mock.examplePeak)} MB)`,
    );
  line(
    mock.listenMs <= TARGETS.listenMs,
    `spawn to listening <= ${TARGETS.listenMs} ms (median ${fmt(mock.listenMs, 0)} ms; node ${fmt(raw.listenMs, 0)}, h3 ${fmt(floor.listenMs, 0)}, h3 bundled ${fmt(bundled.listenMs, 0)})`,
  );
  if (mock.streamKb !== undefined)
    line(
      mock.streamKb <= TARGETS.streamKb,
      `memory per open stream <= ${TARGETS.streamKb} KB, TLS included (${fmt(mock.streamKb, 0)} KB; node ${fmt(raw.streamKb, 0)}, h3 ${fmt(floor.streamKb, 0)})`,
    );
  for (const t of order)
    for (const s of scenarios) {
      const bad = (sums[s.name][t.name].errors ?? 0) + (sums[s.name][t.name].wrongStatus ?? 0);
      if (bad) console.log(`! ${t.name} ${s.name}: ${bad} socket errors or unexpected statuses`);
    }
  // The vocabularies load on the first counted token, so the idle RSS above never includes them.
  console.log("\ntokenizer (ours vs the gpt-tokenizer baseline, fresh process each; loaded on the first request):");
  for (const f of await tokenizerFigures(root, tmp))
    console.log(
      `  ${f.tokenizer.padEnd(13)} ${f.vocabulary.padEnd(12)} (${f.model}): load ${fmt(f.loadMs, 0)} ms, +${fmt(f.heapMb)} MB heap, +${fmt(f.rssMb)} MB RSS; ` +
        `${fmt(f.perRequestUs, 0)} µs per request to split a ${f.answerTokens}-token answer and count its prompt`,
    );
  if (!values["no-latency"])
    await (await import("./bench/latency.mjs")).latencyFigures({ cli, env, tls, configDir: join(tmp, "config") });
} catch (err) {
  crashed = true;
  console.error(`bench crashed: ${err.stack ?? err}`);
  for (const t of targets) if (t.proc?.stderr()) console.error(`${t.name} stderr: ${t.proc.stderr().trim()}`);
} finally {
  for (const t of targets) {
    await t.client?.close().catch(() => undefined);
    const exit = await t.proc?.stop();
    if (exit?.signal === "SIGKILL") console.log(`! ${t.name} ignored SIGTERM and was killed`);
  }
  killAll();
}
process.exit(crashed ? 1 : 0);
