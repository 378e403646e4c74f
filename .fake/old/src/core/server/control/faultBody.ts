import type { QueueOptions } from "../../control/faultQueue";
import type { RuleMatch } from "../../control/rules";
import { compileRuleRegex } from "../../control/safeRegex";

const STRINGS = ["endpoint", "model", "user_contains", "system_contains"] as const;
const REGEXES = ["user_regex", "system_regex"] as const;
const KEYS = [...STRINGS, ...REGEXES, "tools", "headers"];

/**
 * Reads `POST /__mock/faults`' body: `{"fault": "429", "count": 2, "match": {"model": "gpt-4o"}}`,
 * `match` taking a rule's conditions (regexes as strings). Throws an Error worded for the client.
 */
export function readFaultBody(body: unknown): { fault: string; options: QueueOptions } {
  const b = (typeof body === "string" ? { fault: body } : body) as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!["fault", "count", "match"].includes(k)) throw new Error(`unknown field "${k}"; expected fault, count, match`);
  if (typeof b.fault !== "string" || b.fault.trim() === "")
    throw new Error('"fault" must be a fault spec such as "429", "reset", "truncate:3" or "hang"');
  const options: QueueOptions = {};
  if (b.count !== undefined) {
    if (typeof b.count !== "number" || !Number.isSafeInteger(b.count) || b.count < 1)
      throw new Error('"count" must be a whole number >= 1');
    options.count = b.count;
  }
  if (b.match !== undefined) options.match = readMatch(b.match);
  return { fault: b.fault.trim(), options };
}

function readMatch(raw: unknown): RuleMatch {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error('"match" must be an object');
  const m: RuleMatch = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!KEYS.includes(k)) throw new Error(`unknown match key "${k}"; expected ${KEYS.join(", ")}`);
    if ((STRINGS as readonly string[]).includes(k)) {
      if (typeof v !== "string") throw new Error(`match.${k} must be a string`);
      m[k as (typeof STRINGS)[number]] = v;
    } else if ((REGEXES as readonly string[]).includes(k)) {
      if (typeof v !== "string") throw new Error(`match.${k} must be a regular expression as a string`);
      try {
        m[k as (typeof REGEXES)[number]] = compileRuleRegex(v);
      } catch (e) {
        throw new Error(`match.${k}: ${(e as Error).message}`, { cause: e });
      }
    } else if (k === "tools") {
      if (typeof v !== "boolean") throw new Error("match.tools must be true or false");
      m.tools = v;
    } else {
      if (
        typeof v !== "object" ||
        v === null ||
        Array.isArray(v) ||
        Object.values(v).some((x) => typeof x !== "string")
      )
        throw new Error("match.headers must be an object of header name → exact value");
      m.headers = Object.fromEntries(Object.entries(v as Record<string, string>).map(([n, x]) => [n.toLowerCase(), x]));
    }
  }
  return m;
}
