import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE62_CODES = Buffer.from(BASE62, "latin1");
const BLOCK = 4096;

/**
 * Random text drawn in blocks: one randomBytes call, and one conversion to a string, per 4 KiB
 * instead of per id (ids are minted on every request). An id is a slice of the block's string,
 * so minting one copies nothing; a kept id keeps its block (a few KB, shared by ~140 ids) alive.
 */
class RandomText {
  private text = "";
  private offset = 0;
  constructor(private readonly encode: (bytes: Buffer) => string) {}

  take(length: number): string {
    if (this.offset + length > this.text.length) {
      this.text = this.encode(randomBytes(BLOCK));
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += length;
    return this.text.slice(at, at + length);
  }
}

const base62Text = new RandomText((bytes) => {
  for (let i = 0; i < bytes.length; i++) bytes[i] = BASE62_CODES[bytes[i]! % 62]!;
  return bytes.toString("latin1");
});
const hexText = new RandomText((bytes) => bytes.toString("hex"));

/** Random base62 string (at most 64 characters). */
export function base62(length: number): string {
  if (length > 64) throw new RangeError("base62: at most 64 characters");
  return base62Text.take(length);
}

export const completionId = () => "chatcmpl-" + base62Text.take(29);
export const requestId = () => "req_" + hexText.take(32);

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
