import type * as vscode from "vscode";
import type { LogSink } from "../../core";
import { formatLogRecord } from "../model/logLine";

/** Routes the core's structured records to the LogOutputChannel at their own level (it adds the timestamp). */
export function outputSink(channel: vscode.LogOutputChannel): LogSink {
  return (record) => {
    const line = formatLogRecord(record);
    switch (record.level) {
      case "error":
        return channel.error(line);
      case "warn":
        return channel.warn(line);
      case "debug":
        return channel.debug(line);
      case "trace":
        return channel.trace(line);
      default:
        return channel.info(line);
    }
  };
}
