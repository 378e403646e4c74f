/**
 * Exact answers for the classic demo prompts (reverse a string, palindrome, fibonacci, factorial, prime)
 * in the most-asked languages; everything else uses the generic per-language template.
 */
import type { Names } from "./code-templates";
import type { CodeLang } from "./intent";

type Known = "reverse" | "palindrome" | "fibonacci" | "factorial" | "prime";
type Lang = "python" | "typescript" | "javascript";

const DETECT: ReadonlyArray<readonly [Known, RegExp]> = [
  ["palindrome", /\bpalindrom/],
  ["fibonacci", /\bfibonacci\b/],
  ["factorial", /\bfactorial\b/],
  ["prime", /\bprimes?\b/],
  ["reverse", /\brevers\w*\b.*\b(?:string|text|word)s?\b/],
];

const PY: Record<Known, (f: string) => string> = {
  reverse: (f) => `def ${f}(text: str) -> str:\n    """Return the characters of text in reverse order."""\n    return text[::-1]\n\n\nprint(${f}("hello"))  # olleh`,
  palindrome: (f) => `def ${f}(text: str) -> bool:\n    """Check whether text reads the same forwards and backwards, ignoring case and punctuation."""\n    cleaned = [ch.lower() for ch in text if ch.isalnum()]\n    return cleaned == cleaned[::-1]\n\n\nprint(${f}("A man, a plan, a canal: Panama"))  # True`,
  fibonacci: (f) => `def ${f}(n: int) -> list[int]:\n    """Return the first n Fibonacci numbers."""\n    sequence: list[int] = []\n    a, b = 0, 1\n    for _ in range(n):\n        sequence.append(a)\n        a, b = b, a + b\n    return sequence\n\n\nprint(${f}(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
  factorial: (f) => `def ${f}(n: int) -> int:\n    """Return n! for a non-negative integer n."""\n    if n < 0:\n        raise ValueError("n must be non-negative")\n    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result\n\n\nprint(${f}(5))  # 120`,
  prime: (f) => `def ${f}(n: int) -> bool:\n    """Return True if n is a prime number."""\n    if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n            return False\n        i += 1\n    return True\n\n\nprint([x for x in range(20) if ${f}(x)])`,
};

const TS: Record<Known, (f: string, typed: boolean) => string> = {
  reverse: (f, t) => `function ${f}(text${t ? ": string" : ""})${t ? ": string" : ""} {\n  // Spread by code point so emoji and accents survive.\n  return [...text].reverse().join("");\n}\n\nconsole.log(${f}("hello")); // "olleh"`,
  palindrome: (f, t) => `function ${f}(text${t ? ": string" : ""})${t ? ": boolean" : ""} {\n  const cleaned = text.toLowerCase().replace(/[^a-z0-9]/g, "");\n  return cleaned === [...cleaned].reverse().join("");\n}\n\nconsole.log(${f}("A man, a plan, a canal: Panama")); // true`,
  fibonacci: (f, t) => `function ${f}(n${t ? ": number" : ""})${t ? ": number[]" : ""} {\n  const sequence${t ? ": number[]" : ""} = [];\n  let [a, b] = [0, 1];\n  for (let i = 0; i < n; i++) {\n    sequence.push(a);\n    [a, b] = [b, a + b];\n  }\n  return sequence;\n}\n\nconsole.log(${f}(10)); // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
  factorial: (f, t) => `function ${f}(n${t ? ": number" : ""})${t ? ": number" : ""} {\n  if (n < 0) throw new RangeError("n must be non-negative");\n  let result = 1;\n  for (let i = 2; i <= n; i++) result *= i;\n  return result;\n}\n\nconsole.log(${f}(5)); // 120`,
  prime: (f, t) => `function ${f}(n${t ? ": number" : ""})${t ? ": boolean" : ""} {\n  if (n < 2) return false;\n  for (let i = 2; i * i <= n; i++) {\n    if (n % i === 0) return false;\n  }\n  return true;\n}\n\nconsole.log([...Array(20).keys()].filter(${f})); // [2, 3, 5, 7, 11, 13, 17, 19]`,
};

export const KNOWN_POINTS: Record<Known, string[]> = {
  reverse: ["Reversing works on a copy, so the original string is unchanged.", "It runs in O(n) time and uses O(n) extra space."],
  palindrome: ["Non-alphanumeric characters are removed and case is ignored before comparing.", "The comparison is O(n) in the length of the input."],
  fibonacci: ["Two running values hold the last pair of numbers, so no recursion is needed.", "It runs in O(n) time, avoiding the exponential cost of naive recursion."],
  factorial: ["Negative inputs are rejected because factorial is undefined for them.", "`0!` and `1!` both return 1, since the loop body never runs."],
  prime: ["Only divisors up to the square root of `n` need to be checked.", "Numbers below 2 are not prime by definition."],
};

/** A task-specific snippet, or null when the task or language is not one of the classics. */
export function knownCode(task: string, lang: CodeLang, names: Names): { code: string; points: string[] } | null {
  const known = DETECT.find(([, re]) => re.test(task.toLowerCase()))?.[0];
  if (!known || !["python", "typescript", "javascript"].includes(lang)) return null;
  const l = lang as Lang;
  const code = l === "python" ? PY[known](names.snake) : TS[known](names.camel, l === "typescript");
  return { code, points: KNOWN_POINTS[known] };
}
