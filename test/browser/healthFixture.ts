// A real health snapshot: a server started on port 0 with certificates valid for `days`, read, stopped.
import { join } from "node:path";
import { generateCertificates } from "../../src/core/certs";
import { loadConfig } from "../../src/core/config";
import { healthSnapshot, type HealthSnapshot } from "../../src/core/health";
import { MockServer } from "../../src/core/server/mockServer";

export async function realHealthSnapshot(dir: string, days: number, now?: Date): Promise<HealthSnapshot> {
  await generateCertificates({ dir, days });
  const r = loadConfig({
    projectDir: null,
    env: {
      MOCK_GPT_SERVER_PORT: "0",
      MOCK_GPT_TLS_CERT_PATH: join(dir, "server.crt"),
      MOCK_GPT_TLS_KEY_PATH: join(dir, "server.key"),
      MOCK_GPT_TLS_CA_CERT_PATH: join(dir, "ca.crt"),
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const server = new MockServer(r.loaded);
  await server.start();
  try {
    return healthSnapshot(server, now ? { now } : {});
  } finally {
    await server.stop();
  }
}
