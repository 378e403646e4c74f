import { randomBytes } from "node:crypto";

// The real API's ids are a prefix and 48-50 hex digits (resp_67cb71b3…); the SDKs only keep them as strings.
const hexId = (prefix: string) => prefix + randomBytes(24).toString("hex");

export const responseId = () => hexId("resp_");
export const messageItemId = () => hexId("msg_");
export const functionCallItemId = () => hexId("fc_");
export const functionOutputItemId = () => hexId("fco_");
