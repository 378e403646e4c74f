/**
 * The real BPE vocabularies (gpt-tokenizer), loaded on first use: o200k_base costs ~2.4 MB of
 * source and tens of MB of heap, which an idle server or `--help` should never pay. The bundles
 * keep each vocabulary in its own file next to them (see esbuild.mjs), so it is not even parsed
 * until a request needs it.
 */
import type { GptEncoding } from "gpt-tokenizer/GptEncoding";

export type EncodingName = "o200k_base" | "cl100k_base";
type Encoding = Pick<GptEncoding, "encode" | "decodeGenerator">;

const loaded = new Map<EncodingName, Encoding>();

function load(name: EncodingName): Encoding {
  // Static strings, so esbuild can map each to its vocabulary file.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return name === "o200k_base"
    ? (require("gpt-tokenizer/encoding/o200k_base") as Encoding)
    : (require("gpt-tokenizer/encoding/cl100k_base") as Encoding);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export function encoding(name: EncodingName): Encoding {
  let enc = loaded.get(name);
  if (!enc) loaded.set(name, (enc = load(name)));
  return enc;
}

/** Regular (non-special) tokens in a vocabulary: valid ids are 0 .. size - 1. */
export function vocabularySize(name: EncodingName): number {
  return rankTable(name)?.length ?? (name === "o200k_base" ? 199998 : 100256);
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

// User text that spells a special token ("<|endoftext|>") is ordinary text to the API, never an error.
const ORDINARY = { disallowedSpecial: new Set<string>() };

export function encode(text: string, name: EncodingName): number[] {
  return encoding(name).encode(text, ORDINARY);
}

type Piece = { text: string; tokens: number };
// gpt-tokenizer 4.0's table from token id to its text (or its bytes, when they are not whole
// UTF-8). Pinned version; decodeGenerator() is the fallback should the field ever move.
type RankTable = Array<string | number[]>;
const tables = new Map<EncodingName, RankTable | null>();

function rankTable(name: EncodingName): RankTable | null {
  let t = tables.get(name);
  if (t === undefined) {
    const core = (encoding(name) as { bytePairEncodingCoreProcessor?: { bytePairRankDecoder?: unknown } })
      .bytePairEncodingCoreProcessor;
    t = Array.isArray(core?.bytePairRankDecoder) ? (core.bytePairRankDecoder as RankTable) : null;
    tables.set(name, t);
  }
  return t;
}

const endsInHighSurrogate = (s: string) => {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xd800 && c <= 0xdbff;
};

/**
 * The text of `tokens` (the complete encoding of some text) as whole-character pieces, with the
 * number of tokens each piece took: a token holding part of a character joins the next ones.
 * Not decode() per token: gpt-tokenizer shares one streaming TextDecoder across calls, so a lone
 * partial character would leak its bytes into the next decode anywhere in the process.
 */
export function decodePieces(tokens: number[], name: EncodingName): Piece[] {
  const table = rankTable(name);
  const out: Piece[] = [];
  if (!table) {
    let consumed = 0;
    let before = 0;
    const counted = function* () {
      for (const t of tokens) {
        consumed++;
        yield t;
      }
    };
    for (const text of encoding(name).decodeGenerator(counted())) {
      out.push({ text, tokens: consumed - before });
      before = consumed;
    }
    return out;
  }
  const bytes = new TextDecoder();
  let buffer = "";
  let held = 0;
  for (const id of tokens) {
    const v = table[id];
    held++;
    if (typeof v === "string") buffer += v;
    else if (v) buffer += bytes.decode(Uint8Array.from(v), { stream: true });
    if (buffer && !endsInHighSurrogate(buffer)) {
      out.push({ text: buffer, tokens: held });
      buffer = "";
      held = 0;
    }
  }
  buffer += bytes.decode();
  if (buffer || held) out.push({ text: buffer, tokens: held });
  return out;
}
