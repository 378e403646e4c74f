import { ApiError } from "../../openai/errors";
import type { Exchange } from "../exchange";
import { onConnectionClose } from "../timing";

/** Longest a hung request is held, so a forgotten client cannot pin memory forever. */
const MAX_HANG_MS = 10 * 60_000;

/**
 * The `timeout` scenario, or a hang fault: accept the request and never answer, until the client
 * gives up or the server stops (logged as 499, "client closed request", as proxies record it). A
 * request still held after MAX_HANG_MS gets a real 504 in OpenAI's shape. `heldBy` names what held
 * it in those messages ("the timeout scenario", "the fault hang (no answer) (x-mock-fault)").
 */
export async function hang(x: Exchange, signal: AbortSignal, heldBy: string): Promise<Response> {
  x.begin(); // in flight until it ends
  // The connection's close, not the response's: a pipelined request's queued response never closes.
  const conn = x.nodeReq?.socket;
  const reason = await new Promise<"client_closed" | "server_stopped" | "hang_limit">((resolve) => {
    let unwatch: (() => void) | undefined;
    const finish = (why: "client_closed" | "server_stopped" | "hang_limit") => {
      // Every path removes every hook: a hung request must leave nothing behind once it ends.
      clearTimeout(timer);
      unwatch?.();
      signal.removeEventListener("abort", onAbort);
      resolve(why);
    };
    const onAbort = () => finish("server_stopped");
    const timer = setTimeout(() => finish("hang_limit"), MAX_HANG_MS);
    signal.addEventListener("abort", onAbort, { once: true });
    if (conn?.destroyed) finish("client_closed");
    else if (conn) unwatch = onConnectionClose(conn, () => finish("client_closed"));
  });
  if (reason === "hang_limit")
    return x.error(
      new ApiError(
        504,
        `No answer within ${MAX_HANG_MS / 60_000} minutes (held by ${heldBy}).`,
        "server_error",
        null,
        "timeout",
      ),
    );
  const message =
    reason === "client_closed"
      ? `The client gave up before the mock answered (held by ${heldBy}).`
      : `The server stopped while the request hung (held by ${heldBy}).`;
  return x.ended(reason, message);
}
