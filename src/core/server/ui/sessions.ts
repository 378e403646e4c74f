// The server half of the browser transport (webview/transport/http.ts): one SSE stream and one
// page controller per open page; page messages arrive as JSON POSTs naming their session.
import { randomUUID } from "node:crypto";
import { EventStream, type H3Event } from "h3";
import { ApiError } from "../../openai/errors";
import type { PageController, PageControllerFactory, PageMessage } from "../../pages/controller";

/** Page messages are small commands; anything bigger is refused. */
const MAX_MESSAGE_BYTES = 1_048_576;
const KEEPALIVE_MS = 15_000;

export class UiSessions {
  private readonly sessions = new Map<string, PageController>();

  get size(): number {
    return this.sessions.size;
  }

  /** GET …/events: opens a session and streams the controller's messages. */
  open(event: H3Event, factory: PageControllerFactory): EventStream {
    const stream = new EventStream(event);
    const id = randomUUID();
    const send = (m: PageMessage) => void stream.push(JSON.stringify(m)).catch(() => undefined);
    send({ type: "session/open", session: id } as PageMessage);
    const controller = factory(send);
    this.sessions.set(id, controller);
    const keepalive = setInterval(() => void stream.pushComment("keepalive").catch(() => undefined), KEEPALIVE_MS);
    keepalive.unref?.();
    stream.onClosed(() => {
      clearInterval(keepalive);
      controller.dispose();
      this.sessions.delete(id);
    });
    return stream;
  }

  /** POST …/messages?session=…: hands a page message to its session's controller. */
  async receive(event: H3Event): Promise<Response> {
    const controller = this.sessions.get(event.url.searchParams.get("session") ?? "");
    if (!controller) return problem(404, "Unknown or closed session; reload the page.");
    // JSON only: a cross-site form post cannot send this content type without a CORS preflight.
    if (!(event.req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json"))
      return problem(415, "Send application/json.");
    // Checked before reading: page messages are small, and a huge body must not be buffered first.
    const length = Number(event.req.headers.get("content-length") ?? NaN);
    if (!Number.isFinite(length)) return problem(411, "Send a Content-Length.");
    if (length > MAX_MESSAGE_BYTES) return problem(413, "Message too large.");
    const text = await event.req.text();
    if (text.length > MAX_MESSAGE_BYTES) return problem(413, "Message too large.");
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return problem(400, "Invalid JSON.");
    }
    if (!message || typeof message !== "object" || typeof (message as PageMessage).type !== "string")
      return problem(400, "Expected { type: string, … }.");
    await controller.onMessage(message as PageMessage);
    return new Response(null, { status: 204 });
  }

  disposeAll(): void {
    for (const c of this.sessions.values()) c.dispose();
    this.sessions.clear();
  }
}

/** A refused page message, in OpenAI's error shape like every other error on the wire. */
function problem(status: number, message: string): Response {
  return new Response(JSON.stringify(new ApiError(status, message).toBody()), {
    status,
    headers: { "content-type": "application/json" },
  });
}
