import type { LogRecord } from "../../core";

/**
 * One output-channel line from a core log record: the message, then its fields as key=value. A
 * field the message already shows ("200 2775.98ms" and status=200 durationMs=2775.98) is left out:
 * the JSON log file keeps every field, the channel is for reading.
 */
export function formatLogRecord(record: LogRecord): string {
  const fields = Object.entries(record)
    .filter(([k, v]) => k !== "time" && k !== "level" && k !== "msg" && v !== undefined && !shownIn(record.msg, v))
    .map(([k, v]) => `${k}=${formatValue(v)}`);
  return fields.length ? `${record.msg} ${fields.join(" ")}` : record.msg;
}

/** The value appears in the message as a word of its own (a number may carry a unit: "12ms"). */
function shownIn(msg: string, v: unknown): boolean {
  if (typeof v !== "number" && typeof v !== "string") return false;
  const text = String(v);
  if (!text || text.length > 200) return false;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const after = typeof v === "number" ? "(?![\\d.])" : "(?![\\w.-])";
  return new RegExp(`(^|[\\s(=:/"])${escaped}${after}`).test(msg);
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return JSON.stringify(v) ?? String(v);
}
