import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import {
  CertificatesExistError,
  CertificateError,
  MockServer,
  ServerStartError,
  certificateFiles,
  describeIssue,
  ensureCertificates,
  generateCertificates,
  loadConfig,
  type LoadedConfig,
  type LogRecord,
} from "../core";
import { VERSION } from "../core/server/routes/health";
import { parseCli, USAGE, UsageError } from "./args";
import { checkHealth } from "./health";
import { applyCliLogFile } from "./logFile";
import { uiRoutesForCli } from "./ui";
import { capYoungGeneration } from "./youngGeneration";
import { batchedLines } from "../core/log/batchedLines";
import { sharedStatsTracker } from "../core/stats";

const stderr = batchedLines((text) => process.stderr.write(text));
// Queued log lines first, so a terminal shows both streams in the order they were written.
const out = (line: string) => {
  stderr.flush();
  process.stdout.write(line + "\n");
};
const err = (line: string) => stderr.now(line);

/** Paths shown to the user: relative when under the current folder, so they paste cleanly. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !rel.startsWith(sep) ? rel : path;
}

/**
 * One readable line per log record on stderr; stdout stays for the listening line and hints. The
 * per-request lines go out once per turn of the event loop (see batchedLines), warnings and errors at once.
 */
function stderrSink(record: LogRecord): void {
  const { time, level, msg } = record;
  const line = `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${msg}`;
  if (level === "error" || level === "warn") stderr.now(line);
  else stderr.add(line);
}

/** The server's certificate trio, when it is the standard layout certs() writes: then first run can create it. */
function standardCertDir(loaded: LoadedConfig): string | null {
  const { cert_path, key_path, ca_cert_path } = loaded.config.tls;
  const dir = dirname(cert_path);
  const files = certificateFiles(dir);
  return files.serverCert === resolve(cert_path) &&
    files.serverKey === resolve(key_path) &&
    files.caCert === resolve(ca_cert_path)
    ? dir
    : null;
}

function curlHint(url: string, certDir: string | null): string[] {
  const files = certDir ? certificateFiles(certDir) : null;
  const flags = files
    ? `--cacert ${shown(files.caCert)} --cert ${shown(files.clientCert)} --key ${shown(files.clientKey)}`
    : "--cacert <ca.crt> --cert <client.crt> --key <client.key>";
  return [
    "Try it:",
    `  curl ${flags} ${url}/v1/chat/completions \\`,
    `    -H 'content-type: application/json' \\`,
    `    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}'`,
  ];
}

type ServeOptions = { configDir?: string; port?: number; host?: string };

/** Loads config/ (flags above env above files) and prints its problems; null when invalid. */
function loadCliConfig(
  opts: ServeOptions,
  env: NodeJS.ProcessEnv = process.env,
): { loaded: LoadedConfig; projectDir: string } | null {
  const configDir = resolve(opts.configDir ?? "config");
  const projectDir = dirname(configDir);
  const cli: Record<string, unknown> = {};
  if (opts.port !== undefined) cli.port = opts.port;
  if (opts.host !== undefined) cli.host = opts.host;
  const result = loadConfig({
    projectDir,
    configDir,
    env,
    overrides: Object.keys(cli).length ? [{ kind: "cli", origin: "command line", values: { server: cli } }] : [],
  });
  if (!result.ok) {
    err("Mock GPT: the configuration is invalid:");
    for (const issue of [...result.errors, ...result.warnings])
      err(`  ${issue.severity === "warning" ? "warning" : "error"}: ${describeIssue(issue)}`);
    return null;
  }
  return { loaded: result.loaded, projectDir };
}

async function health(opts: ServeOptions): Promise<number> {
  const config = loadCliConfig(opts);
  if (!config) return 2;
  const result = await checkHealth(config.loaded);
  (result.ok ? out : err)(result.line);
  return result.ok ? 0 : 1;
}

async function serve(opts: ServeOptions): Promise<number> {
  const config = loadCliConfig(opts);
  if (!config) return 2;
  const { loaded, projectDir } = config;
  for (const w of loaded.warnings) err(`warning: ${describeIssue(w)}`);
  const logWarning = applyCliLogFile(loaded, projectDir);
  if (logWarning) err(`warning: ${logWarning}`);

  const certDir = standardCertDir(loaded);
  // The server's own three files are enough (a Kubernetes Secret rightly leaves ca.key out); otherwise
  // ensureCertificates generates a full set into an empty folder and refuses a partial one.
  const { cert_path, key_path, ca_cert_path } = loaded.config.tls;
  const serverReady = [cert_path, key_path, ca_cert_path].every((p) => existsSync(p));
  if (certDir && !serverReady) {
    try {
      const { generated } = await ensureCertificates(certDir, { hosts: loaded.config.tls.extra_sans });
      if (generated) out(`Generated a CA, server and client certificate in ${shown(certDir)}/ (keys are mode 600).`);
    } catch (e) {
      err(`Mock GPT: ${(e as Error).message}`);
      if ((e as NodeJS.ErrnoException).code === "EACCES")
        err(
          `  ${shown(certDir)}/ is not writable by uid ${process.getuid?.() ?? "?"}. In a container, create the host folder ` +
            "as yourself first (mkdir -p certs) or run with --user $(id -u):$(id -g).",
        );
      return 1;
    }
  }

  const files = certDir ? certificateFiles(certDir) : null;
  const clientTls = () =>
    files ? { caPath: files.caCert, certPath: files.clientCert, keyPath: files.clientKey } : null;
  const routes = uiRoutesForCli(join(__dirname, "webview"), () => server, clientTls);
  const server: MockServer = new MockServer(loaded, { logSinks: [stderrSink], routes });
  if (routes.length) sharedStatsTracker(server); // the dashboard counts from the first request
  let status;
  try {
    status = await server.start();
  } catch (e) {
    err(`Mock GPT: ${(e as Error).message}`);
    if (e instanceof ServerStartError && e.code === "port_in_use")
      err(`  Try --port ${(e.detail.port ?? 8443) + 1}, or --port 0 for any free port.`);
    return 1;
  }
  out(`Mock GPT server listening on ${status.url}`);
  // With the first request, not at start: idle, new space is small anyway.
  server.log.once("added", () => void setImmediate(capYoungGeneration));
  // A wildcard bind (the container's 0.0.0.0) is not an address to call: hint at localhost, a SAN.
  const callUrl = status.url!.replace(/^https:\/\/(0\.0\.0\.0|\[::\])(?=:)/, "https://localhost");
  for (const line of curlHint(callUrl, certDir)) out(line);
  if (routes.length)
    out(`Request inspector: ${callUrl}/ui/requests  (import the client certificate into your browser)`);
  if (loaded.config.logging.file) out(`Request log: ${shown(loaded.config.logging.file)}`);
  out(`Scenario: ${status.scenario}. Press Ctrl+C to stop.`);

  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) {
        err("Forced exit.");
        process.exit(130);
      }
      stopping = true;
      err(`${signal}: stopping…`);
      server.stop().then(
        () => resolveExit(0),
        () => resolveExit(1),
      );
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
  });
}

async function certs(opts: { dir?: string; force: boolean; sans: string[] }): Promise<number> {
  const dir = resolve(opts.dir ?? "certs");
  try {
    const generated = await generateCertificates({ dir, force: opts.force, hosts: opts.sans });
    out(
      `Wrote ${Object.values(generated.files)
        .map((f) => shown(f))
        .join(", ")}`,
    );
    out(`Keys are mode 600. Valid until ${generated.expiresAt.toISOString().slice(0, 10)}.`);
    return 0;
  } catch (e) {
    if (e instanceof CertificatesExistError) {
      err(
        `Mock GPT: certificates already exist in ${shown(dir)} (${e.existing.map((p) => shown(p)).join(", ")}). Use --force to replace them.`,
      );
      return 1;
    }
    err(`Mock GPT: ${e instanceof CertificateError ? e.message : (e as Error).message}`);
    return 1;
  }
}

/**
 * What `serve` runs before it opens its listener, without its effects: no file written, no port, no output.
 * The build runs it before it saves the code cache (src/cli/launch.ts: writeCodeCache), so that a start finds
 * this code compiled instead of compiling it function by function (~8 ms of a ~160 ms start). Any failure
 * fails the build.
 */
export function warmUp(): void {
  const command = parseCli(["serve", "--config-dir", join(__dirname, "warm-up", "config"), "--port", "0"]);
  if (command.kind !== "serve") throw new Error(`warmUp: parsed ${command.kind}`);
  // No MOCK_GPT_* of the builder's: nothing of theirs (a log file, say) may take effect here.
  const config = loadCliConfig(command, {});
  if (!config) throw new Error("warmUp: the built-in configuration is invalid");
  const { loaded } = config;
  loaded.config.logging.file = "";
  const certDir = standardCertDir(loaded);
  const files = certDir ? certificateFiles(certDir) : null;
  curlHint("https://127.0.0.1:0", certDir);
  const clientTls = () =>
    files ? { caPath: files.caCert, certPath: files.clientCert, keyPath: files.clientKey } : null;
  const routes = uiRoutesForCli(join(__dirname, "webview"), () => server, clientTls);
  const server: MockServer = new MockServer(loaded, { logSinks: [stderrSink], routes });
  if (routes.length) sharedStatsTracker(server);
  server.warmUp();
}

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`mock-gpt-server: ${e.message}\n\n${USAGE}`);
      return 64;
    }
    throw e;
  }
  switch (command.kind) {
    case "help":
      out(USAGE);
      return 0;
    case "version":
      out(VERSION);
      return 0;
    case "certs":
      return certs(command);
    case "serve":
      return serve(command);
    case "health":
      return health(command);
  }
}

/** Runs the command line and exits with its code (dist/cli.js calls this; so does `node dist/cli-main.js`). */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      err(`mock-gpt-server: unexpected error: ${e instanceof Error ? e.stack : String(e)}`);
      process.exit(1);
    },
  );
}

if (require.main === module) runCli();
