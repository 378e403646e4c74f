/**
 * Best-effort string generation from a JSON-schema `pattern`: literals, classes, \d \w \s, groups,
 * alternation and quantifiers. The result is verified by the caller; lookarounds and backrefs are not supported.
 */
import type { Rng } from "./rng";

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
    while (this.src[this.i] === "|") { this.i++; options.push(this.seq()); }
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
    if (c === "\\") { const e = this.src[this.i++] ?? ""; return { k: "chars", set: ESCAPES[e] ?? e }; }
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
      let c = this.src[this.i++]!;
      if (c === "\\") { const e = this.src[this.i++] ?? ""; set += ESCAPES[e] ?? e; continue; }
      if (this.src[this.i] === "-" && this.src[this.i + 1] && this.src[this.i + 1] !== "]") {
        const end = this.src[this.i + 1]!.charCodeAt(0);
        this.i += 2;
        for (let code = c.charCodeAt(0); code <= end && code - c.charCodeAt(0) < 200; code++) set += String.fromCharCode(code);
        continue;
      }
      set += c;
      c = "";
    }
    this.i++; // "]"
    if (negate) set = [...PRINTABLE].filter((ch) => !set.includes(ch)).join("") || "~";
    return { k: "chars", set: set || "a" };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = 1, max = 1;
    if (c === "?") { min = 0; max = 1; this.i++; }
    else if (c === "*") { min = 0; max = 3; this.i++; }
    else if (c === "+") { min = 1; max = 4; this.i++; }
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : min + 3) : min;
      this.i += m[0].length;
    } else return node;
    if (this.src[this.i] === "?") this.i++; // lazy: same language
    return { k: "rep", node, min, max };
  }
}

function emit(node: Node, rng: Rng): string {
  switch (node.k) {
    case "chars": return node.set.charAt(Math.floor(rng.next() * node.set.length));
    case "seq": return node.items.map((n) => emit(n, rng)).join("");
    case "alt": return emit(rng.any(node.options), rng);
    case "rep": {
      let out = "";
      for (let n = rng.int(node.min, Math.max(node.min, node.max)); n > 0; n--) out += emit(node.node, rng);
      return out;
    }
  }
}

/** A string matching `pattern`, or null when the pattern is beyond this generator. */
export function fromPattern(pattern: string, rng: Rng): string | null {
  try {
    const re = new RegExp(pattern, "u");
    const ast = new Parser(pattern).alt();
    for (let attempt = 0; attempt < 4; attempt++) {
      const s = emit(ast, rng);
      if (re.test(s)) return s;
    }
  } catch {
    // Unsupported syntax: the caller falls back to an ordinary value.
  }
  return null;
}
