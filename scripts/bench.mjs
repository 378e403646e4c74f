#!/usr/bin/env node
// `npm run bench`: the built CLI server (dist/cli.js) against a minimal node:https mTLS baseline, both loaded by
// the same in-process client. Informational: prints PASS/FAIL per target and exits 0 unless something crashed.
// Usage: node scripts/bench.mjs [--concurrency 32] [--warmup-ms 2000] [--measure-ms 8000] [--rounds 8] [--cli dist/cli.js] [--sampled]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLoadClient, percentile } from "./bench/load.mjs";
import { killAll, startServer } from "./bench/proc.mjs";
import { tokenizerFigures } from "./bench/tokenizer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Paths inside the repo print relative to it; others (temp dirs, --cli elsewhere) absolute.
const show = (p) => (p.startsWith(root + "/") ? relative(root, p) : p);
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
function numberFlag(name, fallback, max) {
  const v = arg(name) === undefined ? fallback : Number(arg(name));
  if (!Number.isInteger(v) || v <= 0 || v > max) throw new Error(`--${name} must be an integer in [1, ${max}]`);
  return v;
}
const cli = resolve(arg("cli") ?? join(root, "dist", "cli.js"));
const concurrency = numberFlag("concurrency", 32, 256);
const warmupMs = numberFlag("warmup-ms", 2000, 30_000);
const measureMs = numberFlag("measure-ms", 8000, 30_000);
const rounds = numberFlag("rounds", 8, 40);
// --sampled: temperature 1, so every answer is generated (no reuse of deterministic answers).
const sampled = process.argv.includes("--sampled");
const IDLE_AFTER_MS = 1000;
const TARGETS = { ratio: 0.85, idleMb: 60, listenMs: 300 };

const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-bench-"));
let crashed = false;

// Whatever happens, no child outlives the bench.
process.on("exit", () => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping servers`);
    process.exit(130);
  });
}
// Hard stop, far above the expected ~30 s.
setTimeout(() => {
  console.error("bench exceeded 180 s; aborting");
  process.exit(1);
}, 180_000).unref();

function header() {
  const cpu = cpus();
  console.log("Mock GPT benchmark");
  console.log(`  node ${process.version} on ${process.platform}/${process.arch}`);
  console.log(
    `  CPU: ${cpu[0]?.model ?? "unknown"} x ${cpu.length} cores; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(
    `  load: ${concurrency} concurrent requests over keep-alive mTLS connections (undici), POST /v1/chat/completions, temperature ${sampled ? "1 (every answer generated)" : "0 (deterministic; mock-gpt may reuse answers)"}`,
  );
  console.log(
    `  per target: ${warmupMs / 1000} s warmup, then ${rounds} x ${measureMs / rounds / 1000} s measured, alternating targets (loopback only)`,
  );
  if (cpu.length <= 2) {
    console.log(
      `  NOTE: only ${cpu.length} cores: the load client and the server compete for CPU, so absolute figures`,
    );
    console.log("        understate both servers; the ratios and CPU per request are the meaningful numbers.");
  }
  if (loadavg()[0] > cpu.length * 0.5)
    console.log("  NOTE: the machine is already busy; expect noisy figures (compare the per-round numbers).");
  console.log("");
}

/** Certificates for both servers: from the CLI when built (exercising `certs`), else from src via esbuild. */
async function makeCerts() {
  const dir = join(tmp, "certs");
  if (existsSync(cli)) {
    const r = spawnSync(process.execPath, [cli, "certs", "--dir", dir], { encoding: "utf8", timeout: 30_000 });
    if (r.status === 0 && existsSync(join(dir, "client.key"))) return { dir, via: `${show(cli)} certs` };
    console.log(
      `! \`${show(cli)} certs\` failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(0, 400)}`,
    );
    console.log("  falling back to src/core/certs");
    rmSync(dir, { recursive: true, force: true });
  }
  const esbuild = await import("esbuild");
  const out = join(tmp, "certs-module.cjs");
  await esbuild.build({
    entryPoints: [join(root, "src/core/certs/index.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: out,
    logLevel: "error",
  });
  const { generateCertificates } = createRequire(import.meta.url)(out);
  await generateCertificates({ dir });
  return { dir, via: "src/core/certs (esbuild bundle)" };
}

/** Spawns one target and records its startup figures; the process stays up for the load rounds. */
async function launch(target, env, tls) {
  target.proc = startServer(target.args, { env });
  try {
    const { host, port, listenMs } = await target.proc.ready;
    if (host !== "127.0.0.1" && host !== "localhost")
      throw new Error(`refusing to load a non-loopback address ${host}`);
    target.listenMs = listenMs;
    await new Promise((r) => setTimeout(r, IDLE_AFTER_MS));
    target.idleRss = target.proc.currentRss();
    target.client = createLoadClient({ origin: `https://127.0.0.1:${port}`, tls, concurrency, sampled });
  } catch (err) {
    fail(target, err);
  }
}

function fail(target, err) {
  target.error ??= err.message;
  crashed = true;
}

async function loadRound(target, ms) {
  if (target.error) return null;
  try {
    const cpu0 = target.proc.cpuMs();
    const t0 = performance.now();
    const r = await target.client.round(ms);
    const cpu1 = target.proc.cpuMs();
    // Server CPU per request: what each request costs the server, whoever was the bottleneck. The
    // window runs until the last in-flight request is answered, so busy is over that wall time.
    r.cpuMs = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
    r.wallMs = performance.now() - t0;
    const { sample } = target.client.stats();
    if (sample && JSON.parse(sample).object !== "chat.completion")
      throw new Error(`unexpected response: ${sample.slice(0, 200)}`);
    return r;
  } catch (err) {
    fail(target, err);
    return null;
  }
}

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "n/a" : v.toFixed(d));
const pad = (s, n) => String(s).padStart(n);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function summarize(t) {
  const latencies = t.rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const completed = t.rounds.reduce((n, r) => n + r.completed, 0);
  const ms = t.rounds.reduce((n, r) => n + r.ms, 0);
  const cpu = t.rounds.every((r) => r.cpuMs !== null) ? t.rounds.reduce((n, r) => n + r.cpuMs, 0) : NaN;
  const answered = t.rounds.reduce((n, r) => n + r.latencies.length, 0);
  const wall = t.rounds.reduce((n, r) => n + r.wallMs, 0);
  const busy = wall ? cpu / wall : NaN;
  return {
    rps: ms ? completed / (ms / 1000) : NaN,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: answered ? (cpu * 1000) / answered : NaN,
    busy,
    ...t.client?.stats(),
  };
}

function report(targets) {
  console.log(
    `${"target".padEnd(10)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("idle MB", 9)}${pad("peak MB", 9)}${pad("listen ms", 11)}${pad("errors", 8)}${pad("CPU µs/req", 12)}${pad("CPU busy", 10)}`,
  );
  for (const t of targets) {
    t.summary = summarize(t);
    const s = t.summary;
    console.log(
      `${t.name.padEnd(10)}${pad(fmt(s.rps, 0), 10)}${pad(fmt(s.p50, 2), 9)}${pad(fmt(s.p99, 2), 9)}${pad(fmt(t.idleRss), 9)}${pad(fmt(t.peakRss), 9)}${pad(fmt(t.listenMs, 0), 11)}${pad(s.errors ?? "-", 8)}${pad(fmt(s.cpuUs), 12)}${pad(Number.isNaN(s.busy) ? "n/a" : `${fmt(s.busy * 100, 0)}%`, 10)}`,
    );
    if (s.firstError) console.log(`${"".padEnd(10)}  first error: ${s.firstError}`);
    if (t.error) console.log(`${"".padEnd(10)}  FAILED: ${t.error}${t.stderr ? `\n${t.stderr.trim()}` : ""}`);
  }
  console.log(`\nreq/s per round (interleaved, so a busy moment hits both):`);
  for (const t of targets) console.log(`  ${t.name.padEnd(10)}${t.rounds.map((r) => pad(fmt(r.rps, 0), 8)).join("")}`);
}

function verdicts(server, baseline) {
  const line = (ok, text) => console.log(`${ok === null ? "n/a " : ok ? "PASS" : "FAIL"}  ${text}`);
  const usable = !server.error && !baseline.error && server.rounds.length && baseline.rounds.length;
  const ratio = usable ? server.summary.rps / baseline.summary.rps : null;
  const pairs = usable
    ? server.rounds.map((r, i) => baseline.rounds[i] && r.rps / baseline.rounds[i].rps).filter(Boolean)
    : [];
  console.log(`\nratio server/baseline req/s: ${fmt(ratio, 2)} overall, ${fmt(median(pairs), 2)} median of rounds`);
  if (usable)
    console.log(
      `server CPU per request: ${fmt(server.summary.cpuUs / baseline.summary.cpuUs, 2)}x the baseline's (a target below ~100% CPU busy was limited by the load client, not by itself)`,
    );
  line(
    ratio === null ? null : ratio >= TARGETS.ratio,
    `throughput >= ${TARGETS.ratio}x baseline at zero delay (${fmt(ratio, 2)}x)`,
  );
  line(
    server.idleRss == null ? null : server.idleRss < TARGETS.idleMb,
    `idle RSS < ${TARGETS.idleMb} MB (${fmt(server.idleRss)} MB; baseline ${fmt(baseline.idleRss)} MB)`,
  );
  line(
    server.listenMs == null ? null : server.listenMs < TARGETS.listenMs,
    `spawn to listening < ${TARGETS.listenMs} ms (${fmt(server.listenMs, 0)} ms; baseline ${fmt(baseline.listenMs, 0)} ms)`,
  );
}

const targets = [];
try {
  header();
  const certs = await makeCerts();
  const file = (n) => join(certs.dir, n);
  console.log(`certificates: ${certs.via}`);
  const env = {
    MOCK_GPT_TLS_CERT_PATH: file("server.crt"),
    MOCK_GPT_TLS_KEY_PATH: file("server.key"),
    MOCK_GPT_TLS_CA_CERT_PATH: file("ca.crt"),
    MOCK_GPT_LOGGING_LEVEL: "error",
    // Zero delay and no injected errors, whatever the developer's local config says.
    MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS: "0",
    MOCK_GPT_RESPONSES_ERROR_RATE_PERCENT: "0",
    MOCK_GPT_SCENARIO_ACTIVE: "normal",
  };
  const tls = {
    ca: readFileSync(file("ca.crt")),
    cert: readFileSync(file("client.crt")),
    key: readFileSync(file("client.key")),
  };

  targets.push({ name: "baseline", args: [join(root, "scripts", "bench", "baseline-server.mjs"), "0"], rounds: [] });
  // Informational: h3 alone on the same listener, to separate the framework's cost from ours.
  targets.push({ name: "h3-floor", args: [join(root, "scripts", "bench", "h3-floor-server.mjs"), "0"], rounds: [] });
  if (existsSync(cli)) {
    // An empty config dir: the developer's config/local.toml must not skew the figures.
    const args = [cli, "serve", "--config-dir", join(tmp, "config"), "--port", "0", "--host", "127.0.0.1"];
    targets.push({ name: "mock-gpt", args, rounds: [] });
  }
  // One at a time, so neither startup is slowed by the other.
  for (const t of targets) {
    console.log(`starting ${t.name}: node ${t.args.map(show).join(" ")}`);
    await launch(t, env, tls);
  }
  console.log("warming up...");
  for (const t of targets) await loadRound(t, warmupMs);
  console.log("measuring...\n");
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const r = await loadRound(t, measureMs / rounds);
      if (r) t.rounds.push(r);
    }
  }
  for (const t of targets) {
    t.peakRss = t.proc?.peakRss() ?? null;
    if (t.error) t.stderr = t.proc?.stderr();
  }
  report(targets);
  const [baseline, floor, server] = targets;
  if (floor.summary && baseline.summary)
    console.log(
      `\nh3-floor/baseline: ${fmt(floor.summary.rps / baseline.summary.rps, 2)}x req/s, ${fmt(floor.summary.cpuUs / baseline.summary.cpuUs, 2)}x CPU per request (what h3 on node:https costs before any mock logic)`,
    );
  if (server) verdicts(server, baseline);
  else console.log(`\n${show(cli)} not found; run npm run build (only the baseline was measured)`);
  // The vocabularies load on the first counted token, so idle RSS above never includes them.
  console.log("\ntokenizer (gpt-tokenizer, fresh process each; loaded lazily on the first request):");
  for (const f of await tokenizerFigures(root, tmp))
    console.log(
      `  ${f.vocabulary.padEnd(12)} (${f.model}): load ${fmt(f.loadMs, 0)} ms, +${fmt(f.heapMb)} MB heap, +${fmt(f.rssMb)} MB RSS; ` +
        `${fmt(f.perRequestUs, 0)} µs per request to split a ${f.answerTokens}-token answer and count its prompt`,
    );
} catch (err) {
  crashed = true;
  console.error(`bench crashed: ${err.stack ?? err}`);
} finally {
  for (const t of targets) {
    await t.client?.close().catch(() => undefined);
    const exit = await t.proc?.stop();
    if (exit?.signal === "SIGKILL") console.log(`! ${t.name} ignored SIGTERM and was killed`);
  }
  killAll();
}
process.exit(crashed ? 1 : 0);
