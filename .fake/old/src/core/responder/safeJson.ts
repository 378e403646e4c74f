/**
 * JSON.stringify that never throws. Client-supplied values can nest deeper than the stack
 * (100k-deep tool_calls or schemas parse fine but overflow JSON.stringify); past MAX_DEPTH
 * this serializer writes a placeholder, and past MAX_CHARS it stops, so the result is
 * deterministic, bounded and good enough for cache keys and token estimates.
 */
const MAX_DEPTH = 64;
const MAX_CHARS = 4 * 1024 * 1024;

export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    const out: string[] = [];
    let size = 0;
    const push = (s: string): boolean => {
      out.push(s);
      size += s.length;
      return size < MAX_CHARS;
    };
    const walk = (v: unknown, depth: number): boolean => {
      if (v === null || typeof v !== "object") return push(JSON.stringify(v) ?? "null");
      if (depth >= MAX_DEPTH) return push('"…"');
      if (Array.isArray(v)) {
        if (!push("[")) return false;
        for (let i = 0; i < v.length; i++) if ((i && !push(",")) || !walk(v[i], depth + 1)) return false;
        return push("]");
      }
      if (!push("{")) return false;
      let first = true;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (
          (!first && !push(",")) ||
          !push(`${JSON.stringify(k)}:`) ||
          !walk((v as Record<string, unknown>)[k], depth + 1)
        )
          return false;
        first = false;
      }
      return push("}");
    };
    walk(value, 0);
    return out.join("");
  }
}
