// The baseline for scripts/bench/tokenizer.mjs: the product's tokenizer before src/core/tokenizer/,
// gpt-tokenizer's encoder with its ranks read from JSON (MOCKGPT_BASELINE_VOCABULARIES), behind the
// same surface, so the bench bundles the responder once with each and compares like with like.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GptEncoding } from "gpt-tokenizer/GptEncoding";

export type EncodingName = "o200k_base" | "cl100k_base";
type RankTable = Array<string | number[]>;
type Loaded = { api: GptEncoding; table: RankTable };
const loaded = new Map<EncodingName, Loaded>();
const ORDINARY = { disallowedSpecial: new Set<string>() };

function load(name: EncodingName): Loaded {
  let l = loaded.get(name);
  if (!l) {
    const file = join(process.env.MOCKGPT_BASELINE_VOCABULARIES ?? ".", `${name}.json`);
    const api = GptEncoding.getEncodingApi(name, () => JSON.parse(readFileSync(file, "utf8")));
    const core = (api as unknown as { bytePairEncodingCoreProcessor: { bytePairRankDecoder: RankTable } })
      .bytePairEncodingCoreProcessor;
    loaded.set(name, (l = { api, table: core.bytePairRankDecoder }));
  }
  return l;
}

export const encode = (text: string, name: EncodingName): number[] => load(name).api.encode(text, ORDINARY);
export const vocabularySize = (name: EncodingName): number => load(name).table.length;
export const loadedEncodings = (): EncodingName[] => [...loaded.keys()];
export const encodingForModel = (model: string | null | undefined): EncodingName =>
  model && /^(?:gpt-3\.5|gpt-35|gpt-4(?:-|$)|text-embedding-|davinci-002|babbage-002)/.test(model)
    ? "cl100k_base"
    : "o200k_base";

export function decodePieces(tokens: number[], name: EncodingName): Array<{ text: string; tokens: number }> {
  const table = load(name).table;
  const bytes = new TextDecoder();
  const out: Array<{ text: string; tokens: number }> = [];
  let buffer = "";
  let held = 0;
  for (const id of tokens) {
    const v = table[id];
    held++;
    if (typeof v === "string") buffer += v;
    else if (v) buffer += bytes.decode(Uint8Array.from(v), { stream: true });
    const c = buffer.charCodeAt(buffer.length - 1);
    if (buffer && !(c >= 0xd800 && c <= 0xdbff)) {
      out.push({ text: buffer, tokens: held });
      buffer = "";
      held = 0;
    }
  }
  buffer += bytes.decode();
  if (buffer || held) out.push({ text: buffer, tokens: held });
  return out;
}

export const countTokens = (text: string, name: EncodingName): number => encode(text, name).length;

/** The product's old split: every id decoded back to pieces, kept while their tokens fit in limit. */
export function splitPieces(text: string, name: EncodingName, limit = Infinity) {
  const pieces: string[] = [];
  let tokens = 0;
  for (const p of decodePieces(encode(text, name), name)) {
    if (tokens + p.tokens > limit) return { pieces, tokens, cut: true };
    pieces.push(p.text);
    tokens += p.tokens;
  }
  return { pieces, tokens, cut: false };
}
