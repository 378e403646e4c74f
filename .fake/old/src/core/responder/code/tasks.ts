/** Which common task a code question asks for, and the language-neutral notes that explain each answer. */
import type { Task } from "./types";

// First match wins: specific tasks before broad ones ("read a file and count words" is a word count,
// "fetch JSON from a URL" is an HTTP GET, not JSON parsing).
const DETECT: ReadonlyArray<readonly [Task, RegExp]> = [
  ["fizzbuzz", /\bfizz ?buzz\b/],
  ["palindrome", /\bpalindrom/],
  ["fibonacci", /\bfibonacci\b|\bfib\b/],
  ["factorial", /\bfactorials?\b/],
  ["prime", /\bprimes?\b|\bprimality\b/],
  ["bsearch", /\bbinary[ -]search|\bbisect/],
  [
    "wordcount",
    /\bword (?:count|frequenc)|\b(?:count|counts|counting|frequenc\w*|occurrences?|tally)\b.{0,30}\bwords?\b/,
  ],
  [
    "httpget",
    /\bhttp\b|\bget request\b|\b(?:fetch|fetches|fetching|download|downloads|call|calls|request|requests|get|gets|retrieve|retrieves)\b.{0,40}\b(?:url|api|endpoint|web|json|http)\b/,
  ],
  [
    "parsejson",
    /\b(?:parse|parses|parsing|decode|decodes|load|loads|read|reads|deserialize|deserializes)\b.{0,30}\bjson\b|\bjson\b.{0,20}\b(?:parse|parser|parsing|string|decode)\b/,
  ],
  [
    "readfile",
    /\b(?:read|reads|reading|load|loads|open|opens)\b.{0,30}\b(?:files?|lines?|txt|csv)\b|\bfile\b.{0,20}\bline by line\b/,
  ],
  ["dedupe", /\bduplicates?\b|\bdedup\w*|\bunique (?:elements|values|items|entries)\b/],
  ["reverse", /\brevers\w*\b.{0,30}\b(?:string|text|word|sentence|str)s?\b/],
  ["sort", /\bsort(?:s|ed|ing)?\b|\bascending\b|\bdescending\b/],
  ["average", /\baverages?\b|\bmean\b|\bavg\b/],
  ["max", /\bmax(?:imum)?\b|\blargest\b|\bbiggest\b|\bhighest\b|\bgreatest\b/],
  ["min", /\bmin(?:imum)?\b|\bsmallest\b|\blowest\b/],
  [
    "sum",
    /\bsum(?:s|ming)?\b|\btotal\b|\badd(?:s|ing)? (?:up )?(?:all )?(?:the )?(?:numbers|integers|ints|values|elements)\b/,
  ],
];

export function detectTask(question: string): Task {
  const q = question.toLowerCase();
  for (const [task, re] of DETECT) if (re.test(q)) return task;
  return "generic";
}

/** Strings rather than numbers: the ask names text items. */
export function wantsStrings(question: string): boolean {
  return /\b(?:strings?|names?|words?|text|emails?|lines?|titles?|alphabetical\w*)\b/i.test(question);
}

/** A short noun for single-word function names, which would shadow builtins (sum, max, sort...). */
export const NAME_TAIL: Record<Task, string> = {
  sum: "numbers",
  average: "numbers",
  max: "value",
  min: "value",
  sort: "items",
  reverse: "string",
  palindrome: "check",
  fibonacci: "sequence",
  factorial: "of",
  prime: "check",
  fizzbuzz: "lines",
  wordcount: "words",
  dedupe: "items",
  bsearch: "index",
  readfile: "lines",
  httpget: "json",
  parsejson: "json",
  generic: "input",
};

/** What the answer calls the task; tests look for it. */
export const LABEL: Record<Task, string> = {
  sum: "sum",
  average: "average",
  max: "largest",
  min: "smallest",
  sort: "sort",
  reverse: "reverse",
  palindrome: "palindrome",
  fibonacci: "Fibonacci",
  factorial: "factorial",
  prime: "prime",
  fizzbuzz: "FizzBuzz",
  wordcount: "word",
  dedupe: "duplicate",
  bsearch: "binary search",
  readfile: "file",
  httpget: "HTTP",
  parsejson: "JSON",
  generic: "skeleton",
};

export const POINTS: Record<Task, string[]> = {
  sum: [
    "It adds each number to a running total, so the sum of an empty input is 0.",
    "It makes a single pass over the input: O(n) time, O(1) extra space.",
  ],
  average: [
    "The average is the sum divided by the count; an empty input is rejected rather than dividing by zero.",
    "Floating-point division keeps the fractional part (2.8, not 2).",
  ],
  max: [
    "It tracks the largest value seen so far in a single O(n) pass.",
    "An empty input has no largest value, so that case is handled explicitly.",
  ],
  min: [
    "It tracks the smallest value seen so far in a single O(n) pass.",
    "An empty input has no smallest value, so that case is handled explicitly.",
  ],
  sort: [
    "It relies on the standard library sort, which runs in O(n log n).",
    "Where the language allows it, the input is copied first so the caller's data is not reordered.",
  ],
  reverse: [
    "Reversing works on a copy, so the original string is unchanged.",
    "It runs in O(n) time and uses O(n) extra space.",
  ],
  palindrome: [
    "Non-alphanumeric characters are removed and case is ignored before comparing.",
    "The palindrome check is O(n) in the length of the input.",
  ],
  fibonacci: [
    "Two running values hold the last pair of Fibonacci numbers, so no recursion is needed.",
    "It runs in O(n) time, avoiding the exponential cost of naive recursion.",
  ],
  factorial: [
    "Negative inputs are rejected because the factorial is undefined for them.",
    "`0!` and `1!` both return 1, since the loop body never runs.",
  ],
  prime: [
    "Only divisors up to the square root of `n` need to be checked to decide whether it is prime.",
    "Numbers below 2 are not prime by definition.",
  ],
  fizzbuzz: [
    "Multiples of 15 are checked first, so they print FizzBuzz instead of just Fizz.",
    "Every other number is printed as-is.",
  ],
  wordcount: [
    "The text is lower-cased and split on whitespace, so each word is counted case-insensitively.",
    "A hash map keeps one counter per word, giving O(n) time overall.",
  ],
  dedupe: [
    "Each duplicate after the first occurrence is dropped, and the original order is kept.",
    "A set makes the membership check O(1), so the whole pass is O(n).",
  ],
  bsearch: [
    "Binary search needs the input to be sorted in ascending order.",
    "Each step halves the search range, so it runs in O(log n); a missing target is reported explicitly.",
  ],
  readfile: [
    "The file is read line by line and each line is returned without its trailing newline.",
    "A missing or unreadable file surfaces as an error instead of being silently ignored.",
  ],
  httpget: [
    "It sends an HTTP GET with an `Accept: application/json` header and a timeout.",
    "Non-success status codes are treated as errors before the JSON body is decoded.",
  ],
  parsejson: [
    "Malformed JSON raises a clear error instead of returning partial data.",
    "The result is checked to be a JSON object before its fields are used.",
  ],
  generic: [
    "This is a starting skeleton: it validates the input and passes it through unchanged, so it runs as-is.",
    'Replace the line marked "Adapt this" with the real logic; the signature and usage example stay the same.',
  ],
};

/** Where one language's snippet works differently from the shared notes. */
export const POINTS_FOR: Partial<Record<string, string[]>> = {
  "c:wordcount": [
    "A word starts wherever a non-space character follows whitespace, so repeated spaces don't inflate the word count.",
    "It is a single O(n) pass with no allocation.",
  ],
  "c:dedupe": [
    "Each duplicate after the first occurrence is dropped in place, and the original order is kept.",
    "The check scans the kept prefix, so it is O(n²): fine for small arrays, use a hash set for large ones.",
  ],
  "c:sort": [
    "`qsort` from the C standard library sorts in place in O(n log n) on average.",
    "The comparator returns -1, 0 or 1 rather than subtracting, which could overflow.",
  ],
};
