// The listener's contract: mTLS in the handshake, exact ports, connection limit, prompt shutdown,
// and runtime behaviour (delay, error rate, scenarios) applying to the next request.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:tls";
import { createConnection } from "node:net";
import { getEventListeners } from "node:events";
import OpenAI from "openai";
import { Agent, request } from "undici";
import { makeCertificates, startTestServer, type TestServer } from "../helpers/server";
import { ServerStartError } from "../../src/core";

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

const ask = (client: OpenAI, extra: Record<string, unknown> = {}) =>
  client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Hello" }],
    ...extra,
  } as never) as Promise<OpenAI.ChatCompletion>;

describe("mutual TLS", () => {
  test("a client without a certificate is refused in the handshake, and the refusal is logged", async () => {
    const before = s.server.log.list().filter((e) => e.kind === "tls-rejected").length;
    const noCert = new Agent({ connect: { ca: s.tls.ca } });
    await assert.rejects(request(`${s.url}/health`, { dispatcher: noCert }).then((r) => r.body.text()));
    await noCert.close();
    await waitFor(() => s.server.log.list().filter((e) => e.kind === "tls-rejected").length > before);
    const entry = s.server.log
      .list()
      .filter((e) => e.kind === "tls-rejected")
      .at(-1)!;
    assert.match(entry.error!.message, /no certificate/i);
    assert.equal(entry.status, null, "never reached a handler");
  });

  test("a client certificate from another CA is refused", async () => {
    const other = await makeCertificates();
    try {
      const { readFileSync } = await import("node:fs");
      const foreign = new Agent({
        connect: { ca: s.tls.ca, cert: readFileSync(other.files.clientCert), key: readFileSync(other.files.clientKey) },
      });
      const httpBefore = s.server.log.list().filter((e) => e.kind === "http").length;
      const rejected = () => s.server.log.list().filter((e) => e.kind === "tls-rejected");
      const rejectedBefore = rejected().length;
      await assert.rejects(request(`${s.url}/health`, { dispatcher: foreign }).then((r) => r.body.text()));
      await foreign.close();
      assert.equal(s.server.log.list().filter((e) => e.kind === "http").length, httpBefore, "no handler ran");
      await waitFor(() => rejected().length > rejectedBefore);
      const entry = rejected().at(-1)!;
      assert.match(entry.error!.message, /not signed by this server's CA/);
      // Node destroys the socket before it reports the refusal: the address comes from the TCP connection.
      assert.equal(entry.remoteAddress, "127.0.0.1", "the row says who was refused");
    } finally {
      other.cleanup();
    }
  });

  test("the client certificate's CN is recorded for accepted requests", async () => {
    await ask(s.client());
    const entry = s.server.log
      .list()
      .filter((e) => e.kind === "http")
      .at(-1)!;
    assert.equal(entry.client?.commonName, "mock-gpt-client");
    assert.match(entry.client!.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test("credentials are redacted in the request log, never stored whole", async () => {
    const key = "sk-live-THIS-IS-SECRET-abcd1234";
    const r = await request(`${s.url}/v1/models`, {
      dispatcher: s.agent,
      headers: { authorization: `Bearer ${key}`, "x-api-key": key },
    });
    await r.body.text();
    const entry = s.server.log
      .list()
      .filter((e) => e.path === "/v1/models")
      .at(-1)!;
    assert.equal(entry.request.headers["authorization"], "Bearer sk-…1234");
    assert.equal(entry.request.headers["x-api-key"], "sk-…1234");
    assert.ok(!JSON.stringify(s.server.log.list()).includes("THIS-IS-SECRET"));
  });

  test("GET /health reports healthy", async () => {
    const r = await request(`${s.url}/health`, { dispatcher: s.agent });
    const body = (await r.body.json()) as Record<string, unknown>;
    assert.equal(body.status, "healthy");
    assert.equal(body.service, "mock-gpt-server");
    assert.equal(body.mtls, true);
  });
});

describe("ports and connections", () => {
  test("port 0 reports the real port, bound to 127.0.0.1", () => {
    assert.ok(s.port > 0);
    assert.equal(s.server.status().host, "127.0.0.1");
    assert.equal(s.url, `https://127.0.0.1:${s.port}`);
  });

  test("a busy port is an error naming the port, never a silent move", async () => {
    await assert.rejects(startTestServer({ server: { port: s.port } }), (e: unknown) => {
      assert.ok(e instanceof ServerStartError);
      assert.equal(e.code, "port_in_use");
      assert.match(e.message, new RegExp(`Port ${s.port}`));
      return true;
    });
  });

  test("server.max_connections is enforced", async () => {
    const limited = await startTestServer({ server: { max_connections: 2 } });
    const sockets = [0, 1, 2].map(() =>
      connect({
        host: "127.0.0.1",
        port: limited.port,
        ca: limited.tls.ca,
        cert: limited.tls.cert,
        key: limited.tls.key,
        servername: "localhost",
      }),
    );
    try {
      const outcomes = await Promise.all(
        sockets.map(
          (sock) =>
            new Promise<string>((resolve) => {
              sock.once("secureConnect", () => setTimeout(() => resolve(sock.destroyed ? "closed" : "open"), 150));
              sock.once("error", () => resolve("closed"));
              sock.once("close", () => resolve("closed"));
            }),
        ),
      );
      assert.deepEqual(outcomes.sort(), ["closed", "open", "open"]);
    } finally {
      sockets.forEach((x) => x.destroy());
      await limited.close();
    }
  });

  test("stop() ends in-flight streams at once and frees the port", async () => {
    const t = await startTestServer({ responses: { default_delay_ms: 20_000 } });
    const stream = await ask(t.client(), { stream: true });
    const consumed = (async () => {
      for await (const _ of stream as unknown as AsyncIterable<unknown>) void _;
    })().catch(() => "aborted");
    const started = Date.now();
    await t.server.stop();
    assert.ok(Date.now() - started < 2_000, "stop did not wait for the 20 s stream");
    await consumed;
    await new Promise<void>((resolve, reject) => {
      const probe = createConnection({ host: "127.0.0.1", port: t.port });
      probe.once("connect", () => reject(new Error("port still bound")));
      probe.once("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNREFUSED" ? resolve() : reject(e)));
    });
    await t.close();
  });
});

describe("behaviour at runtime", () => {
  test("default_delay_ms delays the response", async () => {
    s.server.setBehavior({ delayMs: 400 });
    try {
      const started = performance.now();
      await ask(s.client());
      assert.ok(performance.now() - started >= 390, "answered before the configured delay");
    } finally {
      s.server.setBehavior({ delayMs: 0 });
    }
  });

  test("the request log: an immediate answer is added once, complete; a delayed one is visible in flight first", async () => {
    const events: Array<[string, number | null]> = [];
    const onAdded = (e: { path: string; status: number | null }) =>
      e.path === "/v1/chat/completions" && events.push(["added", e.status]);
    const onUpdated = (e: { path: string; status: number | null }) =>
      e.path === "/v1/chat/completions" && events.push(["updated", e.status]);
    s.server.log.on("added", onAdded);
    s.server.log.on("updated", onUpdated);
    try {
      await ask(s.client());
      assert.deepEqual(events, [["added", 200]]);
      events.length = 0;
      s.server.setBehavior({ delayMs: 300 });
      const pending = ask(s.client());
      await waitFor(() => events.length > 0);
      assert.deepEqual(events, [["added", null]], "in flight while the delay runs");
      await pending;
      assert.deepEqual(events, [
        ["added", null],
        ["updated", 200],
      ]);
      const entry = s.server.log.list().at(-1)!;
      assert.equal(entry.response.headers["x-request-id"], entry.id);
      assert.ok(entry.response.body.includes('"chat.completion"'), "the response body is logged");
    } finally {
      s.server.setBehavior({ delayMs: 0 });
      s.server.log.off("added", onAdded);
      s.server.log.off("updated", onUpdated);
    }
  });

  test("for streams the delay is spread over the chunks", async () => {
    s.server.setBehavior({ delayMs: 600 });
    try {
      const started = performance.now();
      const stream = await ask(s.client(), { stream: true, max_tokens: 10 });
      const times: number[] = [];
      for await (const _ of stream as unknown as AsyncIterable<unknown>) times.push(performance.now() - started);
      assert.ok(times.at(-1)! >= 550, "the stream took the configured delay in total");
      assert.ok(times[0]! < 400, "the first chunk came early, not after the whole delay");
    } finally {
      s.server.setBehavior({ delayMs: 0 });
    }
  });

  test("an error rate of 100 gives only errors, each a realistic 429/500/503", async () => {
    s.server.setBehavior({ errorRatePercent: 100 });
    try {
      const client = s.client();
      for (let i = 0; i < 12; i++) {
        await assert.rejects(ask(client), (e: unknown) => {
          assert.ok(e instanceof OpenAI.APIError);
          assert.ok([429, 500, 503].includes(e.status!), `status ${e.status}`);
          if (e.status === 429) {
            assert.ok(e instanceof OpenAI.RateLimitError);
            assert.equal(e.headers?.get("retry-after"), "1");
          }
          return true;
        });
      }
    } finally {
      s.server.setBehavior({ errorRatePercent: 0 });
    }
  });

  test("an error rate of 100 also fails streams, never with a clean [DONE]", async () => {
    s.server.setBehavior({ errorRatePercent: 100 });
    try {
      for (let i = 0; i < 6; i++) {
        await assert.rejects(async () => {
          const stream = await ask(s.client(), { stream: true });
          for await (const _ of stream as unknown as AsyncIterable<unknown>) void _;
        }, OpenAI.APIError);
      }
    } finally {
      s.server.setBehavior({ errorRatePercent: 0 });
    }
  });

  test("switching scenario applies to the very next request, without a restart", async () => {
    const port = s.port;
    s.server.setScenario("errors");
    await assert.rejects(ask(s.client()), OpenAI.APIError);
    s.server.setScenario("normal");
    assert.ok((await ask(s.client())).choices[0]!.message.content);
    assert.equal(s.server.status().port, port);
  });

  test("the timeout scenario holds the request until the client gives up", async () => {
    s.server.setScenario("timeout");
    try {
      const signal = (s.server as unknown as { abort: AbortController }).abort.signal;
      const listenersBefore = getEventListeners(signal, "abort").length;
      for (let i = 0; i < 3; i++)
        await assert.rejects(ask(s.client({ timeout: 300 })), OpenAI.APIConnectionTimeoutError);
      await waitFor(() => s.server.log.list().filter((e) => e.status === 499).length >= 3);
      assert.equal(
        s.server.log.list().at(-1)!.error?.message,
        "The client gave up before the mock answered (held by the timeout scenario).",
      );
      // The same hang asked for by a header names the header, not the scenario.
      s.server.setScenario("normal");
      await assert.rejects(
        s
          .client({ timeout: 300 })
          .chat.completions.create(
            { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] },
            { headers: { "x-mock-fault": "hang" } },
          ),
        OpenAI.APIConnectionTimeoutError,
      );
      await waitFor(() => s.server.log.list().filter((e) => e.status === 499).length >= 4);
      assert.match(s.server.log.list().at(-1)!.error!.message, /\(held by the fault hang .*\(x-mock-fault\)\)\.$/);
      assert.equal(
        getEventListeners(signal, "abort").length,
        listenersBefore,
        "a request the client gave up on leaves no listener behind",
      );
    } finally {
      s.server.setScenario("normal");
    }
  });

  test("with the retry-enabled SDK, a rate-limited request is retried and the retry count shows in the log", async () => {
    s.server.setBehavior({ errorRatePercent: 100, errorStatuses: [429] });
    try {
      await assert.rejects(ask(s.client({ maxRetries: 1 })), OpenAI.RateLimitError);
      const retried = s.server.log.list().filter((e) => e.request.headers["x-stainless-retry-count"] === "1");
      assert.ok(retried.length >= 1, "the retry is visible in the request log");
    } finally {
      s.server.setBehavior({ errorRatePercent: 0, errorStatuses: [429, 500, 503] });
    }
  });
});

async function waitFor(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("lifecycle under rapid clicks", () => {
  test(
    "interleaved start/stop/restart calls serialize: no leaked listener, the port ends free",
    { timeout: 30_000 },
    async () => {
      const t = await startTestServer();
      const ports = new Set<number>([t.port]);
      t.server.on("status", (st) => st.port && ports.add(st.port));
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 30; i++)
        ops.push([() => t.server.start(), () => t.server.stop(), () => t.server.restart()][i % 3]!().catch((e) => e));
      const results = await Promise.all(ops);
      assert.ok(
        results.every((r) => !(r instanceof Error)),
        `no operation failed: ${results.filter((r) => r instanceof Error).join("; ")}`,
      );
      assert.equal(t.server.status().state, "running", "the last call (restart) wins");
      await t.server.stop();
      assert.equal(t.server.status().state, "stopped");
      assert.ok(ports.size > 1, "port 0: each restart bound a new port");
      for (const port of ports) {
        await new Promise<void>((resolve, reject) => {
          const probe = createConnection({ host: "127.0.0.1", port });
          probe.once("connect", () => reject(new Error(`port ${port} still bound: a listener leaked`)));
          probe.once("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNREFUSED" ? resolve() : reject(e)));
        });
      }
      await t.close();
    },
  );
});
