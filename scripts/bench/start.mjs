// Spawn to listening and idle RSS, per target: the median of several spawns, targets alternating, because one
// spawn on a shared machine is noise. Also the CPU the process used until listening, which waits less on the
// other processes than wall time does. Standalone: node scripts/bench/start.mjs [--spawns 7] [other/dist/cli.js ...]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "./proc.mjs";
import { fmt, median } from "./report.mjs";
import { benchSetup, bundleForNode } from "./setup.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** scripts/bench/h3-floor-server.mjs bundled into one CommonJS file in dir, as an h3 application ships; its path. */
export async function bundledFloor(root, dir) {
  return bundleForNode(join(root, "scripts/bench/h3-floor-server.mjs"), join(dir, "h3-floor-bundled.cjs"), {
    logOverride: { "empty-import-meta": "silent" },
  });
}

/** Spawns each target `spawns` times, alternating; returns { [name]: { listenMs, listenCpuMs, idleMb, runs } }. */
export async function startFigures(targets, { env, spawns = 5, idleAfterMs = 1000 }) {
  const runs = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let i = 0; i < spawns; i++)
    for (const t of i % 2 ? [...targets].reverse() : targets) {
      const proc = startServer(t.args, { env: { ...env, ...t.env } });
      try {
        const { listenMs, listenCpuMs } = await proc.ready;
        await sleep(idleAfterMs);
        runs[t.name].push({ listenMs, listenCpuMs, idleMb: proc.currentRss() });
      } finally {
        await proc.stop();
      }
    }
  const med = (rs, k) => median(rs.map((r) => r[k] ?? NaN));
  return Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      { listenMs: med(rs, "listenMs"), listenCpuMs: med(rs, "listenCpuMs"), idleMb: med(rs, "idleMb"), runs: rs },
    ]),
  );
}

/** Prints one line per target: medians, then every spawn's listen time. */
export function printStartFigures(figures) {
  console.log(
    `  ${"target".padEnd(10)}${"listen ms".padStart(10)}${"CPU ms".padStart(8)}${"idle MB".padStart(9)}   listen ms per spawn`,
  );
  for (const [name, f] of Object.entries(figures))
    console.log(
      `  ${name.padEnd(10)}${fmt(f.listenMs, 0).padStart(10)}${fmt(f.listenCpuMs, 0).padStart(8)}${fmt(f.idleMb).padStart(9)}   ${f.runs.map((r) => fmt(r.listenMs, 0)).join(" ")}`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, "..", "..");
  const i = process.argv.indexOf("--spawns");
  const spawns = i > 0 ? Number(process.argv[i + 1]) : 7;
  const clis = process.argv.slice(2).filter((a, j, all) => a !== "--spawns" && all[j - 1] !== "--spawns");
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-start-"));
  const cli = join(root, "dist", "cli.js");
  try {
    const { env } = await benchSetup({ root, cli, tmp });
    const serve = (file) => [file, "serve", "--config-dir", join(tmp, "config"), "--port", "0", "--host", "127.0.0.1"];
    const targets = [
      { name: "node", args: [join(root, "scripts/bench/baseline-server.mjs"), "0"] },
      { name: "h3-floor", args: [join(root, "scripts/bench/h3-floor-server.mjs"), "0"] },
      { name: "h3-bundled", args: [await bundledFloor(root, tmp), "0"] },
      // A .cjs/.mjs argument is a server script like the references (port as its argument); a .js one a CLI build.
      ...(clis.length ? clis : [cli]).map((c, k) => ({
        name: k ? `mock-${k}` : "mock-gpt",
        args: /\.[cm]js$/.test(c) ? [resolve(c), "0"] : serve(resolve(c)),
      })),
    ];
    for (const t of targets.slice(3)) console.log(`${t.name}: ${t.args[0]}`);
    printStartFigures(await startFigures(targets, { env, spawns }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
