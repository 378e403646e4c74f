/**
 * The pre-tokenization regexes, hand-run for ASCII: the end of the piece starting at `pos`, or -1
 * as soon as deciding it needs a character above U+007F (the caller then asks the regex). Most
 * text the mock counts is ASCII, and the Unicode regex is most of the tokenizer's time.
 * Each branch names the regex alternative it stands for; the differential test holds them equal.
 */

const NON_ASCII = -2;
const END = -1;
// Classes of ASCII characters, as the regexes' \p{Lu}, \p{Ll}, \p{N} and \s see them.
const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const SPACE = 4; // \t \v \f and space
const NEWLINE = 5; // \r \n
const OTHER = 6; // punctuation, symbols, controls: [^\s\p{L}\p{N}]
const CLASS = new Uint8Array(128).map((_, c) =>
  c >= 65 && c <= 90
    ? UPPER
    : c >= 97 && c <= 122
      ? LOWER
      : c >= 48 && c <= 57
        ? DIGIT
        : c === 10 || c === 13
          ? NEWLINE
          : c === 9 || c === 11 || c === 12 || c === 32
            ? SPACE
            : OTHER,
);

/** The class of text[i]: END past the end, NON_ASCII above U+007F. */
function kind(text: string, i: number): number {
  if (i >= text.length) return END;
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : NON_ASCII;
}

const isLetter = (k: number) => k === UPPER || k === LOWER;

/** Past the end of the run of classes `a` (or `b`) from i, or NON_ASCII if the run meets one. */
function run(text: string, i: number, a: number, b = a): number {
  for (;;) {
    const k = kind(text, i);
    if (k === NON_ASCII) return NON_ASCII;
    if (k !== a && k !== b) return i;
    i++;
  }
}

/** Length of a contraction suffix at i: '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]), else 0. */
function contraction(text: string, i: number): number {
  if (text.charCodeAt(i) !== 39) return 0;
  const a = text.charCodeAt(i + 1) | 32; // lower case (NaN past the end becomes 32)
  if (a === 115 || a === 100 || a === 109 || a === 116) return 2;
  const b = text.charCodeAt(i + 2) | 32;
  return (a === 108 && b === 108) || (a === 118 && b === 101) || (a === 114 && b === 101) ? 3 : 0;
}

/** \p{N}{1,3} */
function digits(text: string, pos: number): number {
  let end = pos + 1;
  for (; end < pos + 3; end++) {
    const k = kind(text, end);
    if (k === NON_ASCII) return -1;
    if (k !== DIGIT) break;
  }
  return end;
}

/** A whitespace run's end, and the position after its last \r or \n (-1 if none). */
function spaces(text: string, pos: number): { end: number; afterNewline: number } | null {
  let afterNewline = -1;
  let i = pos;
  for (;;) {
    const k = kind(text, i);
    if (k === NON_ASCII) return null;
    if (k === NEWLINE) afterNewline = i + 1;
    else if (k !== SPACE) return { end: i, afterNewline };
    i++;
  }
}

/** \s+(?!\S), else \s: the run, less its last character when a non-space follows. */
function spacesBeforeText(text: string, pos: number, end: number): number {
  return end === text.length || end - pos < 2 ? end : end - 1;
}

export function o200kPieceEnd(text: string, pos: number): number {
  const c = kind(text, pos);
  const next = kind(text, pos + 1);
  if (c === NON_ASCII || (c !== NEWLINE && c !== DIGIT && !isLetter(c) && next === NON_ASCII)) return -1;
  // [^\r\n\p{L}\p{N}]?[\p{Lu}...]*[\p{Ll}...]+('s...)? | [^\r\n\p{L}\p{N}]?[\p{Lu}...]+[\p{Ll}...]*('s...)?
  const letters = isLetter(c) ? pos : (c === SPACE || c === OTHER) && isLetter(next) ? pos + 1 : -1;
  if (letters >= 0) {
    const upper = run(text, letters, UPPER);
    if (upper < 0) return -1;
    const end = run(text, upper, LOWER);
    if (end < 0) return -1;
    return end + contraction(text, end);
  }
  if (c === DIGIT) return digits(text, pos);
  // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
  const symbols = c === OTHER ? pos : c === SPACE && text.charCodeAt(pos) === 32 && next === OTHER ? pos + 1 : -1;
  if (symbols >= 0) {
    let end = run(text, symbols, OTHER);
    if (end < 0) return -1;
    for (let ch = text.charCodeAt(end); ch === 13 || ch === 10 || ch === 47; ch = text.charCodeAt(++end));
    return end;
  }
  // \s*[\r\n]+ | \s+(?!\S) | \s+
  const ws = spaces(text, pos);
  if (!ws) return -1;
  return ws.afterNewline > 0 ? ws.afterNewline : spacesBeforeText(text, pos, ws.end);
}

export function cl100kPieceEnd(text: string, pos: number): number {
  const c = kind(text, pos);
  const next = kind(text, pos + 1);
  if (c === NON_ASCII || (c !== NEWLINE && c !== DIGIT && !isLetter(c) && next === NON_ASCII)) return -1;
  // '(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])
  const suffix = contraction(text, pos);
  if (suffix) return pos + suffix;
  // [^\r\n\p{L}\p{N}]?\p{L}+
  const letters = isLetter(c) ? pos : (c === SPACE || c === OTHER) && isLetter(next) ? pos + 1 : -1;
  if (letters >= 0) {
    const end = run(text, letters, UPPER, LOWER);
    return end < 0 ? -1 : end;
  }
  if (c === DIGIT) return digits(text, pos);
  // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
  const symbols = c === OTHER ? pos : c === SPACE && text.charCodeAt(pos) === 32 && next === OTHER ? pos + 1 : -1;
  if (symbols >= 0) {
    let end = run(text, symbols, OTHER);
    if (end < 0) return -1;
    for (let ch = text.charCodeAt(end); ch === 13 || ch === 10; ch = text.charCodeAt(++end));
    return end;
  }
  // \s+$ | \s*[\r\n] | \s+(?!\S) | \s
  const ws = spaces(text, pos);
  if (!ws) return -1;
  if (ws.end === text.length) return ws.end;
  return ws.afterNewline > 0 ? ws.afterNewline : spacesBeforeText(text, pos, ws.end);
}
