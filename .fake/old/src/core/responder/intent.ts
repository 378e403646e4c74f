/** Decides what kind of answer the last user message wants, and in which programming language. */

export type Intent =
  "greeting" | "thanks" | "farewell" | "help" | "code" | "explain" | "summarize" | "translate" | "list" | "general";

export type CodeLang =
  | "python"
  | "typescript"
  | "javascript"
  | "rust"
  | "go"
  | "sql"
  | "bash"
  | "java"
  | "c"
  | "cpp"
  | "csharp"
  | "ruby"
  | "php"
  | "kotlin"
  | "swift";

// Order matters where names overlap: typescript before javascript, c++/c# before c.
const LANGS: ReadonlyArray<readonly [CodeLang, RegExp]> = [
  ["typescript", /\b(?:typescript|tsx|deno)\b|\bts\b/],
  ["javascript", /\b(?:javascript|js|jsx|node\.?js|ecmascript|react)\b/],
  ["python", /\b(?:python3?|py|django|flask|pandas|numpy)\b/],
  ["rust", /\b(?:rust|rustlang|cargo)\b/],
  ["go", /\bgolang\b|\b(?:in|using|with) go\b|\bgo (?:code|function|program|routine|module)\b/],
  ["sql", /\b(?:sql|mysql|postgres(?:ql)?|sqlite|plsql|t-sql)\b|\bquery\b.*\b(?:table|database|rows|columns)\b/],
  ["bash", /\b(?:bash|zsh|shell|sh|command line|terminal)\b/],
  ["java", /\bjava\b/],
  ["cpp", /c\+\+|\bcpp\b/],
  ["csharp", /c#|\bcsharp\b|\.net\b|\bdotnet\b/],
  ["c", /\b(?:in|using|with) c\b(?![+#])|\bc (?:code|program|function|language)\b|\bansi c\b/],
  ["ruby", /\b(?:ruby|rails)\b/],
  ["php", /\bphp\b/],
  ["kotlin", /\bkotlin\b/],
  ["swift", /\b(?:swift|swiftui)\b/],
];

/** The programming language named in the text, or null. A target ("to rust") beats a source. */
export function detectLanguage(text: string): CodeLang | null {
  const lower = text.toLowerCase();
  let best: CodeLang | null = null;
  let bestAt = Infinity;
  for (const [lang, re] of LANGS) {
    const m = re.exec(lower);
    if (!m) continue;
    const before = lower.slice(Math.max(0, m.index - 6), m.index);
    const at = /\b(?:to|into) $/.test(before) ? -1 : m.index;
    if (at < bestAt) {
      best = lang;
      bestAt = at;
    }
  }
  return best;
}

const CODE_VERB =
  /\b(?:write|implement|generate|refactor|debug|fix|code up|show me|give me|how (?:do|can|would|should) (?:i|you|we)|how to|build|create|make|check|convert|parse|sort|reverse|compute|calculate|count|find|validate|merge|read|fetch|download)\b/;
const CODE_NOUN =
  /\b(?:function|functions|code|script|snippet|implementation|class|method|algorithm|regex|program|query|loop|array|api|endpoint|cli|parser|unit test|recursion|hashmap|linked list)\b/;

/** "Say hello", "greet me": asked for a greeting rather than greeted. */
const GREET_REQUEST =
  /\b(?:say|write|give me|send) (?:a |an )?(?:hello|hi|greeting|welcome)\b|\bgreet (?:me|us|the user|everyone)\b/;
const GREETING =
  /^(?:hi|hello|hey|hiya|howdy|greetings|yo|sup|hola|bonjour|good (?:morning|afternoon|evening|day)|what'?s up|how are you)\b/;
const THANKS = /^(?:thanks|thank you|thx|ty|cheers|much appreciated|great,? thanks)\b/;
const FAREWELL = /^(?:bye|goodbye|see you|see ya|good night|farewell|later)\b/;
const HELP =
  /\b(?:can you help|could you help|help me|i need (?:some )?help|need some help|can you assist|could you assist|assist me|i'm stuck|i am stuck)\b/;
const EXPLAIN =
  /^(?:(?:can|could) you )?(?:what(?:'s| is| are| was| were)|who(?:'s| is| was| are)|explain|define|describe|tell me about)\b|\bwhat does .{1,60} mean\b|\bhow does .{1,60} work\b/;
const SUMMARIZE = /\b(?:summari[sz]e|summary|tl;?dr|sum up|recap)\b/;
const TRANSLATE = /\btranslat(?:e|ion)\b/;
const LIST = /\b(?:list|ideas|tips|ways to|steps|top \d+|examples of|suggest|suggestions|recommend)\b/;

export function classify(text: string): Intent {
  const t = text.trim().toLowerCase();
  if (!t) return "greeting";
  const wordCount = t.split(/\s+/).length;
  if (SUMMARIZE.test(t)) return "summarize";
  if (TRANSLATE.test(t)) return "translate";
  const lang = detectLanguage(t);
  const verb = CODE_VERB.test(t);
  const noun = CODE_NOUN.test(t);
  if ((lang && (verb || noun)) || (verb && noun)) return "code";
  if (HELP.test(t)) return "help";
  if (wordCount <= 6 && THANKS.test(t)) return "thanks";
  if (wordCount <= 6 && FAREWELL.test(t)) return "farewell";
  if ((wordCount <= 6 && GREETING.test(t)) || GREET_REQUEST.test(t)) return "greeting";
  if (EXPLAIN.test(t)) return "explain";
  if (LIST.test(t)) return "list";
  return "general";
}
