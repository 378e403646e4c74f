import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LoadedConfig } from "../core";

/** The seed's request log: the CLI writes it unless `[logging] file` or MOCK_GPT_LOGGING_FILE says otherwise. */
export const CLI_LOG_FILE = join("logs", "mock-server.log");

/**
 * Applies the CLI's log-file default (only when no file, env or flag set `logging.file`; `""` there turns it off)
 * and checks the file can be written. Returns a warning when it cannot: the server still runs, without the file.
 */
export function applyCliLogFile(loaded: LoadedConfig, projectDir: string): string | null {
  if (loaded.sources["logging.file"]?.kind === "default") {
    loaded.config.logging.file = join(projectDir, CLI_LOG_FILE);
    loaded.sources["logging.file"] = { kind: "cli", origin: "CLI default" };
  }
  const file = loaded.config.logging.file;
  if (!file) return null;
  try {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, "a", 0o600));
    return null;
  } catch (e) {
    loaded.config.logging.file = "";
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return `cannot write the log file ${file} (${code}); running without it. Set [logging] file or MOCK_GPT_LOGGING_FILE to another path, or "" for none.`;
  }
}
