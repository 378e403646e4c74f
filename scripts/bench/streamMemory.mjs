// Memory per open stream, TLS connection included, measured the same way for every target. In a fresh process
// started with memprobe.mjs, after one warm-up stream, wrk holds 0, N/4, N/2, 3N/4 and N paced streams open in
// turn; at each point the probe runs a full GC and reports RSS and V8's heap. The figure is the least-squares
// slope of "RSS minus the free space inside V8's heap" over those points: live objects and everything native
// (OpenSSL, socket buffers, external memory) count, but not how far V8 had grown its heap before (a large load
// at start, or the previous point), which made plain RSS slopes swing by 2x between runs.
// Standalone: node scripts/bench/streamMemory.mjs [--streams 400] [--repeat 3] [--cli dist/cli.js] [--only a,b]
//   [--compare other/dist/cli.js] (a second build as target mock-b)
import { readdirSync, readFileSync, readlinkSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { killAll, startServer } from "./proc.mjs";
import { SCENARIOS } from "./scenarios.mjs";
import { runWrk } from "./wrk.mjs";

export const PROBE = pathToFileURL(join(import.meta.dirname, "memprobe.mjs")).href;
export const STREAM_MS = 30_000; // each paced stream outlasts its point, so a connection asks once
const OPEN_MS = 20_000; // at most this long for a point's connections to open (handshakes queue on a busy machine)
const POINTS = 4; // points after 0: N/4, N/2, 3N/4, N
export const METHOD =
  "slope over 0, N/4, N/2, 3N/4, N open paced streams (fresh process, one warm-up stream) of RSS minus the free " +
  "space in V8's heap, each point after a forced full GC; V8 live heap and off-heap (native, TLS) parts shown";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Open sockets of pid (listening one included), or null where /proc is unavailable. */
function sockets(pid) {
  try {
    let n = 0;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) n++;
      } catch {}
    }
    return n;
  } catch {
    return null;
  }
}

async function until(test, ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (test()) return true;
    await sleep(100);
  }
  return test();
}

/** Waits (at most ms) until the server used under 40% of a core over 300 ms, after at least 500 ms. */
async function quiet(proc, ms) {
  await sleep(200);
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const c0 = proc.cpuMs();
    await sleep(300);
    if (c0 === null || proc.cpuMs() - c0 < 120) return;
  }
}

/** Least-squares slope and intercept of ys over xs. */
export function fit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxx ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx };
}

/**
 * One target's figures: { kb, heapKb, offHeapKb, points, warnings } (KB per open stream). `t.args` are its node
 * arguments (script first); the probe and --expose-gc go before them.
 */
export async function streamMemory(t, { env, ctx, streams, dir }) {
  const probeFile = join(dir, `probe-${t.name}-${process.hrtime.bigint()}.jsonl`);
  writeFileSync(probeFile, "");
  const proc = startServer(["--expose-gc", "--import", PROBE, ...t.args], {
    env: { ...env, ...t.env, MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS: String(STREAM_MS), MOCK_GPT_BENCH_PROBE: probeFile },
  });
  const warnings = [];
  const lines = () => readFileSync(probeFile, "utf8").split("\n").filter(Boolean);
  const sample = async () => {
    const before = lines().length;
    process.kill(proc.pid, "SIGUSR2");
    if (!(await until(() => lines().length > before, 5000)))
      throw new Error(`${t.name}: the memory probe did not answer`);
    return JSON.parse(lines()[before]);
  };
  try {
    const { port } = await proc.ready;
    const origin = `https://127.0.0.1:${port}`;
    const path = SCENARIOS.find((s) => s.name === "stream").path;
    const hold = (connections, seconds) =>
      runWrk({ ...ctx, script: ctx.scripts.stream, origin, path, connections, seconds, timeoutS: STREAM_MS / 1000 });
    // What the first request loads (responder, tokenizer vocabulary) is then in every point.
    await hold(1, 1).done.catch(() => undefined);
    await sleep(300);
    const base = sockets(proc.pid);
    const points = [];
    for (let k = 0; k <= POINTS; k++) {
      const n = Math.round((streams * k) / POINTS);
      await until(() => sockets(proc.pid) <= base, 5000); // the previous point's connections are gone
      const run = n ? hold(n, (OPEN_MS + 10_000) / 1000) : null;
      if (n) {
        // Every connection accepted, then its handshake and request done: the server goes quiet again.
        if (!(await until(() => sockets(proc.pid) >= base + n, OPEN_MS)))
          warnings.push(`${t.name}: ${sockets(proc.pid) - base} of ${n} connections open at the sample`);
        await quiet(proc, 5000);
      }
      const open = sockets(proc.pid) - base;
      const m = await sample();
      points.push({ n, open, ...m, net: m.rss - (m.heapPhysical - m.heapUsed), offHeap: m.rss - m.heapPhysical });
      if (run) {
        process.kill(run.pid, "SIGINT"); // wrk stops and closes its connections
        await run.done.catch(() => undefined);
      }
    }
    const xs = points.map((p) => p.n);
    const kb = (key) =>
      fit(
        xs,
        points.map((p) => p[key]),
      ).slope / 1024;
    return { kb: kb("net"), heapKb: kb("heapUsed"), offHeapKb: kb("offHeap"), rssKb: kb("rss"), points, warnings };
  } finally {
    await proc.stop();
  }
}

/** One line per target: the figure, its parts, and the points (MB of RSS net of V8's free heap). */
export function formatStreamMemory(name, r) {
  const f = (v) => (Number.isFinite(v) ? v.toFixed(0) : "n/a");
  const pts = r.points.map((p) => `${p.n}:${(p.net / 1048576).toFixed(1)}`).join(" ");
  return `  ${name.padEnd(10)}${f(r.kb).padStart(6)} KB  (V8 heap ${f(r.heapKb)} + off-heap ${f(r.offHeapKb)}; plain RSS slope ${f(r.rssKb)})   MB at ${pts}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { benchSetup } = await import("./setup.mjs");
  const { captureFixtures } = await import("./capture.mjs");
  const { buildShim, writeScript } = await import("./wrk.mjs");
  const { median } = await import("./report.mjs");
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const root = join(import.meta.dirname, "..", "..");
  const cli = resolve(arg("cli") ?? join(root, "dist", "cli.js"));
  const streams = Number(arg("streams") ?? 400);
  const repeat = Number(arg("repeat") ?? 3);
  const only = arg("only")?.split(",");
  if (!existsSync(cli)) throw new Error(`${cli} not found; run npm run build`);
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-streams-"));
  process.on("exit", () => killAll());
  process.on("SIGINT", () => process.exit(130));
  try {
    const { env, tls, certs } = await benchSetup({ root, cli, tmp });
    const ctx = { certs, shim: buildShim(tmp), scripts: { stream: writeScript(tmp, SCENARIOS[2]) } };
    const serve = [cli, "serve", "--config-dir", join(tmp, "config"), "--port", "0", "--host", "127.0.0.1"];
    const fixtures = join(tmp, "fixtures.json");
    const cap = startServer(serve, { env });
    try {
      const { port } = await cap.ready;
      writeFileSync(fixtures, JSON.stringify(await captureFixtures(`https://127.0.0.1:${port}`, tls)));
    } finally {
      await cap.stop();
    }
    const refEnv = { MOCK_GPT_BENCH_FIXTURES: fixtures };
    const targets = [
      { name: "node", args: [join(root, "scripts/bench/baseline-server.mjs"), "0"], env: refEnv },
      { name: "h3-floor", args: [join(root, "scripts/bench/h3-floor-server.mjs"), "0"], env: refEnv },
      { name: "mock-gpt", args: serve },
      ...(arg("compare") ? [{ name: "mock-b", args: [resolve(arg("compare")), ...serve.slice(1)] }] : []),
    ].filter((t) => !only || only.includes(t.name));
    console.log(`memory per open stream, N = ${streams}: ${METHOD}`);
    const all = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let i = 0; i < repeat; i++)
      for (const t of i % 2 ? [...targets].reverse() : targets) {
        const r = await streamMemory(t, { env, ctx, streams, dir: tmp });
        all[t.name].push(r);
        console.log(formatStreamMemory(t.name, r));
        for (const w of r.warnings) console.log(`  ! ${w}`);
      }
    console.log("summary (median, min–max):");
    for (const [name, rs] of Object.entries(all)) {
      const kbs = rs.map((r) => r.kb);
      console.log(
        `  ${name.padEnd(10)} ${median(kbs).toFixed(0)} KB (${Math.min(...kbs).toFixed(0)}–${Math.max(...kbs).toFixed(0)}); heap ${median(rs.map((r) => r.heapKb)).toFixed(0)}, off-heap ${median(rs.map((r) => r.offHeapKb)).toFixed(0)}, plain RSS ${median(rs.map((r) => r.rssKb)).toFixed(0)} (${Math.min(...rs.map((r) => r.rssKb)).toFixed(0)}–${Math.max(...rs.map((r) => r.rssKb)).toFixed(0)})`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
