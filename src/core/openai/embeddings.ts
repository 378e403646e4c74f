/**
 * Deterministic embeddings that are "semantic enough" for retrieval tests. Each text becomes a
 * bag of features (lower-cased word stems, adjacent word pairs, character trigrams within words;
 * Chinese and Japanese, written without spaces, as overlapping character pairs),
 * and every feature adds ±weight at 8 pseudo-random coordinates picked by its hash (a signed
 * random projection / feature hashing). Texts that share words share coordinates, so their cosine
 * similarity is clearly higher than that of unrelated texts; the same text always gives the same
 * vector. The vector is then scaled to unit length. `dimensions` keeps the first d coordinates and
 * renormalizes, as OpenAI's shortened text-embedding-3 vectors do.
 */
import { decodePieces, encode, encodingForModel, vocabularySize } from "../tokenizer";
import { ApiError } from "./errors";
import { MAX_INPUT_TOKENS, MAX_REQUEST_TOKENS, type EmbeddingRequest } from "./embeddingRequest";

const SLOTS_PER_FEATURE = 8;

/** FNV-1a over a string, then a murmur-style finalizer: fast and well spread. */
function hash(s: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const STOP_WORDS = new Set(
  "a an the and or but of to in on at for with by from is are was were be been it its this that these those as i you he she we they my your our their".split(
    " ",
  ),
);

const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/** Crude stemming: enough that "cats"/"cat" and "running"/"run" share a feature. */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3).replace(/(.)\1$/, "$1");
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

function addFeature(v: Float64Array, feature: string, weight: number): void {
  for (let k = 0; k < SLOTS_PER_FEATURE; k++) {
    const h = hash(feature, k);
    v[h % v.length]! += h & 0x80000000 ? -weight : weight;
  }
}

// Real embeddings are dense: a faint text-specific background (a tenth of the features' energy)
// fills every coordinate, so no vector, shortened or not, is mostly zeros.
const BACKGROUND_SHARE = 0.1;

function addBackground(v: Float64Array, text: string): void {
  let energy = 0;
  for (let i = 0; i < v.length; i++) energy += v[i]! * v[i]!;
  // Uniform in [-a, a] has mean square a²/3.
  const a = Math.sqrt((3 * BACKGROUND_SHARE * energy) / v.length);
  let x = hash(text, 0x9e3779b9) || 1;
  for (let i = 0; i < v.length; i++) {
    // xorshift32: cheap, deterministic, good enough for noise.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    v[i]! += (((x >>> 0) / 4294967296) * 2 - 1) * a;
  }
}

/** The full-length, unnormalized vector of a text. */
function featureVector(text: string, dims: number): Float64Array {
  const v = new Float64Array(dims);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // Scripts written without spaces (Chinese, Japanese) read as overlapping character pairs.
  const content = words
    .flatMap((w) => (UNSPACED.test(w) && w.length > 2 ? [...w].slice(1).map((c, i) => [...w][i] + c) : [w]))
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
  for (const w of content) {
    addFeature(v, `w:${w}`, 1);
    const padded = `<${w}>`;
    for (let i = 0; i + 3 <= padded.length; i++) addFeature(v, `c:${padded.slice(i, i + 3)}`, 0.25);
  }
  for (let i = 0; i + 1 < content.length; i++) addFeature(v, `b:${content[i]} ${content[i + 1]}`, 0.5);
  // Texts without letters or digits (punctuation, emoji) still get a stable direction of their own.
  if (!content.length) addFeature(v, `t:${text}`, 1);
  addBackground(v, text);
  return v;
}

/** Unit-length float32 embedding of `text` with `dims` coordinates (`full` is the model's size). */
export function embedText(text: string, full: number, dims = full): Float32Array {
  const v = featureVector(text, full);
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  const out = new Float32Array(dims);
  // A shortened vector can, rarely, lose every feature: fall back to the first axis.
  if (norm === 0) out[0] = 1;
  else for (let i = 0; i < dims; i++) out[i] = v[i]! / norm;
  return out;
}

/** Little-endian float32, base64: what `encoding_format: "base64"` returns. */
export function float32Base64(v: Float32Array): string {
  const buf = Buffer.allocUnsafe(v.length * 4);
  for (let i = 0; i < v.length; i++) buf.writeFloatLE(v[i]!, i * 4);
  return buf.toString("base64");
}

const tooLong = () =>
  new ApiError(
    400,
    `Invalid 'input': maximum context length is ${MAX_INPUT_TOKENS} tokens.`,
    "invalid_request_error",
    null,
    null,
  );

/** A request past its limits, its texts ready to embed: what the answer is written from. */
export interface PreparedEmbeddings {
  model: string;
  /** The texts to embed, token-array inputs spelled out. */
  texts: string[];
  /** Input tokens, as `usage` reports them. */
  tokens: number;
  fullDims: number;
  dims: number | undefined;
  base64: boolean;
}

/** Checks a parsed request against OpenAI's token limits (throwing its errors) and reads its texts. */
export function prepareEmbeddings(req: EmbeddingRequest, fullDims: number): PreparedEmbeddings {
  const name = encodingForModel(req.model);
  const vocab = vocabularySize(name);
  let total = 0;
  const texts = req.inputs.map((input) => {
    let tokens: number[];
    if ("text" in input) tokens = encode(input.text, name);
    else {
      tokens = input.tokens;
      if (tokens.some((t) => t < 0 || t >= vocab))
        throw new ApiError(400, `Invalid token in 'input': token ids must be between 0 and ${vocab - 1}.`);
    }
    if (tokens.length > MAX_INPUT_TOKENS) throw tooLong();
    total += tokens.length;
    // Token arrays embed as the text they spell, so both forms of one input agree.
    return "text" in input
      ? input.text
      : decodePieces(tokens, name)
          .map((p) => p.text)
          .join("");
  });
  if (total > MAX_REQUEST_TOKENS)
    throw new ApiError(
      400,
      `Requested ${total} tokens, max ${MAX_REQUEST_TOKENS} tokens per request`,
      "max_tokens_per_request",
      null,
      "max_tokens_per_request",
    );
  const base64 = req.encodingFormat === "base64";
  return { model: req.model, texts, tokens: total, fullDims, dims: req.dimensions, base64 };
}

/**
 * The `list` answer as JSON text, an embedding a piece: each vector is made when its piece is asked
 * for, so a large answer (2,048 inputs of 3,072 floats is ~137 MB) can go out as it is made instead
 * of being held whole. The pieces joined are what `JSON.stringify` writes for the same object.
 */
export function* embeddingsJson(p: PreparedEmbeddings): Generator<string, void, undefined> {
  yield '{"object":"list","data":[';
  for (let i = 0; i < p.texts.length; i++) {
    const v = embedText(p.texts[i]!, p.fullDims, p.dims);
    const embedding = p.base64 ? `"${float32Base64(v)}"` : JSON.stringify(Array.from(v));
    yield `${i ? "," : ""}{"object":"embedding","index":${i},"embedding":${embedding}}`;
  }
  const t = p.tokens;
  yield `],"model":${JSON.stringify(p.model)},"usage":{"prompt_tokens":${t},"total_tokens":${t}}}`;
}
