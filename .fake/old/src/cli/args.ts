import { parseArgs } from "node:util";

export type CliCommand =
  | { kind: "serve"; configDir?: string; port?: number; host?: string }
  | { kind: "certs"; dir?: string; force: boolean; sans: string[] }
  | { kind: "health"; configDir?: string; port?: number; host?: string }
  | { kind: "help" }
  | { kind: "version" };

export class UsageError extends Error {}

export const USAGE = `Usage: mock-gpt-server [serve] [options]
       mock-gpt-server certs [--dir DIR] [--force] [--san NAME]...
       mock-gpt-server health [options]

A mock of OpenAI's GPT-4o-mini API over mutual TLS.

Commands:
  serve (default)   Start the server. Generates certificates on first run.
  certs             Generate a CA, server and client certificate (EC P-256).
  health            GET /health over mTLS with the client certificate; exit 0
                    when healthy, 1 when not (container and Kubernetes probes).

Serve and health options:
  --config-dir DIR  Folder with default.toml, test_scenarios.toml, local.toml
                    (default: ./config). Relative paths inside resolve against
                    its parent folder, the project directory.
  --port N          Listen on port N (0 = any free port). Overrides TOML and env.
  --host HOST       Listen on HOST (default 127.0.0.1). Overrides TOML and env.

Certs options:
  --dir DIR         Where to write the files (default: ./certs)
  --force           Replace existing files
  --san NAME        Extra server-certificate name or IP (repeatable), e.g. a
                    Kubernetes Service name; localhost, 127.0.0.1, ::1 are always in

  -h, --help        Show this help
  -v, --version     Show the version

Environment: MOCK_GPT_<TABLE>_<KEY>, e.g. MOCK_GPT_SERVER_PORT=9443,
MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS=200. See README.md for every key.`;

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new UsageError(`--port expects an integer from 0 to 65535, got "${value}".`);
  return Number(value);
}

/** Parses argv (without node and script) strictly: unknown flags are usage errors, not ignored. */
export function parseCli(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "config-dir": { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        dir: { type: "string" },
        force: { type: "boolean" },
        san: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command = "serve", ...rest] = positionals;
  if (rest.length) throw new UsageError(`Unexpected argument "${rest[0]}".`);
  if (command === "serve" || command === "health") {
    if (values.dir !== undefined || values.force || values.san)
      throw new UsageError("--dir, --force and --san belong to the certs command.");
    if (values.host === "") throw new UsageError("--host must not be empty.");
    return {
      kind: command,
      configDir: values["config-dir"],
      port: values.port === undefined ? undefined : parsePort(values.port),
      host: values.host,
    };
  }
  if (command === "certs") {
    if (values["config-dir"] !== undefined || values.port !== undefined || values.host !== undefined)
      throw new UsageError("--config-dir, --port and --host belong to the serve and health commands.");
    return { kind: "certs", dir: values.dir, force: values.force ?? false, sans: values.san ?? [] };
  }
  throw new UsageError(`Unknown command "${command}". Commands: serve, certs, health.`);
}
