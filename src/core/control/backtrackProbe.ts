/*
 * A rule's regex runs on the event loop, against up to MAX_REGEX_SUBJECT characters of every prompt
 * it is checked on, and JavaScript cannot interrupt a match: one that backtracks catastrophically
 * freezes the server (and, in VS Code, the extension host). nestedQuantifier() catches the classic
 * shape, (a+)+; overlapping alternatives, (a|aa)*, and runs of overlapping quantifiers, a*a*a*b,
 * are as bad and have no simple shape. So before a regex is accepted it is run on growing inputs
 * made to pump it (a character or a short run of the pattern's own, repeated, then one that fails
 * the match) and timed: cost that grows faster than MAX_GROWTH_DEGREE refuses it.
 * A probe, not a proof: a pattern that only blows up on a crafted mix of characters can pass.
 */

/**
 * Growth faster than this power of the input's length is refused (exponential growth reads as a
 * very high power). Quadratic patterns, such as \w+@\w+ on a long run of letters, are common and
 * stay acceptable: the subject cap bounds them to a fraction of a second on the worst input.
 */
export const MAX_GROWTH_DEGREE = 2.5;
/** Inputs grow by this factor: small enough that one step of an exponential blow-up stays short. */
const GROWTH = 1.25;
/** A run slower than this ends the climb, and the growth is read from an earlier, 4x shorter run. */
const CLIMB_MS = 1;
/** Runs faster than this are too short to time: growth from one of them reads as steep. */
const TIMEABLE_MS = 0.02;

/** Members of common classes (\w, \d, \s, ., [^…]) that a pattern's literals may not include. */
const CLASS_MEMBERS = ["a", "A", "0", " ", "\n", "_", "-", ".", ",", "é"];
/** Characters that end most pumped runs without matching: a control character, then punctuation. */
const FAILING_ENDS = ["\u0001", "!"];
/** Pumps tried at most per pattern (a long alternation of words would otherwise give hundreds). */
const MAX_PUMPS = 48;

/** Pump candidates: the class members, each literal character of the pattern and its short word runs. */
function pumps(pattern: string): string[] {
  const out = new Set(CLASS_MEMBERS);
  for (const ch of pattern) if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch)) out.add(ch);
  for (const m of pattern.matchAll(/[\p{L}\p{N}]{2,3}/gu)) out.add(m[0]);
  return [...out].slice(0, MAX_PUMPS);
}

/** The literal text an anchored pattern must start with (`^abc(…)` → "abc"), so that the pump gets past it. */
function leadingLiteral(pattern: string): string {
  const m = /^\^?([\p{L}\p{N} ,:;=_-]*)/u.exec(pattern)!;
  // A quantified last character is not required: leave it out.
  return /^[*+?{]/.test(pattern.slice(m[0].length)) ? m[1]!.slice(0, -1) : m[1]!;
}

function timeOf(re: RegExp, subject: string): number {
  re.lastIndex = 0;
  const t0 = performance.now();
  re.test(subject);
  return performance.now() - t0;
}

/** The slower of two runs is noise (a GC pause, the machine): the faster one counts. */
const measured = (re: RegExp, subject: string) => Math.min(timeOf(re, subject), timeOf(re, subject));

/**
 * A pumped input on which `re`'s cost grows faster than MAX_GROWTH_DEGREE, described for the user
 * (e.g. `"a" × 10000 then "!"`), or undefined when no probe found one. Inputs stop at `cap` characters.
 */
export function findSlowInput(re: RegExp, pattern: string, cap: number): string | undefined {
  for (const prefix of new Set(["", leadingLiteral(pattern)]))
    for (const pump of pumps(pattern))
      for (const end of FAILING_ENDS) {
        const input = (n: number) =>
          prefix + pump.repeat(Math.max(1, Math.floor((n - prefix.length - 1) / pump.length))) + end;
        const runs: { n: number; ms: number }[] = [];
        for (let n = 8; ; n = Math.min(cap, Math.ceil(n * GROWTH))) {
          const ms = measured(re, input(n));
          if (ms > CLIMB_MS) {
            if (growthDegree(runs, n, ms) > MAX_GROWTH_DEGREE)
              return `${prefix ? `${JSON.stringify(prefix)} then ` : ""}${JSON.stringify(pump)} × ${Math.round(cap / pump.length)} then ${JSON.stringify(end)}`;
            break;
          }
          if (n >= cap) break;
          runs.push({ n, ms });
        }
      }
  return undefined;
}

/** The power of the length by which the cost grew from the last run at most a quarter as long. */
function growthDegree(runs: readonly { n: number; ms: number }[], n: number, ms: number): number {
  let base: { n: number; ms: number } | undefined;
  for (const r of runs) if (r.n * 4 <= n) base = r;
  // Too fast to time a quarter as long: the cost jumped over 50x in two doublings.
  if (!base || base.ms < TIMEABLE_MS) return Infinity;
  return Math.log(ms / base.ms) / Math.log(n / base.n);
}
