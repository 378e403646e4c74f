import { AppendOnlyFile } from "./appendOnlyFile";
import { batchedLines } from "./batchedLines";
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
  /** Writes what is queued for the log file and closes it; a later record opens it again. */
  close(): void;
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
 * Structured logger. The JSON-lines file gets its records once per turn of the event loop (see
 * batchedLines), warnings and errors at once; it is off by default except in the CLI.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const threshold = LOG_LEVELS.indexOf(level);
  const sinks = [...(options.sinks ?? [])];
  let close = () => {};
  if (options.file) {
    const file = new AppendOnlyFile(options.file);
    const lines = batchedLines((text) => file.write(text));
    sinks.push((record) => {
      const line = JSON.stringify(record);
      if (record.level === "error" || record.level === "warn") lines.now(line);
      else lines.add(line);
    });
    close = () => {
      lines.close();
      file.close();
    };
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
    close: () => close(),
  };
}
