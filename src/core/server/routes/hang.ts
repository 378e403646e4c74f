import { FastResponse } from "srvx";
import type { ServerResponse } from "node:http";
import type { Exchange } from "../exchange";

/** Longest a hung request is held, so a forgotten client cannot pin memory forever. */
const MAX_HANG_MS = 10 * 60_000;

/**
 * The `timeout` scenario: accept the request and never answer, until the client gives up or the
 * server stops. Logged with status 499 ("client closed request"), as proxies record it.
 */
export async function hang(x: Exchange, signal: AbortSignal): Promise<Response> {
  const res = x.event.runtime?.node?.res as ServerResponse | undefined;
  const reason = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve("hang_limit"), MAX_HANG_MS);
    const done = (why: string) => () => {
      clearTimeout(timer);
      resolve(why);
    };
    res?.once("close", done("client_closed"));
    signal.addEventListener("abort", done("server_stopped"), { once: true });
  });
  const message =
    reason === "client_closed" ? "The client gave up before the mock answered (timeout scenario)." : reason === "server_stopped" ? "The server stopped while the request hung (timeout scenario)." : `Held for ${MAX_HANG_MS / 60000} minutes without an answer (timeout scenario).`;
  x.finish(499, {}, "", null, { code: reason, message });
  return new FastResponse(null, { status: 504 });
}
