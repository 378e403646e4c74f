import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { LogLevel } from "../config/types";

export const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug", "trace"];

export type LogFields = Record<string, unknown>;

/** A structured log line: what the file gets as JSON and what sinks (the output channel) receive. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  readonly level: LogLevel;
  enabled(level: LogLevel): boolean;
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  trace(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** @default "info" */
  level?: LogLevel;
  /** JSON-lines file; "" or undefined for none. */
  file?: string;
  /** Extra destinations, e.g. VS Code's LogOutputChannel or the CLI's stderr. */
  sinks?: LogSink[];
}

/**
 * Structured logger. File writes are synchronous appends: one short line per request keeps
 * ordering exact across crashes, and the file is off by default.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const threshold = LOG_LEVELS.indexOf(level);
  const sinks = [...(options.sinks ?? [])];
  if (options.file) {
    const file = options.file;
    let failed = false;
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch {
      failed = true; // an unwritable folder must not stop the server; the append below would fail too
    }
    sinks.push((record) => {
      if (failed) return;
      try {
        appendFileSync(file, JSON.stringify(record) + "\n", { mode: 0o600 });
      } catch {
        failed = true; // a full disk must not take the server down; stop trying
      }
    });
  }
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) <= threshold;
  const write = (l: LogLevel) => (msg: string, fields?: LogFields) => {
    if (!enabled(l) || sinks.length === 0) return;
    const record: LogRecord = { time: new Date().toISOString(), level: l, msg, ...fields };
    for (const sink of sinks) sink(record);
  };
  return {
    level,
    enabled,
    error: write("error"),
    warn: write("warn"),
    info: write("info"),
    debug: write("debug"),
    trace: write("trace"),
  };
}
