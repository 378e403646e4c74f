import { moderationBody, parseModerationRequest } from "../../openai/moderations";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";
import { endedEarly, prelude, waitDelay } from "./prelude";

/** POST /v1/moderations */
export async function moderations(x: Exchange, rt: ServerRuntime): Promise<Response> {
  const p = await prelude(x, rt, { endpoint: "/v1/moderations", fallbackModel: "omni-moderation-latest" });
  if (p.done) return p.done;
  const body = moderationBody(parseModerationRequest(p.body, rt.config().models.available));
  const end = await waitDelay(x, p.delayMs, rt);
  if (end) return endedEarly(x, end);
  return x.json({ body });
}
