import { readFileSync } from "node:fs";
import { request } from "node:https";
import { isIP } from "node:net";
import type { LoadedConfig } from "../core";
import { certificateFiles } from "../core";
import { dirname } from "node:path";

export interface HealthResult {
  ok: boolean;
  line: string;
}

/** Where a local probe connects: a wildcard bind is reached on loopback. */
export function probeHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::" || host === "[::]") return "::1";
  return host;
}

/**
 * GET /health over mTLS with the client certificate beside the server's (client.crt/client.key in the
 * folder of tls.cert_path): what a container HEALTHCHECK or a Kubernetes exec probe runs, since mTLS
 * refuses a plain curl by design.
 */
export function checkHealth(loaded: LoadedConfig, timeoutMs = 3000): Promise<HealthResult> {
  const { server, tls } = loaded.config;
  const host = probeHost(server.host);
  const files = certificateFiles(dirname(tls.cert_path));
  const url = `https://${isIP(host) === 6 ? `[${host}]` : host}:${server.port}/health`;
  let opts;
  try {
    opts = {
      ca: readFileSync(tls.ca_cert_path),
      cert: readFileSync(files.clientCert),
      key: readFileSync(files.clientKey),
    };
  } catch (e) {
    return Promise.resolve({
      ok: false,
      line: `unhealthy: cannot read the client certificate: ${(e as Error).message}`,
    });
  }
  return new Promise((resolve) => {
    const req = request(url, { ...opts, servername: "localhost", timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        let status = "";
        try {
          status = String((JSON.parse(body) as { status?: unknown }).status ?? "");
        } catch {
          /* not JSON: reported below */
        }
        const ok = res.statusCode === 200 && status === "healthy";
        resolve({
          ok,
          line: `${ok ? "healthy" : "unhealthy"}: ${url} ${res.statusCode} ${status || body.slice(0, 80)}`,
        });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (e) => resolve({ ok: false, line: `unhealthy: ${url}: ${e.message}` }));
    req.end();
  });
}
