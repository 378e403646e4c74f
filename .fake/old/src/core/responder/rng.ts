/**
 * Seeded randomness. sfc32 over a cyrb128 hash: tiny, fast and good enough to make
 * every phrase choice reproducible from (seed, request, choice index).
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Fresh entropy for unseeded, non-zero-temperature requests. Variety, not secrecy, is the point,
 * so Math.random (no syscall per request) is enough.
 */
export function freshSeed(): string {
  return `${(Math.random() * 2 ** 32) >>> 0}:${(Math.random() * 2 ** 32) >>> 0}:${(Math.random() * 2 ** 32) >>> 0}`;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Cumulative weights per bank size: temperature/top_p shape which phrases are likely. */
  private readonly cumulative = new Map<number, Float64Array>();
  private readonly lambda: number;
  private readonly topP: number;

  constructor(seedText: string, temperature = 1, topP: number | null | undefined = 1) {
    [this.a, this.b, this.c, this.d] = hash128(seedText);
    for (let i = 0; i < 12; i++) this.next();
    // Low temperature concentrates on the first (most "likely") phrase of each bank.
    this.lambda = 0.6 / Math.max(temperature, 0.25);
    this.topP = topP == null || topP <= 0 || topP > 1 ? 1 : topP;
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform choice, for data values where "likelihood" means nothing. */
  any<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Temperature-shaped choice: earlier entries are the model's "preferred" phrasing. */
  pick<T>(items: readonly T[]): T {
    if (items.length < 2) return items[0] as T;
    const cum = this.weights(items.length);
    const r = this.next() * (cum[cum.length - 1] as number);
    let i = 0;
    while (i < cum.length - 1 && r >= (cum[i] as number)) i++;
    return items[i] as T;
  }

  /** Deterministic base62 identifier, e.g. for tool call ids. */
  base62(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += BASE62[Math.floor(this.next() * 62)];
    return out;
  }

  private weights(size: number): Float64Array {
    let cum = this.cumulative.get(size);
    if (cum) return cum;
    const raw: number[] = [];
    let total = 0;
    for (let i = 0; i < size; i++) {
      const w = Math.exp(-this.lambda * i);
      raw.push(w);
      total += w;
    }
    // top_p: keep the smallest prefix whose mass reaches top_p (the nucleus).
    let keep = size,
      mass = 0;
    for (let i = 0; i < size; i++) {
      mass += (raw[i] as number) / total;
      if (mass >= this.topP - 1e-9) {
        keep = i + 1;
        break;
      }
    }
    cum = new Float64Array(keep);
    let acc = 0;
    for (let i = 0; i < keep; i++) {
      acc += raw[i] as number;
      cum[i] = acc;
    }
    this.cumulative.set(size, cum);
    return cum;
  }
}
