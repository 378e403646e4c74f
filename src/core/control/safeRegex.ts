/** Compiles a rule's `user_regex` / `system_regex`, refusing patterns that could freeze the server. */

/** Longest pattern accepted. */
export const MAX_RULE_REGEX_LENGTH = 500;
/** Only this much of a prompt is tested against a rule's regex (defence in depth). */
export const MAX_REGEX_SUBJECT = 10_000;

/**
 * The first quantified group that holds an unbounded quantifier (`(a+)+`, `(a*)*`, `(\w+\s?)*`,
 * `((a+)?){2,}`), as written, or undefined. Quantifiers are `*`, `+` and `{n,}`.
 */
export function nestedQuantifier(pattern: string): string | undefined {
  // One frame per open group: where it starts, and whether anything inside repeats without bound.
  const frames: { start: number; unbounded: boolean }[] = [{ start: 0, unbounded: false }];
  let i = 0;
  /** Reads a quantifier at i, if any: whether it is unbounded, and moves past it (and a lazy `?`). */
  const quantifier = (): boolean | undefined => {
    const c = pattern[i];
    let unbounded: boolean | undefined;
    if (c === "*" || c === "+" || c === "?") {
      unbounded = c !== "?";
      i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!m) return undefined;
      unbounded = m[2] !== undefined && m[3] === "";
      i += m[0].length;
    } else return undefined;
    if (pattern[i] === "?") i++;
    return unbounded;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      i += 2;
      if (quantifier()) frames.at(-1)!.unbounded = true;
    } else if (c === "[") {
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      i++;
      if (quantifier()) frames.at(-1)!.unbounded = true;
    } else if (c === "(") {
      frames.push({ start: i, unbounded: false });
      i++;
    } else if (c === ")" && frames.length > 1) {
      const group = frames.pop()!;
      i++;
      const q = quantifier();
      if (q && group.unbounded) return pattern.slice(group.start, i);
      if (q || group.unbounded) frames.at(-1)!.unbounded = true;
    } else {
      i++;
      if (quantifier()) frames.at(-1)!.unbounded = true;
    }
  }
  return undefined;
}

/** `new RegExp(pattern, flags)`, or an Error worded for the user when the pattern is invalid or unsafe. */
export function compileRuleRegex(pattern: string, flags = ""): RegExp {
  if (pattern.length > MAX_RULE_REGEX_LENGTH)
    throw new Error(`pattern is ${pattern.length} characters long; at most ${MAX_RULE_REGEX_LENGTH} are allowed`);
  const re = new RegExp(pattern, flags);
  const nested = nestedQuantifier(pattern);
  if (nested)
    throw new Error(
      `"${nested}" repeats a group that itself repeats without bound, which can backtrack catastrophically; ` +
        "make the inner part bounded or unambiguous (e.g. (a+)+ → a+)",
    );
  return re;
}
