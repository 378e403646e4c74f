// Closed-loop load: `concurrency` workers, each with one request in flight over its own keep-alive mTLS connection.
import { Pool } from "undici";

/** The request every target gets. temperature 0 is deterministic, so mock-gpt may reuse its answer; "sampled" sends temperature 1 so it generates each time. */
export const chatRequest = (sampled) =>
  JSON.stringify({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "Say hello in one short sentence." },
    ],
    max_tokens: 32,
    temperature: sampled ? 1 : 0,
  });

const HEADERS = {
  "content-type": "application/json",
  authorization: "Bearer sk-bench",
  "user-agent": "mock-gpt-bench",
};
const MAX_ERRORS = 1000;

/** A load client for one origin; its connections stay open between rounds. */
export function createLoadClient({ origin, tls, concurrency, sampled = false }) {
  const body = chatRequest(sampled);
  const pool = new Pool(origin, {
    connections: concurrency,
    pipelining: 1,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
    connect: { ...tls, servername: "localhost" },
  });
  let sample = null;
  let errors = 0;
  let firstError = null;

  /**
   * Runs for ms. Latencies cover requests started in the window; `completed` those that also finished in it.
   */
  async function round(ms) {
    const latencies = [];
    let completed = 0;
    const start = performance.now();
    const end = start + ms;
    async function worker() {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await pool.request({ path: "/v1/chat/completions", method: "POST", headers: HEADERS, body });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
          sample ??= text;
          const done = performance.now();
          latencies.push(done - t);
          if (done <= end) completed++;
        } catch (err) {
          errors++;
          firstError ??= err;
          if (errors > MAX_ERRORS)
            throw new Error(`more than ${MAX_ERRORS} errors; first: ${firstError.message}`, { cause: err });
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { rps: completed / (ms / 1000), completed, latencies, ms };
  }

  return {
    round,
    stats: () => ({ errors, firstError: firstError?.message ?? null, sample }),
    close: () => pool.destroy(),
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
