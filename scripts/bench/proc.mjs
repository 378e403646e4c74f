// Child processes for the bench: spawn, wait for the "listening on" line, sample RSS, and always stop them by PID.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const LISTENING = /listening on https:\/\/(\[[^\]]+\]|[^:\s/]+):(\d+)/;
const children = new Set();

/** Kills every child we started (sync; safe in exit handlers). */
export function killAll(signal = "SIGKILL") {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, signal);
      } catch {}
    }
  }
}

/** VmRSS of pid in MB, or null where /proc is unavailable. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) the process has used, in ms; null where /proc is unavailable. */
export function cpuMs(pid) {
  try {
    // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th, in clock ticks (100/s on Linux).
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time all of pid's live threads have run, in ms with µs precision (schedstat counts ns; /proc/pid/stat's ticks
 * are 10 ms, too coarse for a start-up); null where /proc is unavailable.
 */
export function threadsCpuMs(pid) {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    return ns / 1e6;
  } catch {
    return null;
  }
}

/**
 * Spawns `node args`, resolves once stdout prints the listening line (or rejects on exit/timeout).
 * Samples VmRSS every 100 ms from spawn until stop().
 */
export function startServer(args, { env, timeoutMs = 15_000 } = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let peakRss = 0;
  let windowPeak = 0;
  let lastRss = null;
  const sampler = setInterval(() => {
    lastRss = rssMb(child.pid);
    if (lastRss !== null) peakRss = Math.max(peakRss, lastRss);
    if (lastRss !== null) windowPeak = Math.max(windowPeak, lastRss);
  }, 100);
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (s) => (stderr = (stderr + s).slice(-4000)));

  const exited = new Promise((res) => child.once("exit", (code, signal) => res({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (s) => {
      out += s;
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const listenMs = performance.now() - t0;
      resolve({ host: m[1], port: Number(m[2]), listenMs, listenCpuMs: threadsCpuMs(child.pid) });
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited (${signal ?? code}) before listening`));
    });
  });

  return {
    pid: child.pid,
    ready,
    exited,
    stderr: () => stderr,
    peakRss: () => peakRss || null,
    /** Peak VmRSS since the last call (sampled every 100 ms, and now). */
    takeWindowPeak: () => {
      const now = rssMb(child.pid) ?? 0;
      const peak = Math.max(windowPeak, now);
      windowPeak = now;
      return peak || null;
    },
    currentRss: () => rssMb(child.pid) ?? lastRss,
    cpuMs: () => cpuMs(child.pid),
    /** SIGTERM, then SIGKILL after graceMs. Resolves with how it exited. */
    async stop(graceMs = 3000) {
      clearInterval(sampler);
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, "SIGTERM");
        } catch {}
        const t = setTimeout(() => {
          try {
            process.kill(child.pid, "SIGKILL");
          } catch {}
        }, graceMs);
        await exited;
        clearTimeout(t);
      }
      children.delete(child);
      return exited;
    },
  };
}
