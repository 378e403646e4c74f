// The /ui pages expose the request log and can trigger replays: with mTLS off they still refuse
// anyone but this machine's loopback address.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Agent, request } from "undici";
import { uiRoutes } from "../../src/core/server/ui/routes";
import { startTestServer, type TestServer } from "../helpers/server";

let s: TestServer;
before(async () => {
  s = await startTestServer(
    { tls: { require_client_cert: false } },
    { routes: [uiRoutes({ assetsDir: join(__dirname, "..", "..", "dist", "webview") })] },
  );
});
after(() => s.close());

async function get(path: string, { localAddress, ...connect }: { localAddress?: string; cert?: string; key?: string }) {
  const agent = new Agent({ localAddress, connect: { ca: s.tls.ca, ...connect } });
  try {
    const r = await request(`${s.url}${path}`, { dispatcher: agent });
    await r.body.text();
    return r.statusCode;
  } finally {
    await agent.close();
  }
}

test("without a client certificate, /ui answers 127.0.0.1 but not another address", async () => {
  assert.equal(await get("/ui/requests", {}), 200);
  assert.equal(await get("/ui/requests", { localAddress: "127.0.0.2" }), 403);
  assert.equal(await get("/ui/api/inspector/events", { localAddress: "127.0.0.2" }), 403);
  assert.equal(
    await get("/v1/models", { localAddress: "127.0.0.2" }),
    200,
    "the API itself follows require_client_cert",
  );
});

test("with a verified client certificate, any address may use /ui", async () => {
  assert.equal(await get("/ui/requests", { localAddress: "127.0.0.2", cert: s.tls.cert, key: s.tls.key }), 200);
});

test("replay never leaves the server's origin, whatever the logged path says", async () => {
  const { replayRequest } = await import("../../src/core/pages/inspector/replay");
  const template = s.server.log.list().find((e) => e.kind === "http")!;
  const entry = {
    ...template,
    method: "GET",
    path: "//127.0.0.2:1/exfil?x=1",
    request: { ...template.request, body: "", bodyTruncated: false },
  };
  const files = { caPath: s.files.caCert, certPath: s.files.clientCert, keyPath: s.files.clientKey };
  const r = await replayRequest(entry, { serverUrl: s.url, clientTls: files });
  assert.equal(r.status, 404);
  assert.equal(
    s.server.log.list().at(-1)!.path,
    "/127.0.0.2:1/exfil?x=1",
    "the replay reached this server, not 127.0.0.2:1",
  );
  await assert.rejects(
    replayRequest(
      { ...entry, request: { ...entry.request, bodyTruncated: true } },
      { serverUrl: s.url, clientTls: files },
    ),
    /cut in the log/,
  );
});
