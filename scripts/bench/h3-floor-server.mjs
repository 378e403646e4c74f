// The framework floor: h3 on the same node:https mTLS listener, answering each scenario with the same bytes
// as mock-gpt (see fixture.mjs), with no logging, validation or generation. Shows what h3 itself costs.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { H3 } from "h3";
import { toNodeHandler } from "h3/node";
import { FastResponse } from "srvx";
import { classify, loadFixtures, streamDelayMs } from "./fixture.mjs";

const env = (name) => readFileSync(process.env[name]);
const fx = loadFixtures();
const gap = fx.events.length ? streamDelayMs() / fx.events.length : 0;
const encoder = new TextEncoder();
let seq = 0;

const json = (status, text) =>
  new FastResponse(text, { status, headers: { "content-type": "application/json", "x-request-id": `req_${++seq}` } });

function stream() {
  let timer = null;
  const body = new ReadableStream({
    start(controller) {
      let i = 0;
      const next = () => {
        while (i < fx.events.length) {
          controller.enqueue(encoder.encode(`data: ${fx.events[i++]}\n\n`));
          if (gap > 0) return void (timer = setTimeout(next, gap));
        }
        controller.close();
      };
      next();
    },
    cancel: () => clearTimeout(timer),
  });
  return new FastResponse(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "x-request-id": `req_${++seq}` },
  });
}

const app = new H3();
app.post("/v1/chat/completions", async (event) => {
  const kind = classify(await event.req.text());
  return kind === "bad" ? json(400, fx.badRequest) : kind === "stream" ? stream() : json(200, fx.completion);
});
app.all("/**", () => json(404, fx.notFound));

const server = createServer(
  {
    key: env("MOCK_GPT_TLS_KEY_PATH"),
    cert: env("MOCK_GPT_TLS_CERT_PATH"),
    ca: env("MOCK_GPT_TLS_CA_CERT_PATH"),
    requestCert: true,
    rejectUnauthorized: true,
  },
  toNodeHandler(app),
);
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () =>
  console.log(`h3 floor server listening on https://127.0.0.1:${server.address().port}`),
);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
