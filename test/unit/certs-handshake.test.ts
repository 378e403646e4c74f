import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as tls from "node:tls";
import { generateCertificates, loadTlsMaterial, type GeneratedCertificates } from "../../src/core/certs";

const tmpRoot = mkdtempSync(join(tmpdir(), "mock-gpt-handshake-"));
const read = (p: string) => readFileSync(p, "utf8");
let set: GeneratedCertificates;
let foreign: GeneratedCertificates;
let server: tls.Server;
let port: number;
const seenClients: string[] = [];
const rejected: string[] = [];

before(async () => {
  set = await generateCertificates({ dir: join(tmpRoot, "a") });
  foreign = await generateCertificates({ dir: join(tmpRoot, "b") });
  const material = loadTlsMaterial({
    cert_path: set.files.serverCert,
    key_path: set.files.serverKey,
    ca_cert_path: set.files.caCert,
  });
  server = tls.createServer({ ...material, requestCert: true, rejectUnauthorized: true }, (socket) => {
    const cn = socket.getPeerCertificate().subject?.CN;
    seenClients.push(Array.isArray(cn) ? cn.join(",") : String(cn));
    socket.end("pong");
  });
  server.on("tlsClientError", (err) => rejected.push((err as NodeJS.ErrnoException).code ?? err.message));
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  await new Promise<void>((res) => server.close(() => res()));
  rmSync(tmpRoot, { recursive: true, force: true });
});

/** Connects, trusting the server's CA, and resolves with what the server sent or the error. Bounded by 5 s. */
function attempt(client: { cert?: string; key?: string }): Promise<{ data: string } | { error: string }> {
  return new Promise((res) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      servername: "localhost",
      ca: read(set.files.caCert),
      ...client,
    });
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      res({ error: "timeout" });
    }, 5000);
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => {
      clearTimeout(timer);
      res(data ? { data } : { error: "closed without data" });
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      res({ error: err.code ?? err.message });
    });
  });
}

describe("mTLS handshake with generated certificates", () => {
  it("accepts the generated client certificate (and the client accepts the server for 127.0.0.1/localhost)", async () => {
    const r = await attempt({ cert: read(set.files.clientCert), key: read(set.files.clientKey) });
    assert.deepEqual(r, { data: "pong" });
    assert.equal(seenClients.at(-1), "mock-gpt-client");
  });

  it("refuses a client without a certificate", async () => {
    const count = seenClients.length;
    const r = await attempt({});
    assert.ok("error" in r, `expected a refusal, got ${JSON.stringify(r)}`);
    assert.equal(seenClients.length, count, "the connection handler never ran");
  });

  it("refuses a client certificate from another generated CA", async () => {
    const count = seenClients.length;
    const before = rejected.length;
    const r = await attempt({ cert: read(foreign.files.clientCert), key: read(foreign.files.clientKey) });
    assert.ok("error" in r, `expected a refusal, got ${JSON.stringify(r)}`);
    assert.equal(seenClients.length, count, "the connection handler never ran");
    assert.ok(rejected.length > before, "the server reported a tlsClientError");
  });

  it("the client refuses a server whose CA it does not trust", async () => {
    const r = await new Promise<string>((res) => {
      const s = tls.connect({
        host: "127.0.0.1",
        port,
        servername: "localhost",
        ca: read(foreign.files.caCert),
        cert: read(set.files.clientCert),
        key: read(set.files.clientKey),
      });
      s.on("secureConnect", () => (s.destroy(), res("connected")));
      s.on("error", (e: NodeJS.ErrnoException) => res(e.code ?? e.message));
      setTimeout(() => (s.destroy(), res("timeout")), 5000).unref();
    });
    assert.match(r, /CERT|SIGNATURE|ISSUER/);
  });
});
