// The C load client: Debian's wrk, given a client certificate by wrk-mtls.c (an LD_PRELOAD shim built here
// with cc against libssl). One thread: the client stays lighter than the servers it loads.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HEADERS } from "./scenarios.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Why wrk cannot be used here, or null. */
export function wrkMissing() {
  if (spawnSync("wrk", ["--version"], { encoding: "utf8" }).error) return "wrk not found (apt-get install wrk)";
  if (spawnSync("cc", ["--version"]).error) return "no C compiler (apt-get install gcc)";
  return null;
}

/** Compiles the shim into dir; returns its path. Throws with the compiler's message (e.g. libssl-dev missing). */
export function buildShim(dir) {
  const out = join(dir, "wrk-mtls.so");
  const src = join(here, "wrk-mtls.c");
  const r = spawnSync("cc", ["-shared", "-fPIC", "-O2", "-Wall", "-o", out, src, "-lssl", "-ldl"], {
    encoding: "utf8",
  });
  if (r.status !== 0 || !existsSync(out))
    throw new Error(`building ${src} failed (libssl-dev installed?): ${(r.stderr || r.stdout).trim().slice(0, 600)}`);
  return out;
}

const lua = (s) => JSON.stringify(s); // a JSON string literal is a valid Lua string literal for ASCII text

/** A wrk script for one scenario; done() prints one JSON line the bench parses. */
export function writeScript(dir, scenario) {
  const file = join(dir, `wrk-${scenario.name}.lua`);
  const headers = scenario.body === null ? { ...HEADERS, "content-type": undefined } : HEADERS;
  const lines = [`wrk.method = ${lua(scenario.method)}`, `wrk.path = ${lua(scenario.path)}`];
  if (scenario.body !== null) lines.push(`wrk.body = ${lua(scenario.body)}`);
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lines.push(`wrk.headers[${lua(k)}] = ${lua(v)}`);
  if (scenario.varied) {
    // A numbered question per request, as variedBody() builds it; numbers start at random so that rounds differ.
    const { head, tail, questions } = scenario.varied;
    lines.push(
      `local questions = { ${questions.map(lua).join(", ")} }`,
      "math.randomseed(os.time())",
      "local n = math.random(1, 1000000000)",
      "request = function()",
      "  n = n + 1",
      `  return wrk.format(nil, nil, nil, ${lua(head)} .. questions[n % #questions + 1] .. " (" .. n .. ")" .. ${lua(tail)})`,
      "end",
    );
  }
  lines.push(
    "done = function(s, latency, requests)",
    '  io.write(string.format(\'\\nWRK-JSON {"requests":%d,"us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d}\\n\',',
    "    s.requests, s.duration, s.errors.connect, s.errors.read, s.errors.write, s.errors.status, s.errors.timeout,",
    "    latency:percentile(50), latency:percentile(99)))",
    "end",
  );
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/**
 * Runs wrk for `seconds` against origin. Resolves { requests, seconds, non2xx, errors, p50, p99 } (latency in ms).
 * `during(child)` is called once wrk has started (e.g. to sample the server while loaded).
 */
export function runWrk({ shim, script, origin, path, connections, seconds, certs, timeoutS = 10 }) {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, `--timeout`, `${timeoutS}s`, "-s", script, origin + path];
  const child = spawn("wrk", args, {
    env: { ...process.env, LD_PRELOAD: shim, MTLS_CERT: certs.cert, MTLS_KEY: certs.key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (s) => (out += s));
  child.stderr.setEncoding("utf8").on("data", (s) => (err += s));
  const kill = setTimeout(() => child.kill("SIGKILL"), (seconds + timeoutS + 10) * 1000);
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(kill);
      const m = /WRK-JSON (\{.*\})/.exec(out);
      if (code !== 0 || !m)
        return reject(new Error(`wrk exited ${signal ?? code}: ${(err || out).trim().slice(-400)}`));
      const j = JSON.parse(m[1]);
      resolve({
        requests: j.requests,
        seconds: j.us / 1e6,
        non2xx: j.status,
        errors: j.connect + j.read + j.write + j.timeout,
        p50: j.p50 / 1000,
        p99: j.p99 / 1000,
      });
    });
  });
  return { pid: child.pid, done };
}
