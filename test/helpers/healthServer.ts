// Servers and real health snapshots for the health tests (unit) and the pages that show them (browser).
import { join } from "node:path";
import { generateCertificates } from "../../src/core/certs";
import { loadConfig } from "../../src/core/config";
import { healthSnapshot, type HealthSnapshot } from "../../src/core/health";
import { MockServer } from "../../src/core/server/mockServer";

/** A server (not started) on port 0 using the certificates in `dir`, which may be missing; `env` adds MOCK_GPT_* keys. */
export function healthServer(dir: string, env: Record<string, string> = {}): MockServer {
  const r = loadConfig({
    projectDir: null,
    env: {
      MOCK_GPT_SERVER_PORT: "0",
      MOCK_GPT_TLS_CERT_PATH: join(dir, "server.crt"),
      MOCK_GPT_TLS_KEY_PATH: join(dir, "server.key"),
      MOCK_GPT_TLS_CA_CERT_PATH: join(dir, "ca.crt"),
      ...env,
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return new MockServer(r.loaded);
}

/** A real health snapshot: certificates valid for `days` written to `dir`, a server started on port 0, read, stopped. */
export async function realHealthSnapshot(dir: string, days: number, now?: Date): Promise<HealthSnapshot> {
  await generateCertificates({ dir, days });
  const server = healthServer(dir);
  await server.start();
  try {
    return healthSnapshot(server, now ? { now } : {});
  } finally {
    await server.stop();
  }
}
