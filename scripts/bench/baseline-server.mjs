// The bench's yardstick: the least a Node mTLS server must do to answer each scenario with the same bytes
// as mock-gpt (see fixture.mjs). Reads its certs from the CLI's env variables; prints the same "listening on" line.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { classify, loadFixtures, streamDelayMs } from "./fixture.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return readFileSync(v);
};
const fx = loadFixtures();
const gap = fx.events.length ? streamDelayMs() / fx.events.length : 0;
let seq = 0;

function json(res, status, text) {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": `req_${++seq}`,
  });
  res.end(text);
}

function stream(res) {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "x-request-id": `req_${++seq}` });
  let i = 0;
  let timer = null;
  const next = () => {
    while (i < fx.events.length) {
      res.write(`data: ${fx.events[i++]}\n\n`);
      if (gap > 0) return void (timer = setTimeout(next, gap));
    }
    res.end();
  };
  res.on("close", () => clearTimeout(timer));
  next();
}

const server = createServer(
  {
    key: env("MOCK_GPT_TLS_KEY_PATH"),
    cert: env("MOCK_GPT_TLS_CERT_PATH"),
    ca: env("MOCK_GPT_TLS_CA_CERT_PATH"),
    requestCert: true,
    rejectUnauthorized: true,
  },
  (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return json(res, 404, fx.notFound);
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const kind = classify(Buffer.concat(chunks).toString("utf8")); // parse like a real server would
      if (kind === "bad") json(res, 400, fx.badRequest);
      else if (kind === "stream") stream(res);
      else json(res, 200, fx.completion);
    });
  },
);

const port = Number(process.argv[2] ?? 0);
server.listen(port, "127.0.0.1", () => {
  console.log(`Baseline server listening on https://127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
