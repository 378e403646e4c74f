import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

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

/** Random base62 string. */
export function base62(length: number): string {
  const at = take(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[pool[at + i]! % 62];
  return out;
}

function hex(bytes: number): string {
  const at = take(bytes);
  let out = "";
  for (let i = 0; i < bytes; i++) {
    const b = pool[at + i]!;
    out += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

export const completionId = () => "chatcmpl-" + base62(29);
export const requestId = () => "req_" + hex(16);

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
