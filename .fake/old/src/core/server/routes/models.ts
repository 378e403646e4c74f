import { ApiError } from "../../openai/errors";
import { modelObject } from "../../openai/models";
import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";

/** GET /v1/models */
export function listModels(x: Exchange, rt: ServerRuntime): Response {
  return x.json({ body: { object: "list", data: rt.config().models.available.map(modelObject) } });
}

/** GET /v1/models/{id} */
export function retrieveModel(x: Exchange, rt: ServerRuntime, id: string): Response {
  x.model = id;
  if (!rt.config().models.available.includes(id))
    throw new ApiError(404, `The model '${id}' does not exist`, "invalid_request_error", "model", "model_not_found");
  return x.json({ body: modelObject(id) });
}
