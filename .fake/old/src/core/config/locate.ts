/** Where a key or table header sits in a TOML text, for Problems-panel positions. 1-based. */
export interface Position {
  line: number;
  column: number;
}

const HEADER = /^\s*\[\s*([^[\]]+?)\s*\]/;
const KEY = /^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/;

function normalize(path: string): string {
  return path
    .split(".")
    .map((part) => part.trim().replace(/^["']|["']$/g, ""))
    .join(".");
}

/**
 * Finds a dotted path ("server.port", "scenarios.flaky", "scenarios.flaky.hang") by a line scan:
 * a table header equal to the path, or a key line whose table + key equal it. Good enough for
 * config files; values spanning lines (multi-line arrays) are not mistaken for keys since their
 * continuation lines have no "=".
 */
export function locate(text: string, dottedPath: string): Position | undefined {
  const lines = text.split(/\r?\n/);
  let table = "";
  let inMultiline = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Skip the inside of multi-line strings; their lines could look like keys.
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inMultiline) {
      if (quotes % 2 === 1) inMultiline = false;
      continue;
    }
    if (quotes % 2 === 1) inMultiline = true;
    const header = HEADER.exec(line);
    if (header && !line.trimStart().startsWith("[[")) {
      table = normalize(header[1]!);
      if (table === dottedPath) return { line: i + 1, column: line.indexOf("[") + 1 };
      continue;
    }
    const key = KEY.exec(line);
    if (key) {
      const full = (table ? table + "." : "") + normalize(key[1]!);
      if (full === dottedPath) return { line: i + 1, column: line.length - line.trimStart().length + 1 };
    }
  }
  return undefined;
}
