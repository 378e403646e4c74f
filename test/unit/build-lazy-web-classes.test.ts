// The bundles' lazy fetch classes (scripts/build/lazyWebClasses.mjs): a program bundled with the edits behaves as
// one bundled without them (same classes, prototype chains, headers and answers), except that Node's internal
// undici and node:http2 are not loaded until the first request needs them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { build, type Plugin } from "esbuild";
import { EDITS, editSource, lazyWebClasses } from "../../scripts/build/lazyWebClasses.mjs";

const root = resolve(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-lazy-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

// Runs in a child process; prints one JSON line of observations. Only node:http talks to the server, so
// nothing but the code under test reads the fetch globals.
const PROGRAM = `
import { request } from "node:http";
import { createServer } from "node:http";
import { H3, HTTPError } from "h3";
import { FastResponse } from "srvx";
import { NodeRequest } from "srvx/node";
import { nodeListener } from "./src/core/server/nodeHandler";

const loaded = (m) => process.moduleLoadList.includes("NativeModule " + m);
const out = { atLoad: { undici: loaded("internal/deps/undici/undici"), http2: loaded("http2") } };
const seen = {};
const app = new H3();
app.get("/null", () => null);
app.get("/json", (event) => {
  const r = event.req;
  seen.request = {
    isRequest: r instanceof Request, isNodeRequest: r instanceof NodeRequest,
    chain: Object.getPrototypeOf(NodeRequest.prototype) === Request.prototype,
    name: NodeRequest.name, method: r.method, url: new URL(r.url).pathname,
    headersAreHeaders: r.headers instanceof Headers, header: r.headers.get("x-a"), signal: r.signal instanceof AbortSignal,
    entries: [...r.headers].filter(([k]) => k.startsWith("x-")),
  };
  return { a: 1 };
});
app.post("/text", async (event) => ({ body: await event.req.text() }));
app.get("/error", () => { throw new HTTPError({ status: 418, message: "teapot", headers: { "x-b": "2" } }); });
app.get("/fast", () => new FastResponse("fast", { status: 201, headers: { "x-c": "3" } }));
const server = createServer(nodeListener(app));
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const call = (method, path, body) => new Promise((res, rej) => {
  const req = request({ port: server.address().port, host: "127.0.0.1", method, path, headers: { "x-a": "1" } }, (m) => {
    let text = ""; m.setEncoding("utf8").on("data", (d) => (text += d)).on("end", () => {
      const { date, ...headers } = m.headers;
      res({ status: m.statusCode, headers, text: text.replace(/127\\.0\\.0\\.1:\\d+/g, "HOST") });
    });
  });
  req.on("error", rej); req.end(body);
});
out.beforeRequest = { undici: loaded("internal/deps/undici/undici") };
out.answers = [await call("GET", "/null"), await call("GET", "/json"), await call("POST", "/text", "hello"),
  await call("GET", "/error"), await call("GET", "/fast"), await call("GET", "/missing")];
out.seen = seen;
const fast = new FastResponse("x", { status: 202 });
out.fast = { isResponse: fast instanceof Response, chain: Object.getPrototypeOf(FastResponse.prototype) === Response.prototype,
  nativeIsFast: new Response("y") instanceof FastResponse, name: FastResponse.name, status: fast.status, text: await fast.text(),
  json: await FastResponse.json({ j: 1 }).text() };
server.close();
console.log(JSON.stringify(out));
`;

async function bundleAndRun(name: string, plugins: Plugin[]): Promise<Record<string, unknown>> {
  const outfile = join(tmp, `${name}.mjs`);
  await build({
    stdin: { contents: PROGRAM, resolveDir: root, loader: "ts", sourcefile: "program.ts" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    outfile,
    logLevel: "silent",
    plugins,
  });
  const r = spawnSync(process.execPath, [outfile], { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("lazyWebClasses", () => {
  it("matches the installed h3 and srvx sources", () => {
    for (const key of Object.keys(EDITS)) {
      const path = join(root, "node_modules", key);
      const edited = editSource(path, readFileSync(path, "utf8"));
      assert.ok(edited && edited !== readFileSync(path, "utf8"), key);
      assert.doesNotMatch(edited, /^(?:const NodeRequest|const NodeResponse|var FrozenHeaders|import nodeHTTP2)/m, key);
    }
  });

  it("fails loudly when a module no longer matches", () => {
    const path = join(root, "node_modules", "h3/dist/response.mjs");
    assert.throws(() => editSource(path, "export {};"), /no longer matches.*review/);
  });

  it("defers undici and node:http2 to the first request, and changes nothing else", async () => {
    const plain = await bundleAndRun("plain", []);
    const lazy = await bundleAndRun("lazy", [lazyWebClasses]);
    assert.deepEqual(plain.atLoad, { undici: true, http2: true }, "the reference loads both at start");
    assert.deepEqual(lazy.atLoad, { undici: false, http2: false });
    assert.deepEqual(lazy.beforeRequest, { undici: false }, "creating the app and listening do not load undici");
    for (const key of ["answers", "seen", "fast"]) assert.deepEqual(lazy[key], plain[key], key);
    // The observations are real ones, not empty objects that would compare equal.
    const answers = lazy.answers as { status: number; headers: Record<string, string>; text: string }[];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 418, 201, 404],
    );
    assert.equal(answers[0]!.headers["content-length"], "0");
    assert.equal(answers[1]!.headers["content-type"], "application/json;charset=UTF-8");
    assert.equal(answers[2]!.text, '{"body":"hello"}');
    assert.equal(answers[3]!.headers["x-b"], "2");
    const { request } = lazy.seen as { request: Record<string, unknown> };
    const fast = lazy.fast as Record<string, unknown>;
    for (const key of ["isRequest", "isNodeRequest", "chain", "headersAreHeaders", "signal"])
      assert.equal(request[key], true, key);
    assert.deepEqual(request.entries, [["x-a", "1"]]);
    for (const key of ["isResponse", "chain", "nativeIsFast"]) assert.equal(fast[key], true, key);
    assert.deepEqual([fast.status, fast.text, fast.json], [202, "x", '{"j":1}']);
  });
});
