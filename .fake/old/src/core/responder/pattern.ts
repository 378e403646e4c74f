/**
 * Best-effort string generation from a JSON-schema `pattern`: literals, classes, \d \w \s, groups,
 * alternation and quantifiers. Lookarounds and backrefs are not supported.
 *
 * Patterns come from clients, and V8 regexes backtrack without a time limit ("(a+)+$" against
 * 30 a's and a "b" takes seconds), so a client regex only ever runs against short strings when its
 * shape cannot backtrack badly; otherwise the string built from the pattern is trusted as is.
 */
import type { Rng } from "./rng";

// Longer patterns fall back to a plain string: parsing and compiling them is not worth the risk.
export const MAX_PATTERN_LENGTH = 256;
// `{1000000}` would mean a million characters; repetitions are clamped (the result may then not match).
const MAX_REPEAT = 32;
// Nested repetitions multiply; an emission past this many characters is abandoned.
const MAX_EMIT = 2048;
// Only strings this short are tested against a (shape-checked) client regex.
const MAX_VERIFY = 256;

type Node =
  | { k: "chars"; set: string }
  | { k: "seq"; items: Node[] }
  | { k: "alt"; options: Node[] }
  | { k: "rep"; node: Node; min: number; max: number };

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const WORD = LOWER + UPPER + DIGITS + "_";
const PRINTABLE = LOWER + UPPER + DIGITS + " -_.";
const ESCAPES: Record<string, string> = { d: DIGITS, w: WORD, s: " ", D: LOWER, W: "-", S: LOWER, n: "\n", t: "\t" };

class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  alt(): Node {
    const options = [this.seq()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.seq());
    }
    return options.length === 1 ? options[0]! : { k: "alt", options };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { k: "seq", items };
  }

  private atom(): Node | null {
    const c = this.src[this.i++]!;
    if (c === "^" || c === "$") return null;
    if (c === ".") return { k: "chars", set: LOWER };
    if (c === "\\") {
      const e = this.src[this.i++] ?? "";
      return { k: "chars", set: ESCAPES[e] ?? e };
    }
    if (c === "(") {
      if (this.src[this.i] === "?") {
        if (this.src[this.i + 1] !== ":") throw new Error("unsupported group");
        this.i += 2;
      }
      const inner = this.alt();
      this.i++; // ")"
      return inner;
    }
    if (c === "[") return this.cls();
    return { k: "chars", set: c };
  }

  private cls(): Node {
    const negate = this.src[this.i] === "^";
    if (negate) this.i++;
    let set = "";
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      const c = this.src[this.i++]!;
      if (c === "\\") {
        const e = this.src[this.i++] ?? "";
        set += ESCAPES[e] ?? e;
        continue;
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] && this.src[this.i + 1] !== "]") {
        const end = this.src[this.i + 1]!.charCodeAt(0);
        this.i += 2;
        for (let code = c.charCodeAt(0); code <= end && code - c.charCodeAt(0) < 200; code++)
          set += String.fromCharCode(code);
        continue;
      }
      set += c;
    }
    this.i++; // "]"
    if (negate) set = [...PRINTABLE].filter((ch) => !set.includes(ch)).join("") || "~";
    return { k: "chars", set: set || "a" };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number, max: number;
    if (c === "?") {
      min = 0;
      max = 1;
      this.i++;
    } else if (c === "*") {
      min = 0;
      max = 3;
      this.i++;
    } else if (c === "+") {
      min = 1;
      max = 4;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node;
      min = Math.min(Number(m[1]), MAX_REPEAT);
      max = Math.min(m[2] ? (m[3] ? Number(m[3]) : min + 3) : min, MAX_REPEAT);
      this.i += m[0].length;
    } else return node;
    if (this.src[this.i] === "?") this.i++; // lazy: same language
    return { k: "rep", node, min, max };
  }
}

class TooLong extends Error {}

function emit(node: Node, rng: Rng, out: { s: string }): void {
  switch (node.k) {
    case "chars":
      out.s += node.set.charAt(Math.floor(rng.next() * node.set.length));
      if (out.s.length > MAX_EMIT) throw new TooLong();
      return;
    case "seq":
      for (const n of node.items) emit(n, rng, out);
      return;
    case "alt":
      emit(rng.any(node.options), rng, out);
      return;
    case "rep":
      for (let n = rng.int(node.min, Math.max(node.min, node.max)); n > 0; n--) emit(node.node, rng, out);
      return;
  }
}

/**
 * Whether running the regex cannot backtrack catastrophically: no repetition inside a repetition,
 * no alternation inside a repetition, and at most one variable-count repetition (so matching a
 * string of length n costs about n^2 steps at worst).
 */
function backtrackSafe(root: Node): boolean {
  let variable = 0;
  const walk = (node: Node, inRep: boolean): boolean => {
    switch (node.k) {
      case "chars":
        return true;
      case "seq":
        return node.items.every((n) => walk(n, inRep));
      case "alt":
        return !inRep && node.options.every((n) => walk(n, inRep));
      case "rep":
        if (inRep) return false;
        if (node.max > node.min) variable++;
        return variable <= 1 && walk(node.node, true);
    }
  };
  return walk(root, false);
}

/** Caps the total regex work of one generation (sum of n^2 over verified strings). */
export interface RegexBudget {
  regexWork: number;
}

/**
 * `candidate` when it (verifiably) matches `pattern`, else a string built to match it, else null
 * (pattern too long, unsupported, or no match found): the caller then keeps an ordinary value.
 */
export function matchPattern(pattern: string, candidate: string, rng: Rng, budget: RegexBudget): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  let re: RegExp;
  try {
    re = new RegExp(pattern, "u");
  } catch {
    return candidate;
  } // invalid pattern: nothing to satisfy
  let ast: Node | null = null;
  try {
    ast = new Parser(pattern).alt();
  } catch {
    /* unsupported syntax */
  }
  const safe = ast !== null && backtrackSafe(ast);
  const test = (s: string): boolean | null => {
    if (!safe || s.length > MAX_VERIFY || budget.regexWork <= 0) return null; // unknown: not worth the risk
    budget.regexWork -= (s.length + 1) * (s.length + 1);
    return re.test(s);
  };
  if (test(candidate) === true) return candidate;
  if (!ast) return null;
  for (let attempt = 0; attempt < 4; attempt++) {
    const out = { s: "" };
    try {
      emit(ast, rng, out);
    } catch {
      continue;
    } // TooLong
    const ok = test(out.s);
    // Unverifiable strings are trusted: the builder follows the pattern for the syntax it parses.
    if (ok !== false) return out.s;
  }
  return null;
}
