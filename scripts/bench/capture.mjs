// Captures mock-gpt's own answers to the scenarios, so the reference servers send the same bytes.
import { request } from "node:https";
import { HEADERS, SCENARIOS } from "./scenarios.mjs";

function fetchOnce(origin, tls, s) {
  return new Promise((resolve, reject) => {
    const req = request(
      origin + s.path,
      { method: s.method, headers: HEADERS, ...tls, servername: "localhost", agent: false, timeout: 10_000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode, text }));
      },
    );
    req.on("error", reject).on("timeout", () => req.destroy(new Error("capture timed out")));
    req.end(s.body ?? undefined);
  });
}

/** The middle one by length of n answers: sampled answers vary, and the references replay one. */
async function typical(origin, tls, s, n) {
  const got = [];
  for (let i = 0; i < n; i++) {
    const r = await fetchOnce(origin, tls, s);
    if (r.status !== s.status)
      throw new Error(`${s.name}: expected HTTP ${s.status}, got ${r.status}: ${r.text.slice(0, 200)}`);
    got.push(r.text);
  }
  got.sort((a, b) => a.length - b.length);
  return got[Math.floor(n / 2)];
}

/** { completion, events, badRequest, notFound, sizes } from a running mock-gpt. */
export async function captureFixtures(origin, tls) {
  const by = Object.fromEntries(SCENARIOS.map((s) => [s.name, s]));
  const completion = await typical(origin, tls, by.example, 7);
  if (JSON.parse(completion).object !== "chat.completion")
    throw new Error(`unexpected answer: ${completion.slice(0, 200)}`);
  const sse = await typical(origin, tls, by.stream, 7);
  const events = sse
    .split("\n\n")
    .filter(Boolean)
    .map((f) => f.replace(/^data: /, ""));
  if (events.at(-1) !== "[DONE]") throw new Error(`stream did not end with [DONE]: ${sse.slice(-200)}`);
  const badRequest = await typical(origin, tls, by["400"], 1);
  const notFound = await typical(origin, tls, by["404"], 1);
  return {
    completion,
    events,
    badRequest,
    notFound,
    sizes: { completion: completion.length, stream: sse.length, events: events.length },
  };
}
