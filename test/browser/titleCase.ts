// Title Case as VS Code writes its button and view labels ("Use Another Port", "Clear Requests and
// Stats"): every word capitalised but articles, conjunctions and prepositions of up to four letters
// inside the label (Microsoft's style guide, which VS Code follows).
const MINOR = new Set(
  "a an and as at but by for from in into nor of off on onto or over per the to upon via vs with".split(" "),
);

/** Why `label` is not in Title Case, or null when it is. Tokens without letters, and units like p50, pass. */
export function titleCaseProblem(label: string): string | null {
  const words = label.trim().split(/\s+/).filter(Boolean);
  for (const [i, raw] of words.entries()) {
    const word = raw.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
    if (!/\p{L}/u.test(word) || /^[a-z]\d+$/.test(word)) continue;
    const edge = i === 0 || i === words.length - 1;
    if (!edge && MINOR.has(word.toLowerCase())) {
      if (word !== word.toLowerCase()) return `"${word}" is a minor word: lower case inside "${label}"`;
      continue;
    }
    if (word[0] !== word[0]!.toUpperCase()) return `"${word}" should be capitalised in "${label}"`;
  }
  return null;
}
