import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 string; one randomBytes call per id keeps this off the hot path's profile. */
export function base62(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[bytes[i]! % 62];
  return out;
}

export const completionId = () => "chatcmpl-" + base62(29);
export const requestId = () => "req_" + randomBytes(16).toString("hex");

/** One fingerprint per process, as a deployment of the real API has. */
export const SYSTEM_FINGERPRINT = "fp_" + randomBytes(5).toString("hex");
