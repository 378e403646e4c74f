import { isTable } from "../config/issues";
import { formatValue } from "../config/schema";
import { suggestion } from "../config/suggest";
import type { ConfigIssue } from "../config/types";
import { FaultSyntaxError, parseFault, type Fault } from "./faults";
import { compileRuleRegex, MAX_REGEX_SUBJECT } from "./safeRegex";

/** What a rule looks at. Every condition given must hold; an empty match takes every request. */
export interface RuleMatch {
  /** Request path without query, e.g. "/v1/chat/completions". */
  endpoint?: string;
  model?: string;
  /** The last user message contains this text (case-insensitive). */
  user_contains?: string;
  user_regex?: RegExp;
  /** The system (or developer) prompt contains this text (case-insensitive). */
  system_contains?: string;
  system_regex?: RegExp;
  /** Whether the request declares tools. */
  tools?: boolean;
  /** Header name (lower case) → exact value. */
  headers?: Record<string, string>;
}

export interface LatencyOverride {
  delay_ms?: number;
  ttft_ms?: number;
  tokens_per_second?: number;
  jitter_percent?: number;
}

export interface RuleAction {
  /** A canned answer, streamed like a generated one. */
  reply?: string;
  tool_call?: { name: string; arguments: string };
  fault?: Fault;
  latency?: LatencyOverride;
  /** Answer this request as that scenario would. */
  scenario?: string;
}

export interface Rule {
  /** `name`, or "rules[<n>]" (its 1-based place in its file). */
  name: string;
  /** The file (and line) it came from, for messages. */
  origin: string;
  /** Where its [[rules]] header is, for Problems-panel positions. */
  position?: { file: string; line?: number; column?: number };
  match: RuleMatch;
  action: RuleAction;
}

/** What the matcher needs from a request; the route extracts it once. */
export interface RuleSubject {
  endpoint: string;
  model: string | null;
  lastUser: string;
  system: string;
  tools: boolean;
  header(name: string): string | undefined;
}

const MATCH_KEYS = [
  "endpoint",
  "model",
  "user_contains",
  "user_regex",
  "system_contains",
  "system_regex",
  "tools",
  "headers",
];
const RULE_KEYS = ["name", "match", "reply", "tool_call", "fault", "latency", "scenario"];
const LATENCY_KEYS = ["delay_ms", "ttft_ms", "tokens_per_second", "jitter_percent"];

/** The first rule whose every condition holds, or undefined. */
export function matchRule(rules: readonly Rule[], s: RuleSubject): Rule | undefined {
  return rules.find((r) => matches(r.match, s));
}

export function matches(m: RuleMatch, s: RuleSubject): boolean {
  if (m.endpoint !== undefined && m.endpoint !== s.endpoint) return false;
  if (m.model !== undefined && m.model !== s.model) return false;
  if (m.tools !== undefined && m.tools !== s.tools) return false;
  if (m.user_contains !== undefined && !s.lastUser.toLowerCase().includes(m.user_contains.toLowerCase())) return false;
  if (m.user_regex && !m.user_regex.test(s.lastUser.slice(0, MAX_REGEX_SUBJECT))) return false;
  if (m.system_contains !== undefined && !s.system.toLowerCase().includes(m.system_contains.toLowerCase()))
    return false;
  if (m.system_regex && !m.system_regex.test(s.system.slice(0, MAX_REGEX_SUBJECT))) return false;
  for (const [name, value] of Object.entries(m.headers ?? {})) if (s.header(name) !== value) return false;
  return true;
}

/**
 * Whether `earlier` takes every request `later` would: each of its conditions is also in `later`,
 * equal or stricter (a longer substring containing it). Regexes only shadow the identical regex.
 */
export function shadows(earlier: RuleMatch, later: RuleMatch): boolean {
  const eq = <T>(a: T | undefined, b: T | undefined) => a === undefined || a === b;
  const sub = (a: string | undefined, b: string | undefined) =>
    a === undefined || (b !== undefined && b.toLowerCase().includes(a.toLowerCase()));
  const re = (a: RegExp | undefined, b: RegExp | undefined) => a === undefined || String(a) === String(b);
  return (
    eq(earlier.endpoint, later.endpoint) &&
    eq(earlier.model, later.model) &&
    eq(earlier.tools, later.tools) &&
    sub(earlier.user_contains, later.user_contains) &&
    sub(earlier.system_contains, later.system_contains) &&
    re(earlier.user_regex, later.user_regex) &&
    re(earlier.system_regex, later.system_regex) &&
    Object.entries(earlier.headers ?? {}).every(([k, v]) => later.headers?.[k] === v)
  );
}

/** Warnings for every rule an earlier one makes unreachable, at the later rule's position. */
export function shadowWarnings(
  rules: readonly Rule[],
  positionOf: (r: Rule) => { file?: string; line?: number; column?: number },
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  rules.forEach((later, i) => {
    const by = rules.slice(0, i).find((earlier) => shadows(earlier.match, later.match));
    if (by)
      out.push({
        file: "",
        ...positionOf(later),
        key: "rules",
        severity: "warning",
        message: `rule "${later.name}" never applies: rule "${by.name}" (${by.origin}) matches every request it would`,
      });
  });
  return out;
}

/** Line and column of the n-th (0-based) `[[rules]]` block in a TOML text, or of a key inside it. */
export function locateRule(text: string, index: number, key?: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*\[\[\s*rules\s*\]\]/.test(line)) {
      seen++;
      if (seen > index) return undefined;
      if (seen === index && key === undefined) return { line: i + 1, column: line.indexOf("[") + 1 };
      continue;
    }
    if (seen !== index || key === undefined) continue;
    if (/^\s*\[/.test(line) && !/^\s*\[\s*rules\./.test(line)) return undefined;
    const at = new RegExp(`(^|[\\s{,.])${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=`).exec(line);
    if (at) return { line: i + 1, column: at.index + at[1]!.length + 1 };
  }
  return undefined;
}

interface Ctx {
  file: string;
  text?: string;
  origin?: string;
}

/**
 * Reads a layer's `rules` array. Unknown keys, wrong types, bad regexes and bad faults are errors
 * positioned at the key (file, line, column); valid rules are returned in file order.
 */
export function readRules(value: unknown, ctx: Ctx): { rules: Rule[]; issues: ConfigIssue[] } {
  const rules: Rule[] = [];
  const issues: ConfigIssue[] = [];
  const issue = (index: number, key: string | undefined, message: string, severity: "error" | "warning" = "error") => {
    const pos = ctx.text !== undefined ? (locateRule(ctx.text, index, key) ?? locateRule(ctx.text, index)) : undefined;
    const i: ConfigIssue = { file: ctx.file, key: `rules[${index + 1}]${key ? "." + key : ""}`, message, severity };
    if (ctx.origin) i.origin = ctx.origin;
    if (pos) Object.assign(i, pos);
    issues.push(i);
  };
  if (!Array.isArray(value)) {
    issues.push({ file: ctx.file, key: "rules", message: "expected [[rules]] tables", severity: "error" });
    return { rules, issues };
  }
  value.forEach((raw, index) => {
    if (!isTable(raw)) return issue(index, undefined, `expected a table, got ${formatValue(raw)}`);
    const before = issues.length;
    const str = (k: string, v: unknown): v is string =>
      typeof v === "string" && v !== ""
        ? true
        : (issue(index, k, `expected a non-empty string, got ${formatValue(v)}`), false);
    const num = (k: string, v: unknown, min: number, max: number): v is number =>
      typeof v === "number" && Number.isFinite(v) && v >= min && v <= max
        ? true
        : (issue(index, k, `expected a number ${min}-${max}, got ${formatValue(v)}`), false);
    const regex = (k: string, v: unknown): RegExp | undefined => {
      // Strings (config files) match case-insensitively; a RegExp (the in-process API) keeps its own flags.
      let flags = "i";
      if (v instanceof RegExp) {
        const bad = v.flags.replace(/[imsu]/g, "");
        if (bad) {
          issue(index, k, `RegExp flag(s) "${bad}" are not supported in rules; use i, m, s or u`);
          return undefined;
        }
        flags = v.flags;
        v = v.source;
      }
      if (!str(k, v)) return undefined;
      try {
        return compileRuleRegex(v, flags);
      } catch (e) {
        issue(index, k, `bad regular expression: ${(e as Error).message}`);
        return undefined;
      }
    };
    const at = ctx.text !== undefined ? locateRule(ctx.text, index) : undefined;
    const rule: Rule = {
      name: `rules[${index + 1}]`,
      origin: `${ctx.origin ?? ctx.file}${at ? `:${at.line}` : ""}`,
      position: { file: ctx.file, ...at },
      match: {},
      action: {},
    };
    for (const [key, v] of Object.entries(raw)) {
      switch (key) {
        case "name":
          if (str(key, v)) rule.name = v;
          break;
        case "match":
          if (!isTable(v)) issue(index, key, `expected a table, got ${formatValue(v)}`);
          else readMatch(v, rule.match, index, { str, regex, issue });
          break;
        case "reply":
          if (typeof v === "string") rule.action.reply = v;
          else issue(index, key, `expected a string, got ${formatValue(v)}`);
          break;
        case "tool_call":
          if (!isTable(v) || typeof v.name !== "string" || v.name === "")
            issue(index, key, `expected { name = "...", arguments = { ... } }, got ${formatValue(v)}`);
          else {
            const extra = Object.keys(v).find((k) => k !== "name" && k !== "arguments");
            if (extra) issue(index, extra, `unknown key "${extra}" in tool_call; expected name, arguments`);
            const args = v.arguments ?? {};
            rule.action.tool_call = { name: v.name, arguments: typeof args === "string" ? args : JSON.stringify(args) };
          }
          break;
        case "fault":
          if (str(key, v))
            try {
              rule.action.fault = parseFault(v);
            } catch (e) {
              if (!(e instanceof FaultSyntaxError)) throw e;
              issue(index, key, e.message);
            }
          break;
        case "latency":
          if (!isTable(v)) issue(index, key, `expected a table, got ${formatValue(v)}`);
          else {
            const l: LatencyOverride = {};
            for (const [lk, lv] of Object.entries(v)) {
              if (!LATENCY_KEYS.includes(lk))
                issue(index, lk, `unknown key "${lk}" in latency${suggestion(lk, LATENCY_KEYS)}`);
              else if (num(lk, lv, 0, lk === "jitter_percent" ? 100 : 600_000)) l[lk as keyof LatencyOverride] = lv;
            }
            rule.action.latency = l;
          }
          break;
        case "scenario":
          if (str(key, v)) rule.action.scenario = v;
          break;
        default:
          issue(index, key, `unknown rule key "${key}"${suggestion(key, RULE_KEYS)}; expected ${RULE_KEYS.join(", ")}`);
      }
    }
    const a = rule.action;
    if (issues.length === before && a.reply === undefined && !a.tool_call && !a.fault && !a.latency && !a.scenario)
      issue(index, undefined, "a rule needs an action: reply, tool_call, fault, latency or scenario");
    if (a.reply !== undefined && a.tool_call)
      issue(index, "tool_call", "a rule answers with reply or tool_call, not both");
    if (issues.length === before) rules.push(rule);
  });
  return { rules, issues };
}

function readMatch(
  v: Record<string, unknown>,
  m: RuleMatch,
  index: number,
  h: {
    str: (k: string, v: unknown) => v is string;
    regex: (k: string, v: unknown) => RegExp | undefined;
    issue: (index: number, key: string | undefined, message: string) => void;
  },
): void {
  for (const [key, value] of Object.entries(v)) {
    switch (key) {
      case "endpoint":
      case "model":
      case "user_contains":
      case "system_contains":
        if (h.str(key, value)) m[key] = value;
        break;
      case "user_regex":
      case "system_regex": {
        const re = h.regex(key, value);
        if (re) m[key] = re;
        break;
      }
      case "tools":
        if (typeof value === "boolean") m.tools = value;
        else h.issue(index, key, `expected true or false, got ${formatValue(value)}`);
        break;
      case "headers":
        if (!isTable(value) || !Object.values(value).every((x) => typeof x === "string"))
          h.issue(index, key, `expected a table of header = "value", got ${formatValue(value)}`);
        else m.headers = Object.fromEntries(Object.entries(value).map(([k, x]) => [k.toLowerCase(), x as string]));
        break;
      default:
        h.issue(
          index,
          key,
          `unknown match key "${key}"${suggestion(key, MATCH_KEYS)}; expected ${MATCH_KEYS.join(", ")}`,
        );
    }
  }
}
