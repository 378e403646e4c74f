// What every bench entry point needs before it spawns a server: a certificate set, the servers' environment
// (its [tls] paths, quiet logging, no delay or injected errors) and the client's TLS options.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** Bundles `entry` into one CommonJS file for Node 20 (`extra`: more esbuild options); returns `outfile`. */
export async function bundleForNode(entry, outfile, extra = {}) {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile,
    logLevel: "error",
    ...extra,
  });
  return outfile;
}

/** A fresh certificate set in dir: from the built CLI's `certs` command, else straight from src/core/certs. */
async function makeCerts(root, cli, dir) {
  if (existsSync(cli)) {
    const r = spawnSync(process.execPath, [cli, "certs", "--dir", dir], { encoding: "utf8", timeout: 30_000 });
    if (r.status === 0 && existsSync(join(dir, "client.key"))) return;
    console.log(`! \`${cli} certs\` failed: ${(r.stderr || r.stdout).trim().slice(0, 400)}; using src/core/certs`);
    rmSync(dir, { recursive: true, force: true });
  }
  const out = await bundleForNode(join(root, "src/core/certs/index.ts"), `${dir}-module.cjs`);
  await createRequire(import.meta.url)(out).generateCertificates({ dir });
}

/**
 * Certificates in tmp/certs, then { env, tls, certs }: env for every server target, tls for Node clients
 * (ca, cert, key contents), certs for wrk's shim (client cert and key paths).
 */
export async function benchSetup({ root, cli, tmp }) {
  const dir = join(tmp, "certs");
  await makeCerts(root, cli, dir);
  const file = (n) => join(dir, n);
  const env = {
    MOCK_GPT_TLS_CERT_PATH: file("server.crt"),
    MOCK_GPT_TLS_KEY_PATH: file("server.key"),
    MOCK_GPT_TLS_CA_CERT_PATH: file("ca.crt"),
    MOCK_GPT_LOGGING_LEVEL: "error",
    MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS: "0",
    MOCK_GPT_RESPONSES_ERROR_RATE_PERCENT: "0",
    MOCK_GPT_SCENARIO_ACTIVE: "normal",
  };
  const tls = {
    ca: readFileSync(file("ca.crt")),
    cert: readFileSync(file("client.crt")),
    key: readFileSync(file("client.key")),
  };
  return { env, tls, certs: { cert: file("client.crt"), key: file("client.key") } };
}
