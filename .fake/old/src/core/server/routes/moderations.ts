import { moderationBody, parseModerationRequest } from "../../openai/moderations";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { prelude, stopped, waitDelay } from "./prelude";

/** POST /v1/moderations */
export async function moderations(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, { endpoint: "/v1/moderations", fallbackModel: "omni-moderation-latest" });
  if (p.done) return p.done;
  const body = moderationBody(parseModerationRequest(p.body, rt.config().models.available));
  if (!(await waitDelay(p.delayMs, rt))) return stopped(x);
  return x.json({ body });
}
