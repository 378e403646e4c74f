// Latency-model accuracy for `npm run bench` (also runnable alone: node scripts/bench/latency.mjs after a build).
//   1. delay accuracy: requests with a modelled delay of DELAY_MS, arrivals spread so ~500 are in flight at once;
//      error = measured time to the complete answer − the model, on warm keep-alive connections.
//   2. paced streams: N concurrent streams at 50 tokens/s; per-chunk timing error = arrival of event i −
//      (arrival of event 0 + i × 20 ms), and RSS per open stream (TLS connection included) at the plateau.
// Client-side figures: they include the client's own event-loop lag on the same 2 shared cores. The streams'
// connections are opened first (in batches), so the ramp measures streams, not thousands of handshakes.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { startServer } from "./proc.mjs";
import { benchSetup } from "./setup.mjs";

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : "n/a");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const BODY = (maxTokens, stream) =>
  JSON.stringify({
    model: "gpt-4o-mini",
    stream,
    max_tokens: maxTokens,
    messages: [{ role: "user", content: "Write a long paragraph about rivers and the sea." }],
  });

async function spawn(cli, env, configDir, extra) {
  const proc = startServer([cli, "serve", "--config-dir", configDir, "--port", "0", "--host", "127.0.0.1"], {
    env: { ...env, ...extra },
  });
  const { port } = await proc.ready;
  return { proc, origin: `https://127.0.0.1:${port}` };
}

/** 1. Delay accuracy with `inFlight` requests in flight, arrivals spread over half the delay. */
async function delayAccuracy({ cli, env, tls, configDir }, inFlight, delayMs) {
  const { proc, origin } = await spawn(cli, env, configDir, {
    MOCK_GPT_SERVER_MAX_CONNECTIONS: String(inFlight + 100),
    MOCK_GPT_LOGGING_REQUEST_LOG_SIZE: "100",
  });
  const agent = new Agent({
    connect: { ...tls, timeout: 60_000 },
    connections: inFlight,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  const one = async (delay) => {
    const t0 = performance.now();
    const r = await request(`${origin}/v1/chat/completions`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json", "x-mock-delay-ms": String(delay) },
      body: BODY(16, false),
    });
    await r.body.text();
    if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
    // The server's own clock too (openai-processing-ms, whole ms): the delay as served, without the
    // client's queueing and event-loop lag on the same cores.
    server.push(Number(r.headers["openai-processing-ms"]) - delay);
    return performance.now() - t0;
  };
  let server = [];
  try {
    // Warm: open every connection (TLS handshakes) and load the responder, outside the measurement.
    // In batches of 50 so a loaded machine's handshakes do not time out.
    const warm = [];
    for (let i = 0; i < inFlight; i += 50) {
      warm.push(...Array.from({ length: Math.min(50, inFlight - i) }, () => one(2000)));
      await sleep(100);
    }
    await Promise.all(warm);
    const errors = [];
    const zero = [];
    let serverErrors = [];
    for (const [delay, out] of [
      [0, zero],
      [delayMs, errors],
    ]) {
      server = [];
      const spread = delay ? delay / 2 : 500;
      const jobs = [];
      const t0 = performance.now();
      for (let i = 0; i < inFlight; i++) {
        const due = t0 + (spread * i) / inFlight;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        jobs.push(one(delay).then((ms) => out.push(ms - delay)));
      }
      await Promise.all(jobs);
      if (delay) serverErrors = server;
    }
    errors.sort((a, b) => a - b);
    zero.sort((a, b) => a - b);
    serverErrors.sort((a, b) => a - b);
    return { errors, zero, serverErrors };
  } finally {
    await agent.close().catch(() => undefined);
    await proc.stop();
  }
}

/**
 * Opens `n` keep-alive connections in batches before anything is measured, each held by a delayed request
 * until the last batch is open (so every batch needs new connections). Thousands of handshakes at once
 * would outlast the server's handshake timeout on a small shared machine and count as failed streams.
 */
async function openConnections(origin, agent, n, batch = 250, everyMs = 250) {
  const batches = Math.ceil(n / batch);
  const holds = [];
  for (let j = 0; j < batches; j++) {
    const holdMs = (batches - j) * everyMs + 1000;
    for (let k = j * batch; k < Math.min(n, (j + 1) * batch); k++)
      holds.push(
        request(`${origin}/v1/chat/completions`, {
          method: "POST",
          dispatcher: agent,
          headers: { "content-type": "application/json", "x-mock-delay-ms": String(holdMs) },
          body: BODY(1, false),
        }).then((r) => r.body.text()),
      );
    await sleep(everyMs);
  }
  const settled = await Promise.allSettled(holds);
  return settled.filter((r) => r.status === "rejected").length;
}

/** 2. `n` concurrent paced streams at `tps` tokens/s, each `tokens` long. */
async function pacedStreams({ cli, env, tls, configDir }, n, tps, tokens) {
  const { proc, origin } = await spawn(cli, env, configDir, {
    MOCK_GPT_SERVER_MAX_CONNECTIONS: String(n + 100),
    MOCK_GPT_RESPONSES_TOKENS_PER_SECOND: String(tps),
    MOCK_GPT_LOGGING_REQUEST_LOG_SIZE: "1000",
  });
  const gap = 1000 / tps;
  const agent = new Agent({
    connect: { ...tls, timeout: 60_000 },
    connections: n,
    pipelining: 1,
    keepAliveTimeout: 60_000,
  });
  // One answer first: the responder and tokenizer load once per process, not per stream.
  const warm = await request(`${origin}/v1/chat/completions`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/json", "x-mock-tokens-per-second": "0" },
    body: BODY(16, true),
  });
  await warm.body.text();
  await sleep(1000);
  // Before the connections open: the figure per stream includes its TLS connection.
  const idleMb = proc.currentRss();
  const refused = await openConnections(origin, agent, n);
  if (refused) console.log(`  ${refused} of ${n} connections failed to open`);
  let open = 0;
  let peakOpen = 0;
  let completed = 0;
  let failed = 0;
  const errs = [];
  const stream = async () => {
    const r = await request(`${origin}/v1/chat/completions`, {
      method: "POST",
      dispatcher: agent,
      headers: { "content-type": "application/json" },
      body: BODY(tokens, true),
    });
    open++;
    peakOpen = Math.max(peakOpen, open);
    let first = null;
    let index = 0;
    let done = false;
    try {
      for await (const buf of r.body) {
        const now = performance.now();
        const text = buf.toString("utf8");
        for (let at = text.indexOf("data: "); at >= 0; at = text.indexOf("data: ", at + 6)) {
          if (text.startsWith("data: [DONE]", at)) {
            done = true;
            continue;
          }
          if (first === null) first = now;
          else errs.push(Math.abs(now - (first + index * gap)));
          index++;
        }
      }
    } finally {
      open--;
    }
    if (done) completed++;
    else failed++;
  };
  try {
    // Ramp: stagger the starts over ~40 % of a stream's life, so all are open together at the plateau.
    const life = (tokens * 1000) / tps;
    const jobs = [];
    let peakMb = 0;
    let openAtPeak = 0;
    // RSS at the moment the most streams are open (a later RSS peak may be garbage not yet collected).
    const sampler = setInterval(() => {
      const mb = proc.currentRss();
      if (mb !== null && open >= openAtPeak) {
        peakMb = mb;
        openAtPeak = open;
      }
    }, 100);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const due = t0 + (life * 0.4 * i) / n;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      jobs.push(
        stream().catch((e) => {
          failed++;
          if (failed === 1) console.log(`  first stream failure: ${e?.code ?? ""} ${e?.message ?? e}`);
        }),
      );
    }
    await Promise.all(jobs);
    clearInterval(sampler);
    errs.sort((a, b) => a - b);
    return { errs, completed, failed, peakOpen, idleMb, peakMb, openAtPeak };
  } finally {
    await agent.close().catch(() => undefined);
    await proc.stop();
  }
}

/** Runs both measurements; prints figures and PASS/FAIL lines. */
export async function latencyFigures({ cli, env, tls, configDir, inFlight = 500, streams = 5000 }) {
  mkdirSync(configDir, { recursive: true });
  const ctx = { cli, env, tls, configDir };
  const line = (ok, text) => console.log(`${ok ? "PASS" : "FAIL"}  ${text}`);
  console.log(
    `\nlatency model: ${inFlight} requests in flight (arrivals spread over 500 ms), modelled delay 1000 ms...`,
  );
  const d = await delayAccuracy(ctx, inFlight, 1000);
  console.log(
    `  error vs the model: p50 ${f1(pct(d.errors, 50))} ms, p99 ${f1(pct(d.errors, 99))} ms, max ${f1(d.errors.at(-1))} ms ` +
      `(same load with no delay: p50 ${f1(pct(d.zero, 50))} ms, p99 ${f1(pct(d.zero, 99))} ms)`,
  );
  console.log(
    `  as the server timed it (openai-processing-ms − the model): p50 ${f1(pct(d.serverErrors, 50))} ms, ` +
      `p99 ${f1(pct(d.serverErrors, 99))} ms, max ${f1(d.serverErrors.at(-1))} ms`,
  );
  line(pct(d.errors, 99) <= 5, `delay p99 error <= 5 ms with ${inFlight} in flight (${f1(pct(d.errors, 99))} ms)`);

  console.log(`\n${streams} concurrent paced streams at 50 tokens/s (300 tokens each, starts spread over 2.4 s)...`);
  const s = await pacedStreams(ctx, streams, 50, 300);
  const perStreamKb = s.openAtPeak ? ((s.peakMb - s.idleMb) * 1024) / s.openAtPeak : NaN;
  console.log(
    `  completed ${s.completed}/${streams} (failed ${s.failed}), at most ${s.peakOpen} open at once; ` +
      `per-chunk error p50 ${f1(pct(s.errs, 50))} ms, p99 ${f1(pct(s.errs, 99))} ms over ${s.errs.length} chunks; ` +
      `RSS ${f1(s.idleMb)} → ${f1(s.peakMb)} MB with ${s.openAtPeak} open = ${f1(perStreamKb)} KB per open stream`,
  );
  line(s.completed === streams, `all ${streams} paced streams complete (${s.completed})`);
  line(pct(s.errs, 99) <= 10, `per-chunk timing p99 <= 10 ms (${f1(pct(s.errs, 99))} ms)`);
  line(perStreamKb <= 80, `RSS <= 80 KB per open paced stream, TLS included (${f1(perStreamKb)} KB)`);
}

// Standalone: node scripts/bench/latency.mjs [--streams 5000] [--in-flight 500]
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, "..", "..");
  const flag = (n, d) =>
    process.argv.includes(`--${n}`) ? Number(process.argv[process.argv.indexOf(`--${n}`) + 1]) : d;
  const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-latency-"));
  const cli = join(root, "dist", "cli.js");
  const { env, tls } = await benchSetup({ root, cli, tmp });
  setTimeout(() => {
    console.error("latency bench exceeded 300 s; aborting");
    process.exit(1);
  }, 300_000).unref();
  try {
    await latencyFigures({
      cli,
      env,
      tls,
      configDir: join(tmp, "config"),
      streams: flag("streams", 5000),
      inFlight: flag("in-flight", 500),
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0);
}
