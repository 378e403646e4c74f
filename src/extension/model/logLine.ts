import type { LogRecord } from "../../core";

/** One output-channel line from a core log record: the message, then its fields as key=value. */
export function formatLogRecord(record: LogRecord): string {
  const fields = Object.entries(record)
    .filter(([k, v]) => k !== "time" && k !== "level" && k !== "msg" && v !== undefined)
    .map(([k, v]) => `${k}=${formatValue(v)}`);
  return fields.length ? `${record.msg} ${fields.join(" ")}` : record.msg;
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return JSON.stringify(v) ?? String(v);
}
