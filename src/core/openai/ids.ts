import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// One randomBytes call per 4 KiB instead of one per id: ids are minted on every request.
let pool = randomBytes(4096);
let offset = 0;
function take(n: number): number {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

const BASE62_CODES = Buffer.from(BASE62, "latin1");
const scratch = Buffer.allocUnsafe(64);

/** Random base62 string (at most 64 characters). */
export function base62(length: number): string {
  if (length > scratch.length) throw new RangeError(`base62: at most ${scratch.length} characters`);
  const at = take(length);
  for (let i = 0; i < length; i++) scratch[i] = BASE62_CODES[pool[at + i]! % 62]!;
  return scratch.toString("latin1", 0, length);
}

function hex(bytes: number): string {
  // take() first: it may replace the pool, and the bytes must come from the new one.
  const at = take(bytes);
  return pool.toString("hex", at, at + bytes);
}

export const completionId = () => "chatcmpl-" + base62(29);
export const requestId = () => "req_" + hex(16);

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
