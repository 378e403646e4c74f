// A connection the client drops mid-handshake is neither a request nor a refused handshake: it has
// no row in the request log and is counted apart (stats.handshakesAborted). Genuine refusals (no
// client certificate, a foreign CA, not TLS at all) still get their "tls-rejected" row.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection, type Socket } from "node:net";
import { Duplex } from "node:stream";
import { connect } from "node:tls";
import { Agent, request } from "undici";
import { makeCertificates, startTestServer, type TestConfig, type TestServer } from "../helpers/server";
import { toHar } from "../../src/shared/pages/inspector/har";

const hasOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" }).status === 0;
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const ask = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };
const rejected = () => s.server.log.list().filter((e) => e.kind === "tls-rejected");
const aborted = () => s.server.stats.snapshot().handshakesAborted;

/**
 * A TLS client with a valid certificate whose connection is reset as soon as the server's first
 * flight (ServerHello…) arrives: the server is mid-handshake, waiting for the client's certificate.
 * The client talks through a pipe, so it never sees that flight.
 */
function resetMidHandshake(): Promise<void> {
  return new Promise((resolve) => {
    const tcp = createConnection({ host: "127.0.0.1", port: s.port });
    const pipe = new Duplex({ read() {}, write: (chunk, _enc, done) => void tcp.write(chunk, () => done()) });
    const client = connect({ socket: pipe, ca: s.tls.ca, cert: s.tls.cert, key: s.tls.key, servername: "localhost" });
    client.on("error", () => {});
    tcp.once("data", () => tcp.resetAndDestroy());
    tcp.on("error", () => {});
    tcp.once("close", () => {
      client.destroy();
      resolve();
    });
  });
}

describe("handshakes the client abandons", () => {
  test("a client resetting mid-handshake leaves no refused-handshake row, and is counted apart", async () => {
    const before = { rows: s.server.log.list().length, aborted: aborted() };
    await resetMidHandshake();
    await waitFor(() => aborted() === before.aborted + 1);
    assert.equal(s.server.log.list().length, before.rows, "no log row for a connection that carried no request");
    assert.equal(s.server.stats.snapshot().tlsRejected, 0);
  });

  test("a TCP connection closed before any ClientHello is not a refusal either", async () => {
    const before = aborted();
    await new Promise<void>((resolve) => {
      const tcp = createConnection({ host: "127.0.0.1", port: s.port }, () => tcp.end());
      tcp.on("error", () => {});
      tcp.once("close", () => resolve());
    });
    await waitFor(() => aborted() === before + 1);
    assert.equal(rejected().length, 0);
  });

  test("the SDK breaking out of a stream and aborting a hung request leaves only its HTTP rows", async () => {
    const client = s.client();
    s.server.setBehavior({ tokensPerSecond: 20 });
    try {
      for (let i = 0; i < 3; i++) {
        const stream = await client.chat.completions.create({ ...ask, stream: true, max_tokens: 60 });
        for await (const _ of stream) break;
      }
    } finally {
      s.server.setBehavior({ tokensPerSecond: 0 });
    }
    s.server.setScenario("timeout");
    try {
      for (let i = 0; i < 2; i++) {
        const hung = new AbortController();
        const pending = client.chat.completions.create(ask, { signal: hung.signal });
        await waitFor(() => s.server.log.list().some((e) => e.durationMs === null && e.fault));
        hung.abort();
        await assert.rejects(pending);
        await waitFor(() => s.server.log.list().every((e) => e.durationMs !== null || e.kind !== "http"));
      }
    } finally {
      s.server.setScenario("normal");
    }
    await new Promise((r) => setTimeout(r, 300)); // the pool's dropped connections close after the aborts
    assert.deepEqual(rejected(), [], "no aborted request shows up as a refused handshake");
    const stats = s.server.stats.snapshot();
    assert.equal(stats.tlsRejected, 0);
    // The HAR export holds the requests and nothing else.
    const har = toHar(s.server.log.list(), { serverUrl: s.url });
    assert.equal(har.log.entries.length, s.server.log.list().length);
    assert.ok(har.log.entries.every((e) => e.request.url.startsWith(`${s.url}/v1/chat/completions`)));
  });
});

describe("handshakes that time out (server.handshake_timeout_ms) are abandoned, not refused", () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ server: { handshake_timeout_ms: 250 } } as TestConfig, {}, { files: s.files });
  });
  after(() => t.close());

  /** Opens a TCP connection, lets `start` write to it, and resolves with the ms until the server closed it. */
  const stall = (start: (tcp: Socket) => void) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      const tcp = createConnection({ host: "127.0.0.1", port: t.port }, () => start(tcp));
      tcp.on("data", () => {});
      tcp.on("error", () => {});
      // Left open by the server: give up (Infinity fails the test below) rather than hang.
      const giveUp = setTimeout(() => tcp.destroy(), 3000);
      tcp.once("close", () => {
        clearTimeout(giveUp);
        resolve(tcp.destroyed && performance.now() - t0 >= 3000 ? Infinity : performance.now() - t0);
      });
    });

  const cases: Array<[string, (tcp: Socket) => void]> = [
    ["a TCP connection that sends nothing", () => {}],
    // A TLS record header announcing a ClientHello, and only the first bytes of it.
    ["a partial ClientHello", (tcp) => tcp.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01]))],
    [
      "a whole ClientHello, then silence (no certificate, no Finished)",
      (tcp) => {
        let first = true;
        const pipe = new Duplex({
          read() {},
          write: (chunk, _enc, done) => {
            if (first) tcp.write(chunk); // the ClientHello only
            first = false;
            done();
          },
        });
        const client = connect({
          socket: pipe,
          ca: t.tls.ca,
          cert: t.tls.cert,
          key: t.tls.key,
          servername: "localhost",
        });
        client.on("error", () => {});
        tcp.once("close", () => client.destroy());
      },
    ],
  ];
  for (const [name, start] of cases)
    test(name, async () => {
      const before = { rows: t.server.log.list().length, aborted: t.server.stats.snapshot().handshakesAborted };
      const ms = await stall(start);
      assert.ok(ms >= 200 && ms < 5000, `closed by the server's handshake timeout, after ${Math.round(ms)} ms`);
      await waitFor(() => t.server.stats.snapshot().handshakesAborted === before.aborted + 1);
      assert.equal(t.server.log.list().length, before.rows, "no tls-rejected row");
      assert.equal(t.server.stats.snapshot().tlsRejected, 0);
    });
});

describe("genuine refusals are still logged as refused", () => {
  const refusedAfter = async (attempt: () => Promise<unknown>) => {
    const before = { rows: rejected().length, aborted: aborted() };
    await attempt();
    await waitFor(() => rejected().length === before.rows + 1);
    assert.equal(aborted(), before.aborted, "a refusal is not counted as a client abort");
    return rejected().at(-1)!;
  };

  test("no client certificate", async () => {
    const noCert = new Agent({ connect: { ca: s.tls.ca } });
    const row = await refusedAfter(() => assert.rejects(request(`${s.url}/health`, { dispatcher: noCert })));
    await noCert.close();
    assert.match(row.error!.message, /no certificate/i);
  });

  test("a client certificate from another CA", async () => {
    const other = await makeCertificates();
    const foreign = new Agent({
      connect: { ca: s.tls.ca, cert: readFileSync(other.files.clientCert), key: readFileSync(other.files.clientKey) },
    });
    try {
      const row = await refusedAfter(() => assert.rejects(request(`${s.url}/health`, { dispatcher: foreign })));
      assert.match(row.error!.message, /not signed by this server's CA/);
    } finally {
      await foreign.close();
      other.cleanup();
    }
  });

  test(
    "a client that does not trust the server's certificate (openssl without the CA) is not blamed on its certificate",
    { skip: hasOpenssl ? false : "openssl is not on PATH" },
    async () => {
      // openssl and curl send an "unknown CA" alert (48) when they cannot verify the server; Node
      // clients just close. The client's own certificate is fine here.
      const dir = mkdtempSync(join(tmpdir(), "mock-gpt-distrust-"));
      try {
        writeFileSync(join(dir, "client.crt"), s.tls.cert);
        writeFileSync(join(dir, "client.key"), s.tls.key, { mode: 0o600 });
        const args = [
          "s_client",
          "-connect",
          `127.0.0.1:${s.port}`,
          "-servername",
          "localhost",
          "-verify_return_error",
        ];
        const row = await refusedAfter(() =>
          openssl([...args, "-cert", join(dir, "client.crt"), "-key", join(dir, "client.key")]),
        );
        assert.match(row.error!.code, /ALERT_UNKNOWN_CA/);
        assert.match(row.error!.message, /client does not trust this server's certificate.*give the client the CA/);
        assert.doesNotMatch(row.error!.message, /not signed by this server's CA/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test("plain HTTP on the TLS port", async () => {
    const row = await refusedAfter(
      () =>
        new Promise<void>((resolve) => {
          const tcp = createConnection({ host: "127.0.0.1", port: s.port }, () =>
            tcp.write("GET /health HTTP/1.1\r\nhost: localhost\r\n\r\n"),
          );
          tcp.on("data", () => {});
          tcp.on("error", () => {});
          tcp.once("close", () => resolve());
        }),
    );
    assert.match(row.error!.message, /plain HTTP/);
    assert.equal(s.server.stats.snapshot().tlsRejected, rejected().length);
  });
});

/** Runs openssl (asynchronously: the server answers from this process), stopped after 10 s at most. */
function openssl(args: string[]): Promise<void> {
  return new Promise((resolve) => {
    const p = spawn("openssl", args, { stdio: "ignore" });
    const timer = setTimeout(() => p.kill(), 10_000);
    p.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function waitFor(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
