/** SQL answers: a query shape picked from the ask (top-n, group-by, aggregate, join, duplicates, select). */
import { keyTerms } from "../words";

export type SqlShape = "topn" | "groupby" | "aggregate" | "join" | "duplicates" | "select";

// Plural words that are not table names.
const NOT_TABLE = new Set([
  "rows",
  "columns",
  "tables",
  "values",
  "results",
  "records",
  "details",
  "duplicates",
  "queries",
  "fields",
  "days",
  "months",
  "years",
  "weeks",
  "hours",
  "minutes",
  "items",
  "entries",
  "numbers",
  "sales",
  // Verbs that look like plural nouns.
  "lists",
  "gets",
  "finds",
  "returns",
  "shows",
  "counts",
  "selects",
  "fetches",
  "sums",
  "groups",
  "joins",
]);
const TIME_KEYS = new Set(["day", "week", "month", "year", "quarter", "hour"]);
const PLAIN_KEYS = new Set([
  "category",
  "status",
  "country",
  "region",
  "department",
  "type",
  "city",
  "state",
  "email",
  "name",
]);
const MEASURES = /\b(revenue|price|salary|score|amount|quantity|rating|duration|age|balance|spend|spending)\b/;

const singular = (w: string): string =>
  w
    .replace(/ies$/, "y")
    .replace(/(ss|sh|ch|x)es$/, "$1")
    .replace(/s$/, "");

function shapeOf(q: string): SqlShape {
  if (/\btop\s+\d+|\b(?:highest|largest|most|best|biggest|lowest|least)\b/.test(q)) return "topn";
  if (/\bduplicates?\b|\bappear(?:s)? more than once\b/.test(q)) return "duplicates";
  if (
    /\b(?:per|each)\s+[a-z]+|\bgroup(?:ed)? by\b|\bby (?:day|week|month|year|quarter|category|status|country|region|department|type|city)\b/.test(
      q,
    )
  )
    return "groupby";
  if (/\b(?:count|how many|number of|total|sum|average|avg|mean|max(?:imum)?|min(?:imum)?)\b/.test(q))
    return "aggregate";
  if (/\bjoin\w*\b|\b(?:with|and) (?:their|its|the corresponding)\b|\balong with\b/.test(q)) return "join";
  return "select";
}

function aggregateOf(q: string, measure: string): { expr: string; alias: string } {
  if (/\b(?:average|avg|mean)\b/.test(q)) return { expr: `AVG(${measure})`, alias: `avg_${measure}` };
  if (/\bmax(?:imum)?\b/.test(q)) return { expr: `MAX(${measure})`, alias: `max_${measure}` };
  if (/\bmin(?:imum)?\b/.test(q)) return { expr: `MIN(${measure})`, alias: `min_${measure}` };
  if (/\b(?:total|sum)\b/.test(q)) return { expr: `SUM(${measure})`, alias: `total_${measure}` };
  return { expr: "COUNT(*)", alias: "row_count" };
}

export function sqlAnswer(question: string, d: string): { code: string; points: string[]; shape: SqlShape } {
  const q = question.toLowerCase();
  const terms = keyTerms(q, 12);
  const isTable = (w: string): boolean => /^[a-z_]{3,}s$/.test(w) && !NOT_TABLE.has(w) && !/ss$/.test(w);
  // "duplicate emails in users": the noun after from/in names the table; otherwise the first plural noun.
  const named = /\b(?:from|in) (?:the |a |my )?([a-z_]+)(?: table)?\b/.exec(q)?.[1];
  const table = (named && isTable(named) ? named : terms.find(isTable)) ?? "orders";
  const one = singular(table);
  const a = table[0]!;
  const measure = MEASURES.exec(q)?.[1] ?? "amount";
  const shape = shapeOf(q);
  const head = `-- ${d}\n`;

  if (shape === "topn") {
    const limit = Number(/\btop\s+(\d{1,3})\b/.exec(q)?.[1] ?? 10);
    const child = table === "orders" ? "order_items" : "orders";
    const dir = /\b(?:lowest|least)\b/.test(q) ? "ASC" : "DESC";
    const metric = measure === "amount" ? "total_amount" : `total_${measure}`;
    return {
      shape,
      code: `${head}SELECT\n    ${a}.id,\n    ${a}.name,\n    SUM(x.${measure === "revenue" ? "amount" : measure}) AS ${metric}\nFROM ${table} AS ${a}\nJOIN ${child} AS x ON x.${one}_id = ${a}.id\nGROUP BY ${a}.id, ${a}.name\nORDER BY ${metric} ${dir}\nLIMIT ${limit};`,
      points: [
        `The \`JOIN\` links each row of \`${table}\` to its \`${child}\`, and \`GROUP BY\` adds them up per ${one}.`,
        `\`ORDER BY ${metric} ${dir}\` ranks the totals and \`LIMIT ${limit}\` keeps the top ${limit}.`,
        "Add a `WHERE` clause before `GROUP BY` to restrict the time window (for example, the last 30 days).",
      ],
    };
  }
  if (shape === "duplicates") {
    const col = /\b(email|name|phone|username|title|sku)s?\b/.exec(q)?.[1] ?? "email";
    return {
      shape,
      code: `${head}SELECT\n    ${col},\n    COUNT(*) AS occurrences\nFROM ${table}\nGROUP BY ${col}\nHAVING COUNT(*) > 1\nORDER BY occurrences DESC;`,
      points: [
        `\`GROUP BY ${col}\` puts rows with the same value together, and \`HAVING COUNT(*) > 1\` keeps only the duplicates.`,
        `To list the duplicate rows themselves, join this result back to \`${table}\` on \`${col}\`.`,
      ],
    };
  }
  if (shape === "groupby") {
    const keyWord = /\b(?:per|each|by)\s+([a-z]+)/.exec(q.replace(/\bgroup(?:ed)? by\b/, "by"))?.[1] ?? "category";
    const key = singular(keyWord);
    const time = TIME_KEYS.has(key);
    const keyExpr = time ? `DATE_TRUNC('${key}', created_at)` : PLAIN_KEYS.has(key) ? key : `${key}_id`;
    const keyAlias = time ? key : keyExpr;
    const agg = aggregateOf(q, measure);
    return {
      shape,
      code: `${head}SELECT\n    ${time ? `${keyExpr} AS ${keyAlias}` : keyExpr},\n    ${agg.expr} AS ${agg.alias}\nFROM ${table}\nGROUP BY ${time ? keyExpr : keyAlias}\nORDER BY ${time ? keyAlias : agg.alias}${time ? "" : " DESC"};`,
      points: [
        `\`GROUP BY\` produces one row per ${key}, and \`${agg.expr}\` is computed within each group.`,
        time
          ? "`DATE_TRUNC` (PostgreSQL) rounds each timestamp down to the start of its period; MySQL uses `DATE_FORMAT` instead."
          : `Rows are ordered by \`${agg.alias}\`, largest first.`,
        "Add a `WHERE` clause before `GROUP BY` to filter rows, or `HAVING` after it to filter groups.",
      ],
    };
  }
  if (shape === "aggregate") {
    const agg = aggregateOf(q, measure);
    return {
      shape,
      code: `${head}SELECT\n    ${agg.expr} AS ${agg.alias}\nFROM ${table}\nWHERE created_at >= '2024-01-01';`,
      points: [
        `\`${agg.expr}\` collapses all matching rows of \`${table}\` into a single value.`,
        "The `WHERE` clause limits the rows considered; change or remove the date to widen it.",
      ],
    };
  }
  if (shape === "join") {
    const child = table === "orders" ? "order_items" : "orders";
    return {
      shape,
      code: `${head}SELECT\n    ${a}.id,\n    ${a}.name,\n    x.id AS ${singular(child)}_id,\n    x.created_at\nFROM ${table} AS ${a}\nLEFT JOIN ${child} AS x ON x.${one}_id = ${a}.id\nORDER BY ${a}.id, x.created_at DESC;`,
      points: [
        `\`LEFT JOIN\` keeps every row of \`${table}\`, even those without matching \`${child}\` (their columns come back as \`NULL\`).`,
        `Use an inner \`JOIN\` instead if you only want ${table} that have ${child}.`,
      ],
    };
  }
  return {
    shape,
    code: `${head}SELECT\n    id,\n    name,\n    created_at\nFROM ${table}\nWHERE created_at >= '2024-01-01'\nORDER BY created_at DESC\nLIMIT 100;`,
    points: [
      `The query selects only the columns you need from \`${table}\` rather than \`SELECT *\`.`,
      "`ORDER BY created_at DESC` returns the newest rows first, and `LIMIT 100` caps the result size.",
    ],
  };
}
