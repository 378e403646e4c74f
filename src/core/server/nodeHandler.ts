import type { IncomingMessage, ServerResponse } from "node:http";
import type { H3 } from "h3";
import { NodeRequest, sendNodeResponse } from "srvx/node";

const NOW = Promise.resolve();

/**
 * h3's fetch as a Node request listener, as srvx's `toNodeHandler` makes it, except for answers a
 * route already wrote on Node's response (it returned HANDLED, which h3 turns into an empty
 * Response): srvx would end that response a second time, with a promise and a "finish" listener
 * per request, or end a stream still under way. Everything else is sent by srvx itself.
 */
export function nodeListener(app: H3): (req: IncomingMessage, res: ServerResponse) => Promise<void> | void {
  const fetch = app.fetch;
  const run = (req: IncomingMessage, res: ServerResponse) => {
    const out = fetch(new NodeRequest({ req, res })) as Response | Promise<Response>;
    return typeof (out as Promise<Response>).then === "function"
      ? (out as Promise<Response>).then((r) => send(res, r))
      : send(res, out as Response);
  };
  return (req, res) => {
    if (req.complete || (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined))
      return run(req, res);
    // Node emits "request" before its parser pushes a body that came in the same read: one microtask
    // later that body is buffered whole, and a route can read it and answer without awaiting anything.
    // (A resolved promise's then: Node's queueMicrotask wraps each callback in an AsyncResource.)
    void NOW.then(() => run(req, res));
  };
}

function send(res: ServerResponse, answer: Response): Promise<void> | void {
  // A route that wrote the head itself (a stream under way, a body cut by a fault) ends it too.
  if (res.writableEnded || res.headersSent) return;
  return sendNodeResponse(res, answer).catch((error: unknown) => {
    // As srvx does: a response that cannot be sent fails as a bare 500, or a dropped connection mid-body.
    console.error("[srvx] Failed to send response:", error);
    if (res.writableEnded) return;
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 500;
      res.statusMessage = "";
      res.end();
    }
  });
}
