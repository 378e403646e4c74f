/** GET /v1/responses/{id}/input_items: OpenAI's cursor list (limit 1-100, order desc by default, after an id). */
import { invalidParam } from "../errors";
import type { InputItemResource } from "./types";

export interface ItemList {
  object: "list";
  data: InputItemResource[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export function listInputItems(items: InputItemResource[], query: URLSearchParams): ItemList {
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidParam(
      "limit",
      `Invalid 'limit': expected an integer between 1 and 100, but got '${rawLimit}' instead.`,
      "invalid_value",
    );
  const order = query.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc")
    throw invalidParam("order", `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, "invalid_value");
  let ordered = order === "asc" ? items : [...items].reverse();
  const after = query.get("after");
  if (after !== null) {
    const at = ordered.findIndex((i) => i.id === after);
    if (at < 0) throw invalidParam("after", `No input item with id '${after}' in this response.`, "invalid_value");
    ordered = ordered.slice(at + 1);
  }
  const data = ordered.slice(0, limit);
  return {
    object: "list",
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: ordered.length > limit,
  };
}
