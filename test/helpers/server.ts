// Starts a real MockServer on 127.0.0.1:0 over mTLS, with fresh certificates, for integration tests.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { Agent } from "undici";
import {
  generateCertificates,
  loadConfig,
  MockServer,
  type CertificateFiles,
  type ConfigOverride,
  type MockServerOptions,
} from "../../src/core";

export interface TestServer {
  server: MockServer;
  url: string;
  port: number;
  files: CertificateFiles;
  tls: { ca: string; cert: string; key: string };
  agent: Agent;
  /** The official SDK, over mTLS, without retries (tests expect errors exactly once). */
  client(options?: { maxRetries?: number; timeout?: number }): OpenAI;
  close(): Promise<void>;
}

export type TestConfig = ConfigOverride["values"];

/** One certificate set per test file is plenty; generating is ~40 ms. */
export async function makeCertificates(): Promise<{ dir: string; files: CertificateFiles; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-test-"));
  const { files } = await generateCertificates({ dir });
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestServer(
  config: TestConfig = {},
  options: MockServerOptions = {},
  certs?: { files: CertificateFiles },
): Promise<TestServer> {
  const own = certs ? null : await makeCertificates();
  const files = certs?.files ?? own!.files;
  const result = loadConfig({
    projectDir: null,
    env: {},
    overrides: [
      {
        kind: "cli",
        origin: "test",
        values: {
          ...config,
          server: { port: 0, ...config.server },
          tls: { cert_path: files.serverCert, key_path: files.serverKey, ca_cert_path: files.caCert, ...config.tls },
          logging: { level: "error", ...config.logging },
        },
      },
    ],
  });
  if (!result.ok) throw new Error("test config invalid: " + JSON.stringify(result.errors));
  const server = new MockServer(result.loaded, options);
  const status = await server.start();
  const tls = {
    ca: readFileSync(files.caCert, "utf8"),
    cert: readFileSync(files.clientCert, "utf8"),
    key: readFileSync(files.clientKey, "utf8"),
  };
  const agent = new Agent({ connect: tls });
  return {
    server,
    url: status.url!,
    port: status.port!,
    files,
    tls,
    agent,
    client: (o = {}) =>
      new OpenAI({
        baseURL: `${status.url}/v1`,
        apiKey: "sk-test",
        maxRetries: o.maxRetries ?? 0,
        timeout: o.timeout ?? 20_000,
        fetchOptions: { dispatcher: agent } as never,
      }),
    close: async () => {
      await server.stop();
      await agent.close();
      own?.cleanup();
    },
  };
}
