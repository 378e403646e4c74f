// The second load tool (--client undici): `concurrency` workers, each with one request in flight over its own
// keep-alive mTLS connection. Heavier than wrk (it runs in Node), so it caps the fastest targets sooner.
import { Pool } from "undici";
import { HEADERS, variedBody } from "./scenarios.mjs";

const MAX_ERRORS = 1000;

/** A load client for one origin; its connections stay open between rounds. */
export function createLoadClient({ origin, tls, concurrency }) {
  const pool = new Pool(origin, {
    connections: concurrency,
    pipelining: 1,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    connect: { ...tls, servername: "localhost" },
  });

  /** Runs scenario for `seconds`; resolves the same shape as runWrk. */
  async function round(scenario, seconds) {
    const latencies = [];
    let requests = 0;
    let non2xx = 0;
    let errors = 0;
    let firstError = null;
    const start = performance.now();
    const end = start + seconds * 1000;
    const opts = { path: scenario.path, method: scenario.method, headers: HEADERS, body: scenario.body ?? undefined };
    let n = Math.floor(Math.random() * 1e9);
    async function worker() {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await pool.request(scenario.varied ? { ...opts, body: variedBody(++n) } : opts);
          await res.body.text();
          if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
          latencies.push(performance.now() - t);
          requests++;
        } catch (err) {
          firstError ??= err;
          if (++errors > MAX_ERRORS)
            throw new Error(`more than ${MAX_ERRORS} errors; first: ${firstError.message}`, { cause: err });
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker));
    latencies.sort((a, b) => a - b);
    return {
      requests,
      seconds: (performance.now() - start) / 1000,
      non2xx,
      errors,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  }

  return { round, close: () => pool.destroy() };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
