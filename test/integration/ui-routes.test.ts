// The /ui routes on a real MockServer over mTLS: pages with a nonce'd CSP, assets, the SSE + POST
// transport, replay — and none of the /ui traffic lands in the request log.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fetch, Agent } from "undici";
import { startTestServer, type TestServer } from "../helpers/server";
import { uiRoutes } from "../../src/core/server/ui/routes";
import type { PageMessage } from "../../src/core/pages/controller";
import { buildInspectorBundle } from "../browser/inspectorHarness";
import type { InspectorToPage } from "../../src/shared/pages/inspector/protocol";

let t: TestServer;
const dashboardMessages: PageMessage[] = [];

before(async () => {
  const assetsDir = await buildInspectorBundle();
  t = await startTestServer(
    {},
    {
      routes: [
        uiRoutes({
          assetsDir,
          // A stand-in for the dashboard controller: echoes what the page sends.
          dashboard: (post) => ({
            onMessage: (m) =>
              void (
                dashboardMessages.push(m as PageMessage),
                post({ type: "dashboard/echo", of: (m as PageMessage).type })
              ),
            setVisible: () => undefined,
            dispose: () => undefined,
          }),
          clientTls: () => ({ caPath: t.files.caCert, certPath: t.files.clientCert, keyPath: t.files.clientKey }),
        }),
      ],
    },
  );
});
after(() => t?.close());

const get = (path: string, init: Parameters<typeof fetch>[1] = {}) =>
  fetch(`${t.url}${path}`, { dispatcher: t.agent, redirect: "manual", ...init });
const post = (path: string, body: unknown, type = "application/json") =>
  get(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": type } });
const uiPaths = () => t.server.log.list().filter((e) => e.path.startsWith("/ui"));

/** Reads an SSE response frame by frame. */
function sse(res: Awaited<ReturnType<typeof fetch>>) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const queue: Array<{ type: string }> = [];
  return {
    async next<T extends { type: string }>(type: string): Promise<T> {
      for (;;) {
        const i = queue.findIndex((m) => m.type === type);
        if (i >= 0) return queue.splice(i, 1)[0] as T;
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${type}`);
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("\n");
          if (data) queue.push(JSON.parse(data) as { type: string });
        }
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe("/ui routes", () => {
  test("pages: HTML with a fresh nonce in a strict CSP; /ui redirects; unknown pages 404", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await get("/ui/requests");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.ok(csp.startsWith("default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:;"));
      const html = await res.text();
      assert.ok(html.includes(`<script nonce="${nonce}" src="/ui/assets/inspector.js"></script>`));
      assert.ok(html.includes(`'nonce-${nonce}'`.replace(/'/g, "&#39;")), "the meta CSP carries the same nonce");
      assert.ok(html.includes('data-endpoint="/ui/api/inspector"'));
      nonces.add(nonce);
    }
    assert.equal(nonces.size, 2, "a new nonce per render");
    const redirect = await get("/ui");
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get("location"), "/ui/requests");
    assert.equal((await get("/ui/dashboard")).status, 200);
    assert.equal((await get("/ui/health")).status, 404, "no health controller given");
  });

  test("assets come from assetsDir by bare name only", async () => {
    const js = await get("/ui/assets/inspector.js");
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    assert.ok((await js.text()).length > 1000);
    assert.equal((await get("/ui/assets/styles.css")).status, 200);
    assert.equal((await get("/ui/assets/..%2F..%2Fpackage.json")).status, 404);
    assert.equal((await get("/ui/assets/missing.js")).status, 404);
  });

  test("without a client certificate the TLS handshake is refused", async () => {
    const bare = new Agent({ connect: { ca: t.tls.ca } });
    await assert.rejects(fetch(`${t.url}/ui/requests`, { dispatcher: bare }));
    await bare.close();
    await waitFor(() => t.server.log.list().some((e) => e.kind === "tls-rejected"));
  });

  test("SSE + POST transport: snapshot holds API requests, deltas follow, /ui traffic is never logged", async () => {
    await (await get("/v1/models")).text();
    const events = sse(await get("/ui/api/inspector/events"));
    const { session } = await events.next<{ type: string; session: string }>("session/open");
    assert.equal((await post(`/ui/api/inspector/messages?session=${session}`, { type: "ready" })).status, 204);
    const snap = await events.next<Extract<InspectorToPage, { type: "requests/snapshot" }>>("requests/snapshot");
    assert.ok(snap.entries.some((e) => e.path === "/v1/models" && e.status === 200));
    assert.equal(snap.context.serverUrl, t.url);
    assert.equal(snap.context.clientTls?.certPath, t.files.clientCert);

    await (await get("/v1/models/gpt-4o-mini")).text();
    const added = await events.next<Extract<InspectorToPage, { type: "requests/added" }>>("requests/added");
    assert.ok(added.entries.some((e) => e.path === "/v1/models/gpt-4o-mini"));

    const target = t.server.log.list().find((e) => e.path === "/v1/models")!;
    // Summaries in the list; the full entry on request.
    assert.equal("response" in snap.entries[0]!, false, "no bodies in the snapshot");
    await post(`/ui/api/inspector/messages?session=${session}`, { type: "requests/detail", id: target.id });
    const detail = await events.next<Extract<InspectorToPage, { type: "requests/detail" }>>("requests/detail");
    assert.equal(detail.entry?.id, target.id);
    assert.match(detail.entry?.response.body ?? "", /"object":\s*"list"/);
    // The browser host sends exports back to the page, built from the log.
    await post(`/ui/api/inspector/messages?session=${session}`, {
      type: "requests/export",
      format: "json",
      ids: [target.id],
    });
    const exported = await events.next<Extract<InspectorToPage, { type: "requests/exported" }>>("requests/exported");
    assert.equal(
      (JSON.parse(exported.content) as { entries: Array<{ response: { body: string } }> }).entries[0]!.response.body,
      target.response.body,
    );

    const before = t.server.log.size;
    await post(`/ui/api/inspector/messages?session=${session}`, { type: "requests/replay", id: target.id });
    const notice = await events.next<{ type: string; level: string; text: string }>("inspector/notice");
    assert.deepEqual([notice.level, notice.text], ["info", "Replayed GET /v1/models → 200"]);
    assert.equal(t.server.log.size, before + 1, "the replay is a new log entry");
    assert.equal(
      t.server.log.list().at(-1)!.client?.commonName,
      target.client?.commonName,
      "sent with the client certificate",
    );

    const wrongType = await post(`/ui/api/inspector/messages?session=${session}`, { type: "ready" }, "text/plain");
    assert.equal(wrongType.status, 415);
    const unknown = await post("/ui/api/inspector/messages?session=nope", { type: "ready" });
    assert.equal(unknown.status, 404);
    // Refusals are in OpenAI's error shape, as everywhere else on the wire.
    for (const [r, message] of [
      [wrongType, "Send application/json."],
      [unknown, "Unknown or closed session; reload the page."],
    ] as const)
      assert.deepEqual(await r.json(), {
        error: { message, type: "invalid_request_error", param: null, code: null },
      });
    await events.cancel();
    assert.deepEqual(uiPaths(), [], "no /ui request in the log");
  });

  test("other pages' controllers plug in through the same transport", async () => {
    const events = sse(await get("/ui/api/dashboard/events"));
    const { session } = await events.next<{ type: string; session: string }>("session/open");
    await post(`/ui/api/dashboard/messages?session=${session}`, { type: "ready" });
    assert.deepEqual(await events.next("dashboard/echo"), { type: "dashboard/echo", of: "ready" });
    assert.deepEqual(dashboardMessages, [{ type: "ready" }]);
    await events.cancel();
    assert.deepEqual(uiPaths(), []);
  });
});

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met");
    await new Promise((r) => setTimeout(r, 20));
  }
}
