// The framework floor: h3 on the same node:https mTLS listener, answering the baseline's fixed
// completion with no logging, validation or generation. Shows what h3 itself costs next to raw node.
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { H3 } from "h3";
import { toNodeHandler } from "h3/node";
import { FastResponse } from "srvx";
import { completion } from "./fixture.mjs";

const env = (name) => readFileSync(process.env[name]);
let seq = 0;
const app = new H3();
app.post("/v1/chat/completions", async (event) => {
  await event.req.json();
  return new FastResponse(completion, {
    headers: { "content-type": "application/json", "x-request-id": `req_${++seq}` },
  });
});

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
