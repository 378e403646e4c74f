// Texts for the tokenizer's differential test: hand-picked edge cases, then seeded generated ones
// from every family of characters the pre-tokenization regexes treat differently. Seeded, so a
// failing case can be replayed by its index.
import { prng } from "./chatRequests";

export const HAND_PICKED: readonly string[] = [
  "",
  " ",
  "Hello, world!",
  "What's the weather? I'm fine, you'll see; they'd've DON'T WON'T",
  "  leading and trailing  ",
  "tabs\tand\t\ttabs",
  "\n",
  "\n\n\n",
  "\r\n\r\n",
  "a\rb\r\nc\n\rd",
  " ".repeat(100),
  " \n".repeat(40),
  "\t \n \t\n\n   x",
  "x" + " ".repeat(17) + "y",
  "1",
  "12",
  "123",
  "1234567890123",
  "3.14159 2,718 -42 +7 1e10 0x1F 1_000_000",
  "$1,234.56 €99 ¥1000 50% #1",
  "2024-07-18T12:34:56.789Z",
  "function counter() {\n  let n = 0;\n  return () => ++n;\n}\n",
  "```js\nconst x = { a: 1, b: [2, 3] };\n```",
  'def f(x):\n    return {"k": x ** 2}  # square\n',
  "SELECT * FROM users WHERE id = 1;",
  '<div class="a">&amp;</div>',
  "https://example.com/path?q=1&r=2#frag",
  "a/b/c//d///e\n/",
  "<|endoftext|>",
  "<|endoftext|> and <|im_start|>user<|im_sep|>hi<|im_end|>",
  "<|fim_prefix|><|fim_middle|><|fim_suffix|><|endofprompt|>",
  "<|endoftext",
  "😀",
  "😀😀😀",
  "👨‍👩‍👧‍👦 family, 👍🏽 thumbs, 🇫🇷 flag, ❤️ heart",
  "東京の天気について教えてください 🌸",
  "请解释一下量子计算",
  "한국의 전통 음식에 대해 알려주세요",
  "ما هي عاصمة مصر؟",
  "שלום עולם",
  "भारत की राजधानी क्या है?",
  "Γεια σου, τι είναι η φιλοσοφία;",
  "Расскажи о погоде в Москве",
  "e\u0301 a\u0300\u0301\u0302 Z\u0351\u0352\u0353\u0354\u0355",
  "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３",
  "\u00a0nbsp\u2003em\u3000ideographic",
  "zero\u200bwidth\u200djoiner\u2060",
  "\ud800",
  "\udc00",
  "a\ud800b",
  "\ud83d",
  "x\ude00y\ud83d",
  "\ud83d\ude00\ud83d",
  "\u0000\u0001\u001f\u007f",
  "\uffff\ufffe\ufffd",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",
  "a".repeat(1000),
  "ab".repeat(700),
  "Pneumonoultramicroscopicsilicovolcanoconiosis",
  "x".repeat(3000) + " " + "é".repeat(500),
  "!!!???...,,,;;;:::",
  "'s 's 'S 'll 'LL 've 're 'd 'm 't",
  "CamelCaseWordsAndHTTPServerXMLParser",
];

const WORDS = (
  "the of and to in is you that it he was for on are as with his they at be this have from or one had by " +
  "word but not what all were we when your can said there use an each which she do how their if will up " +
  "closure function variable photosynthesis quantum computing request response server client certificate " +
  "tokenizer encoding Hello World JavaScript TypeScript Python don't can't it's I'm we've they'll"
).split(" ");
const PUNCT = [".", ",", "!", "?", ";", ":", "-", "—", "(", ")", '"', "'", "...", " - ", "/", "\\", "*", "#"];
const SPACES = [" ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "\n ", "    \n\n  "];

/** One block of characters per family, sampled by code point. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x24f], // Latin-1 and Latin Extended
  [0x300, 0x36f], // combining marks
  [0x370, 0x3ff], // Greek
  [0x400, 0x4ff], // Cyrillic
  [0x590, 0x5ff], // Hebrew
  [0x600, 0x6ff], // Arabic
  [0x900, 0x97f], // Devanagari
  [0xe00, 0xe7f], // Thai
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2000, 0x206f], // general punctuation, odd spaces
  [0x3000, 0x30ff], // CJK punctuation, kana
  [0x4e00, 0x9fff], // CJK ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xff00, 0xffef], // fullwidth forms
  [0x1f300, 0x1faff], // emoji
  [0x1d400, 0x1d7ff], // mathematical alphanumerics
  [0x10000, 0x10ffff], // anything astral
];

export function generatedText(i: number): string {
  const r = prng(i * 104729 + 17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const int = (n: number) => Math.floor(r() * n);
  const parts: string[] = [];
  const kind = i % 6;
  const length = 1 + int(kind === 5 ? 4 : 40);
  for (let k = 0; k < length; k++) {
    const roll = r();
    if (kind === 0 || roll < 0.35) {
      // Prose: words, their capitalised forms, punctuation, spaces.
      const w = pick(WORDS);
      parts.push(r() < 0.2 ? w.toUpperCase() : r() < 0.3 ? w[0]!.toUpperCase() + w.slice(1) : w);
      parts.push(r() < 0.7 ? " " : r() < 0.5 ? pick(PUNCT) : pick(SPACES));
    } else if (kind === 1 || roll < 0.5) {
      parts.push(String(int(r() < 0.5 ? 100 : 1e9)), r() < 0.5 ? "" : pick(PUNCT));
    } else if (kind === 2 || roll < 0.7) {
      const [lo, hi] = pick(RANGES);
      let s = "";
      for (let n = 1 + int(8); n > 0; n--) s += String.fromCodePoint(lo + int(hi - lo + 1));
      parts.push(s, r() < 0.5 ? " " : "");
    } else if (kind === 3 || roll < 0.8) {
      parts.push(pick(SPACES).repeat(1 + int(5)));
    } else if (kind === 4 || roll < 0.9) {
      // Raw UTF-16 units, lone surrogates included.
      let s = "";
      for (let n = 1 + int(6); n > 0; n--) s += String.fromCharCode(int(0x10000));
      parts.push(s);
    } else {
      // A very long "word": one letter run or a mixed run the merges must walk.
      const alphabet = pick(["ab", "abcdefghijklmnopqrstuvwxyz", "aeiouxyz0123", "éàü", "東京"]);
      let s = "";
      for (let n = 50 + int(kind === 5 ? 2000 : 200); n > 0; n--) s += alphabet[int(alphabet.length)];
      parts.push(s);
    }
  }
  return parts.join("");
}

// Dense ASCII for the hand-run regexes (src/core/tokenizer/asciiPieces.ts): every class boundary,
// contractions, rare whitespace, controls, and now and then a character that sends it to the regex.
const ASCII_POOL = [
  ..."abcxyzABCXYZ0123456789",
  ..."     \t\n\n\r\v\f",
  ..."''''!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~//",
  "\u0000",
  "\u001f",
  "\u007f",
  "'s",
  "'S",
  "'ll",
  "'LL",
  "'ve",
  "'Re",
  "'d",
  "'M",
  "'t",
  "\r\n",
  "é",
  "\u00a0",
  "東",
  "😀",
  "\u0301",
  "\u2003",
  "٣",
];

export function asciiText(i: number): string {
  const r = prng(i * 7727 + 5);
  let s = "";
  for (let n = 1 + Math.floor(r() * 40); n > 0; n--) s += ASCII_POOL[Math.floor(r() * ASCII_POOL.length)];
  return s;
}
