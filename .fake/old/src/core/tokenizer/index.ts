/**
 * The real BPE tokenizers (o200k_base, cl100k_base), loaded on first use: an idle server or
 * `--help` never reads a vocabulary. Each vocabulary is a compact binary file next to the bundles
 * (written by esbuild.mjs from gpt-tokenizer's ranks); the pre-tokenization regexes are
 * gpt-tokenizer's own, so both split text identically.
 */
import { join } from "node:path";
import type * as SplitRegexes from "gpt-tokenizer/encodingParams/constants";
import { decodePieces as decodeWith, type Piece } from "./decodePieces";
import { cl100kPieceEnd, o200kPieceEnd } from "./asciiPieces";
import { Encoder, type PieceEnd } from "./encoder";
import { Vocabulary } from "./vocabulary";

export type EncodingName = "o200k_base" | "cl100k_base";
export type { Piece };

// Set by esbuild.mjs: the vocabulary folder relative to the bundle. Run from source, dist/tokenizer.
declare const __VOCABULARY_DIR__: string | undefined;
const VOCABULARY_DIR =
  typeof __VOCABULARY_DIR__ === "string"
    ? join(__dirname, __VOCABULARY_DIR__)
    : join(__dirname, "..", "..", "..", "dist", "tokenizer");

/**
 * gpt-tokenizer's split regex for name, required on first use: its module builds three Unicode-class
 * regexes when it loads, ~5-8 ms that every start paid before listening.
 */
function split(name: EncodingName): [RegExp, PieceEnd] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const regexes = require("gpt-tokenizer/encodingParams/constants") as typeof SplitRegexes;
  return name === "o200k_base"
    ? [regexes.O200K_TOKEN_SPLIT_REGEX, o200kPieceEnd]
    : [regexes.CL100K_TOKEN_SPLIT_REGEX, cl100kPieceEnd];
}

const loaded = new Map<EncodingName, Encoder>();

function encoder(name: EncodingName): Encoder {
  let enc = loaded.get(name);
  if (!enc) {
    const path = join(VOCABULARY_DIR, `${name}.bin`);
    let vocab: Vocabulary;
    try {
      vocab = Vocabulary.load(path);
    } catch (e) {
      throw new Error(`Cannot load the ${name} vocabulary from ${path}: ${(e as Error).message}`, { cause: e });
    }
    loaded.set(name, (enc = new Encoder(vocab, ...split(name))));
  }
  return enc;
}

/** Token ids of `text`. Text that spells a special token ("<|endoftext|>") is ordinary text. */
export function encode(text: string, name: EncodingName): number[] {
  return encoder(name).encode(text);
}

/**
 * The text of `tokens` (the complete encoding of some text) as whole-character pieces, with the
 * number of tokens each piece took: a token holding part of a character joins the next ones.
 */
export function decodePieces(tokens: number[], name: EncodingName): Piece[] {
  return decodeWith(encoder(name).vocab, tokens);
}

/** Regular (non-special) tokens in a vocabulary: valid ids are 0 .. size - 1. */
export function vocabularySize(name: EncodingName): number {
  return encoder(name).vocab.size;
}

/** Which vocabularies this process has loaded (for figures and tests of the laziness). */
export function loadedEncodings(): EncodingName[] {
  return [...loaded.keys()];
}

// gpt-3.5, gpt-4 (not 4o/4.1/4.5), the instruct model and the embedding models use cl100k_base;
// everything newer (gpt-4o family, gpt-4.1, o-series, gpt-5) uses o200k_base.
const CL100K = /^(?:gpt-3\.5|gpt-35|gpt-4(?:-|$)|text-embedding-|davinci-002|babbage-002)/;

export function encodingForModel(model: string | null | undefined): EncodingName {
  return model && CL100K.test(model) ? "cl100k_base" : "o200k_base";
}
