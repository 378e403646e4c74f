// `mock-gpt/testing`: the mock in-process for test suites, on port 0 with fresh certificates.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { generateCertificates } from "../core/certs";
import { describeIssue, loadConfig } from "../core/config";
import type { ConfigOverride } from "../core/config/types";
import { parseJournalQuery, queryJournal } from "../core/journal/query";
import { MockServer } from "../core/server/mockServer";
import type { FaultSpec, MockGpt, RequestFilter, StartMockGptOptions } from "./types";

export type * from "./types";

/** A RequestFilter as the control API's query string, so both read the journal the same way. */
function toQuery(filter: RequestFilter = {}): URLSearchParams {
  const q = new URLSearchParams();
  const set = (k: string, v: unknown) => v !== undefined && v !== null && q.append(k, String(v));
  set("endpoint", filter.endpoint);
  set("method", filter.method);
  for (const s of Array.isArray(filter.status) ? filter.status : filter.status !== undefined ? [filter.status] : [])
    set("status", s);
  set("model", filter.model);
  set("client", filter.client);
  set("since", filter.since instanceof Date ? filter.since.getTime() : filter.since);
  set("until", filter.until instanceof Date ? filter.until.getTime() : filter.until);
  for (const [name, value] of Object.entries(filter.headers ?? {}))
    set("header", value === true ? name : `${name}:${value}`);
  set("scenario", filter.scenario);
  set("limit", filter.limit);
  return q;
}

/**
 * Starts the mock in this process on a free loopback port, with a fresh CA, server and client
 * certificate in a temporary folder (deleted by `stop`). The same core as the CLI and VS Code.
 */
export async function startMockGpt(options: StartMockGptOptions = {}): Promise<MockGpt> {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let server: MockServer | undefined;
  try {
    const { files } = await generateCertificates({ dir });
    const values = { ...options.config } as Record<string, Record<string, unknown> | undefined>;
    const override: ConfigOverride = {
      kind: "cli",
      origin: "startMockGpt()",
      // Rules and scenarios are welcome here, as in a config file.
      allowScenarios: true,
      values: {
        ...values,
        server: { ...values.server, host: options.host ?? "127.0.0.1", port: 0 },
        tls: { ...values.tls, cert_path: files.serverCert, key_path: files.serverKey, ca_cert_path: files.caCert },
        logging: { level: "warn", file: "", ...values.logging },
        // The start scenario is configuration, so reset() (and POST /__mock/reset) comes back to it.
        ...(options.scenario !== undefined && { scenario: { ...values.scenario, active: options.scenario } }),
      } as ConfigOverride["values"],
    };
    const result = loadConfig({
      projectDir: options.projectDir ?? null,
      env: options.env ?? {},
      overrides: [override],
    });
    if (!result.ok) throw new Error("mock-gpt: invalid configuration:\n" + result.errors.map(describeIssue).join("\n"));
    const warnings = result.loaded.warnings.map(describeIssue);
    if (options.strict && warnings.length)
      throw new Error("mock-gpt: configuration warnings (strict):\n" + warnings.join("\n"));
    const onWarning = options.onWarning ?? ((w: string) => process.emitWarning(w, "MockGptConfigWarning"));
    for (const w of warnings) onWarning(w);
    server = new MockServer(result.loaded);
    const status = await server.start();
    const s = server;
    const tls = {
      ca: readFileSync(files.caCert, "utf8"),
      cert: readFileSync(files.clientCert, "utf8"),
      key: readFileSync(files.clientKey, "utf8"),
    };
    const dispatcher = new Agent({ connect: tls });
    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        await s.stop();
        await dispatcher.close();
        cleanup();
      })());
    const url = status.url!;
    return {
      url,
      baseURL: `${url}/v1`,
      port: status.port!,
      warnings,
      ...tls,
      dispatcher,
      setScenario: (name) => s.setScenario(name),
      queueFault: (fault: FaultSpec) => {
        const faults = s.controlApi.faults;
        if (!faults) throw new Error("mock-gpt: this build has no fault queue");
        return faults.queue(typeof fault === "string" ? { fault } : fault);
      },
      requests: (filter) => queryJournal(s.log.values(), parseJournalQuery(toQuery(filter))).entries,
      journal: (filter) => queryJournal(s.log.values(), parseJournalQuery(toQuery(filter))),
      stats: () => s.stats.snapshot(),
      rateLimits: () => s.rateLimits.snapshot(),
      reset: () => s.reset(),
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (err) {
    await server?.stop().catch(() => undefined);
    cleanup();
    throw err;
  }
}
