/** Model ids OpenAI publishes, with their real creation times, so `models.list()` looks familiar. */
const KNOWN: Record<string, { created: number; owned_by: string; snapshot?: string }> = {
  "gpt-4o-mini": { created: 1721172741, owned_by: "system", snapshot: "gpt-4o-mini-2024-07-18" },
  "gpt-4o-mini-2024-07-18": { created: 1721172717, owned_by: "system" },
  "gpt-4o": { created: 1715367049, owned_by: "system", snapshot: "gpt-4o-2024-08-06" },
  "gpt-4o-2024-08-06": { created: 1722814719, owned_by: "system" },
  "gpt-4.1-mini": { created: 1744318173, owned_by: "system", snapshot: "gpt-4.1-mini-2025-04-14" },
  "gpt-3.5-turbo": { created: 1677610602, owned_by: "openai", snapshot: "gpt-3.5-turbo-0125" },
  "gpt-3.5-turbo-instruct": { created: 1692901427, owned_by: "system" },
  "text-embedding-3-small": { created: 1705948997, owned_by: "system" },
  "text-embedding-3-large": { created: 1705953180, owned_by: "system" },
  "text-embedding-ada-002": { created: 1671217299, owned_by: "openai-internal" },
  "omni-moderation-latest": { created: 1731689265, owned_by: "system" },
  "text-moderation-latest": { created: 1687882410, owned_by: "system" },
};

export interface ModelObject {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
}

export function modelObject(id: string): ModelObject {
  const known = KNOWN[id];
  return { id, object: "model", created: known?.created ?? 1700000000, owned_by: known?.owned_by ?? "mock-gpt" };
}

// Read on every chat answer: a Map beats a lookup in an object with dashed keys.
const SNAPSHOTS = new Map(Object.entries(KNOWN).flatMap(([id, m]) => (m.snapshot ? [[id, m.snapshot] as const] : [])));

/** Like the real API, an alias answers with the dated snapshot it points to. */
export function responseModelName(requested: string): string {
  return SNAPSHOTS.get(requested) ?? requested;
}
