// The bench's yardstick: the least a Node mTLS server must do to answer a chat completion.
// Reads its certs from the same env variables as the CLI; prints the same "listening on" line.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { completion } from "./fixture.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return readFileSync(v);
};

let seq = 0;

const server = createServer(
  {
    key: env("MOCK_GPT_TLS_KEY_PATH"),
    cert: env("MOCK_GPT_TLS_CERT_PATH"),
    ca: env("MOCK_GPT_TLS_CA_CERT_PATH"),
    requestCert: true,
    rejectUnauthorized: true,
  },
  (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res
        .writeHead(404, { "content-type": "application/json" })
        .end('{"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}}');
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8")); // parse like a real server would
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(completion),
        "x-request-id": `req_${++seq}`,
      });
      res.end(completion);
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
