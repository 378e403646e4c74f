/** Shared shapes for the per-language code tables. */

/** Every task the code answers recognise; "generic" is the type-neutral skeleton for everything else. */
export type Task =
  | "sum"
  | "average"
  | "max"
  | "min"
  | "sort"
  | "reverse"
  | "palindrome"
  | "fibonacci"
  | "factorial"
  | "prime"
  | "fizzbuzz"
  | "wordcount"
  | "dedupe"
  | "bsearch"
  | "readfile"
  | "httpget"
  | "parsejson"
  | "generic";

/** What a snippet needs: names, a one-line comment-safe description, and the few knobs some tasks have. */
export interface Ctx {
  /** Function name in the language's convention. */
  f: string;
  /** Type/class name (PascalCase) for languages that need one. */
  cls: string;
  /** Comment-safe, one-line description of the ask. */
  d: string;
  /** max vs min for the "extreme" snippet. */
  max: boolean;
  /** Strings rather than numbers for sort/dedupe. */
  str: boolean;
}

export type Snip = (c: Ctx) => string;

/** One language's snippets; max and min share `extreme`. Missing tasks fall back to `generic`. */
export type LangTable = { generic: Snip; extreme?: Snip } & Partial<
  Record<Exclude<Task, "max" | "min" | "generic">, Snip>
>;

/** Shared sample data so every language prints the same results. */
export const SAMPLE = {
  words: "the quick brown fox jumps over the lazy dog the end",
  url: "https://jsonplaceholder.typicode.com/todos/1",
  json: `{"name": "Ada", "age": 36, "languages": ["en", "fr"]}`,
};
