// nodeListener: h3 on Node's http server, sending what routes return through srvx, but never ending
// a second time a response a route already wrote and ended itself.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { H3 } from "h3";
import { nodeListener } from "../../src/core/server/nodeHandler";
import { HANDLED } from "../../src/core/server/handled";

const ends = new Map<string, number>();
/** Counts res.end() calls for the request named by its path. */
function counted(res: ServerResponse, name: string): ServerResponse {
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  ends.set(name, 0);
  res.end = ((...a: unknown[]) => {
    ends.set(name, ends.get(name)! + 1);
    return end(...a);
  }) as ServerResponse["end"];
  return res;
}

let server: Server;
let port: number;
before(async () => {
  const app = new H3();
  app.get("/self", (event) => {
    const res = counted(event.runtime!.node!.res as ServerResponse, "self");
    res.writeHead(200, { "content-type": "text/plain" }).end("written by the route");
    return HANDLED;
  });
  app.get("/returned", (event) => {
    counted(event.runtime!.node!.res as ServerResponse, "returned");
    return new Response("returned", { status: 201, headers: { "x-kind": "returned" } });
  });
  app.get("/later", async (event) => {
    const res = counted(event.runtime!.node!.res as ServerResponse, "later");
    await new Promise((r) => setImmediate(r));
    res.writeHead(200).end("later");
    return HANDLED;
  });
  app.get("/unanswered", () => HANDLED);
  // A stream under way (sse.ts): the head written, HANDLED returned at once, the body going on by itself.
  app.get("/streaming", (event) => {
    const res = counted(event.runtime!.node!.res as ServerResponse, "streaming");
    res.writeHead(200, { "content-type": "text/event-stream" });
    let i = 0;
    const next = () => (++i < 4 ? (res.write(`data: ${i}\n\n`), setTimeout(next, 5)) : res.end("data: [DONE]\n\n"));
    setTimeout(next, 5);
    return HANDLED;
  });
  server = createServer(nodeListener(app));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

function get(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    })
      .on("error", reject)
      .end();
  });
}

describe("nodeListener", () => {
  test("an answer the route wrote and ended itself is ended once", async () => {
    const r = await get("/self");
    assert.equal(r.body, "written by the route");
    assert.equal(ends.get("self"), 1);
  });

  test("the same when the route answers after awaiting", async () => {
    const r = await get("/later");
    assert.equal(r.body, "later");
    assert.equal(ends.get("later"), 1);
  });

  test("a route that wrote the head and returned at once ends its body itself, in full", async () => {
    const r = await get("/streaming");
    assert.equal(r.body, "data: 1\n\ndata: 2\n\ndata: 3\n\ndata: [DONE]\n\n");
    assert.equal(ends.get("streaming"), 1);
  });

  test("a returned Response is sent by srvx, status, headers and body", async () => {
    const r = await get("/returned");
    assert.equal(r.status, 201);
    assert.equal(r.headers["x-kind"], "returned");
    assert.equal(r.body, "returned");
    assert.ok(ends.get("returned")! >= 1);
  });

  test("HANDLED without an answer still ends the response (empty), as srvx does", async () => {
    const r = await get("/unanswered");
    assert.equal(r.status, 200);
    assert.equal(r.body, "");
  });

  test("an unknown route gets h3's 404", async () => {
    assert.equal((await get("/nope")).status, 404);
  });
});
