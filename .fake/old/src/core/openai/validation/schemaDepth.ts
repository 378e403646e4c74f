import { invalidParam } from "../errors";

/** How deeply a schema (text.format.schema, tools[].parameters) may nest objects and arrays. */
export const MAX_SCHEMA_DEPTH = 100;

/** Whether `v` nests objects/arrays more than `max` levels deep. Iterative, so hostile input cannot overflow the stack. */
export function nestsDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** Rejects a schema that nests too deeply to echo back (JSON.stringify would overflow the stack). */
export function checkSchemaDepth(param: string, v: unknown): void {
  if (nestsDeeperThan(v, MAX_SCHEMA_DEPTH))
    throw invalidParam(
      param,
      `Invalid '${param}': the schema is nested too deeply. Expected at most ${MAX_SCHEMA_DEPTH} levels of nested objects and arrays.`,
      "invalid_value",
    );
}
