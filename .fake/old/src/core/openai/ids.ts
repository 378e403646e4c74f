import { randomBytes, randomFillSync } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_CODES = Buffer.from(BASE62, "latin1");
// Random bytes cost ~2.5 ns each drawn 4 KiB at a time here, ~0.4 ns at 16 KiB.
const BLOCK = 16384;
const bytes = Buffer.allocUnsafe(BLOCK);

/**
 * Random text drawn in blocks: one random fill, and one conversion to a string, per 16 KiB instead
 * of per id (ids are minted on every request). An id is a slice of the block's string, so minting
 * one copies nothing; a kept id that was never flattened keeps its block (16-32 KB) alive.
 */
class RandomText {
  private text = "";
  private offset = 0;
  constructor(private readonly encode: (bytes: Buffer) => string) {}

  take(length: number): string {
    if (this.offset + length > this.text.length) {
      this.text = this.encode(randomFillSync(bytes));
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += length;
    return this.text.slice(at, at + length);
  }
}

const base62Text = new RandomText((b) => {
  for (let i = 0; i < b.length; i++) b[i] = BASE62_CODES[b[i]! % 62]!;
  return b.toString("latin1");
});
const hexText = new RandomText((b) => b.toString("hex"));

/** Random base62 string (at most 64 characters). */
export function base62(length: number): string {
  if (length > 64) throw new RangeError("base62: at most 64 characters");
  return base62Text.take(length);
}

export const completionId = () => "chatcmpl-" + base62Text.take(29);
export const requestId = () => "req_" + hexText.take(32);

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
