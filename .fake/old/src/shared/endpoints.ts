/** The OpenAI API routes the mock answers, as the inspector's endpoint filter and the dashboard name them. */
export const API_ENDPOINTS = [
  "/v1/chat/completions",
  "/v1/responses",
  "/v1/embeddings",
  "/v1/completions",
  "/v1/moderations",
  "/v1/models",
] as const;

// Collections whose members are addressed by id: /v1/models/{id}, /v1/responses/{id}/input_items.
const WITH_IDS = new Set(["models", "responses"]);

/** Paths seen → endpoint names: the dashboard names every request, mostly the same few paths. */
const endpoints = new Map<string, string>();

/**
 * A request path as an endpoint name: query dropped, ids replaced by {id}, so the dashboard counts
 * one bar per route. Anything outside /v1 and /health is "other" (probes of unknown routes).
 */
export function endpointOf(path: string): string {
  let name = endpoints.get(path);
  if (name === undefined) {
    name = nameOf(path);
    // Bounded: clients may invent paths (ids, probes) without end.
    if (endpoints.size >= 512) endpoints.clear();
    endpoints.set(path, name);
  }
  return name;
}

function nameOf(path: string): string {
  const bare = path.split("?")[0]!.replace(/\/+$/, "");
  if (bare === "/health") return bare;
  const parts = bare.split("/");
  if (parts[1] !== "v1" || parts.length < 3) return "other";
  if (WITH_IDS.has(parts[2]!) && parts.length > 3) parts[3] = "{id}";
  const name = parts.slice(0, 6).join("/");
  return (API_ENDPOINTS as readonly string[]).some((e) => name === e || name.startsWith(e + "/")) ? name : "other";
}
