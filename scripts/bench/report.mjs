// Tables for the bench: per scenario, each target's figures and its ratio to the bare-h3 floor.
export const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "n/a" : v.toFixed(d));
const pad = (s, n) => String(s).padStart(n);
export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const x = (r) => (Number.isNaN(r) ? "" : ` (${fmt(r, 2)}×)`);

/** Sums a target's rounds for one scenario. Latency percentiles: the median of the rounds' own. */
export function summarize(rounds) {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const cpu = rounds.every((r) => r.cpuMs !== null) ? rounds.reduce((n, r) => n + r.cpuMs, 0) : NaN;
  const wall = rounds.reduce((n, r) => n + r.wallMs, 0);
  return {
    rps: seconds ? requests / seconds : NaN,
    cpuUs: requests ? (cpu * 1000) / requests : NaN,
    busy: wall ? cpu / wall : NaN,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    wrongStatus: rounds.reduce((n, r) => n + r.wrongStatus, 0),
    perRound: rounds.map((r) => r.requests / r.seconds),
  };
}

/** Prints one scenario's table; returns { [target]: summary }. */
export function scenarioTable(scenario, targets, floorName) {
  const sums = Object.fromEntries(targets.map((t) => [t.name, summarize(t.results[scenario.name] ?? [])]));
  const floor = sums[floorName];
  console.log(
    `\n${scenario.name}: ${scenario.method} ${scenario.path}${scenario.body ? ` ${scenario.body}` : ""} → ${scenario.status}`,
  );
  console.log(
    `  ${"target".padEnd(10)}${pad("req/s", 17)}${pad("CPU µs/req", 18)}${pad("busy", 7)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 8)}   req/s per round`,
  );
  for (const t of targets) {
    const s = sums[t.name];
    const bad = s.errors + s.wrongStatus;
    console.log(
      `  ${t.name.padEnd(10)}${pad(fmt(s.rps, 0) + x(ratio(s.rps, floor.rps)), 17)}${pad(fmt(s.cpuUs, 0) + x(ratio(s.cpuUs, floor.cpuUs)), 18)}${pad(Number.isNaN(s.busy) ? "n/a" : `${fmt(s.busy * 100, 0)}%`, 7)}${pad(fmt(s.p50, 2), 9)}${pad(fmt(s.p99, 2), 9)}${pad(bad, 8)}   ${s.perRound.map((v) => fmt(v, 0)).join(" ")}`,
    );
  }
  return sums;
}

/** Startup and memory per target. */
export function processTable(targets) {
  console.log(`\nprocesses`);
  console.log(
    `  ${"target".padEnd(10)}${pad("listen ms", 10)}${pad("idle MB", 9)}${pad("peak MB (example, fresh)", 26)}${pad("peak MB (all rounds)", 22)}${pad("per open stream KB", 20)}`,
  );
  for (const t of targets)
    console.log(
      `  ${t.name.padEnd(10)}${pad(fmt(t.listenMs, 0), 10)}${pad(fmt(t.idleMb), 9)}${pad(fmt(t.examplePeak), 26)}${pad(fmt(t.peakRss), 22)}${pad(t.streamKb === undefined ? "-" : fmt(t.streamKb, 0), 20)}`,
    );
}
