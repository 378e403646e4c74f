import type { ServerResponse } from "node:http";
import { ApiError } from "../../openai/errors";
import type { Exchange } from "../exchange";

/** Longest a hung request is held, so a forgotten client cannot pin memory forever. */
const MAX_HANG_MS = 10 * 60_000;

/**
 * The `timeout` scenario: accept the request and never answer, until the client gives up or the
 * server stops (logged as 499, "client closed request", as proxies record it). A request still
 * held after MAX_HANG_MS gets a real 504 in OpenAI's shape.
 */
export async function hang(x: Exchange, signal: AbortSignal): Promise<Response> {
  x.begin(); // in flight until it ends
  const res = x.event.runtime?.node?.res as ServerResponse | undefined;
  const reason = await new Promise<"client_closed" | "server_stopped" | "hang_limit">((resolve) => {
    const finish = (why: "client_closed" | "server_stopped" | "hang_limit") => {
      // Every path removes every hook: a hung request must leave nothing behind once it ends.
      clearTimeout(timer);
      res?.off("close", onClose);
      signal.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onClose = () => finish("client_closed");
    const onAbort = () => finish("server_stopped");
    const timer = setTimeout(() => finish("hang_limit"), MAX_HANG_MS);
    res?.once("close", onClose);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  if (reason === "hang_limit")
    return x.error(
      new ApiError(
        504,
        `No answer within ${MAX_HANG_MS / 60_000} minutes (timeout scenario).`,
        "server_error",
        null,
        "timeout",
      ),
    );
  const message =
    reason === "client_closed"
      ? "The client gave up before the mock answered (timeout scenario)."
      : "The server stopped while the request hung (timeout scenario).";
  return x.ended(reason, message);
}
