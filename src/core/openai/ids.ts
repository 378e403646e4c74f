import { randomBytes, randomFillSync } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_CODES = Buffer.from(BASE62, "latin1");
// Random bytes cost ~2.5 ns each drawn 4 KiB at a time here, ~0.4 ns at 16 KiB.
const BLOCK = 16384;
const bytes = Buffer.allocUnsafe(BLOCK);

/** Characters of text made from the random block at a time. */
const CHUNK = 1024;

/**
 * Random text drawn in blocks: one random fill per 16 KiB of bytes instead of per id (ids are minted
 * on every request), turned into text a 1 KiB chunk at a time. An id is a slice of a chunk, so
 * minting one copies nothing. The chunks are small so that they die young: a 32 KB string used for
 * ~1,000 requests outlived two scavenges under load and was promoted, ~35 B per request each.
 */
class RandomText {
  private text = "";
  private offset = 0;
  /** Bytes of the block already turned into text. */
  private used = BLOCK;
  constructor(
    /** Bytes one chunk takes. */
    private readonly chunkBytes: number,
    /** Fills the block: random bytes, and any mapping of them. */
    private readonly refill: (bytes: Buffer) => void,
    private readonly encode: (bytes: Buffer, from: number, to: number) => string,
  ) {}

  take(length: number): string {
    if (this.offset + length > this.text.length) {
      if (this.used + this.chunkBytes > BLOCK) {
        this.refill(bytes);
        this.used = 0;
      }
      this.text = this.encode(bytes, this.used, this.used + this.chunkBytes);
      this.used += this.chunkBytes;
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += length;
    return this.text.slice(at, at + length);
  }
}

/**
 * Fills `buf` with base62 characters, each equally likely. A byte maps to `b % 62` only below 248
 * (4 × 62): taken over all 256 values, '0'–'7' would come up 5 times in 256 and the rest 4. The
 * others are dropped, the kept ones packed to the front in place, and the tail drawn again (~3% of
 * the block, then ~0.1%).
 */
function fillBase62(buf: Buffer): void {
  let n = 0;
  while (n < buf.length) {
    randomFillSync(buf, n);
    for (let i = n; i < buf.length; i++) {
      const b = buf[i]!;
      if (b < 248) buf[n++] = BASE62_CODES[b % 62]!;
    }
  }
}

const base62Bytes = Buffer.allocUnsafe(BLOCK);
const base62Text = new RandomText(
  CHUNK,
  () => fillBase62(base62Bytes),
  (_, from, to) => base62Bytes.toString("latin1", from, to),
);
const hexText = new RandomText(
  CHUNK / 2,
  (b) => void randomFillSync(b),
  (b, from, to) => b.toString("hex", from, to),
);

/** Random base62 string (at most 64 characters). */
export function base62(length: number): string {
  if (length > 64) throw new RangeError("base62: at most 64 characters");
  return base62Text.take(length);
}

export const completionId = () => "chatcmpl-" + base62Text.take(29);
export const requestId = () => "req_" + hexText.take(32);

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
