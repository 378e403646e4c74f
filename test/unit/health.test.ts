import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { generateCertificates } from "../../src/core/certs";
import { expiryWarning, healthSnapshot } from "../../src/core/health";
import { originLabel } from "../../src/core/health/healthSnapshot";
import { createHealthController } from "../../src/core/pages/health/controller";
import type { HealthToPage } from "../../src/shared/pages/health/protocol";
import { healthServer, realHealthSnapshot } from "../helpers/healthServer";

const tmp = mkdtempSync(join(tmpdir(), "mock-gpt-health-"));
const dirs = { short: join(tmp, "short"), long: join(tmp, "long") };

describe("healthSnapshot", () => {
  before(async () => {
    await generateCertificates({ dir: dirs.short, days: 12 });
    await generateCertificates({ dir: dirs.long, days: 400 });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("warns when the server certificate has fewer than 30 days left", () => {
    const h = healthSnapshot(healthServer(dirs.short));
    const cert = h.tls.certificates.find((c) => c.role === "server")!;
    assert.ok(cert.info, cert.error ?? "");
    assert.ok(cert.info.daysLeft >= 11 && cert.info.daysLeft <= 12, String(cert.info.daysLeft));
    assert.match(cert.warning ?? "", /Expires in 1[12] days/);
    assert.match(cert.info.subject, /CN=/);
    assert.match(cert.info.issuer, /Mock GPT Local CA/);
    const ca = h.tls.certificates.find((c) => c.role === "ca")!;
    assert.equal(ca.warning, null, "the CA lives 10 years");
  });

  it("does not warn at 30 days or more, and says expired once past notAfter", () => {
    const s = healthServer(dirs.long);
    assert.equal(healthSnapshot(s).tls.certificates[0]!.warning, null);
    const later = new Date(Date.now() + 401 * 86_400_000);
    assert.match(healthSnapshot(s, { now: later }).tls.certificates[0]!.warning ?? "", /^Expired/);
    assert.equal(expiryWarning(30, 30), null);
    assert.equal(expiryWarning(29, 30), "Expires in 29 days. Regenerate the certificates soon.");
    assert.equal(expiryWarning(1, 30), "Expires in 1 day. Regenerate the certificates soon.");
  });

  it("maps every effective key to its source", () => {
    const h = healthSnapshot(healthServer(dirs.long, { MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS: "25" }));
    const row = (k: string) => h.config.find((r) => r.key === k);
    assert.deepEqual(row("tls.cert_path"), {
      key: "tls.cert_path",
      value: join(dirs.long, "server.crt"),
      source: "env",
      origin: "MOCK_GPT_TLS_CERT_PATH",
    });
    assert.deepEqual(row("responses.default_delay_ms"), {
      key: "responses.default_delay_ms",
      value: "25",
      source: "env",
      origin: "MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS",
    });
    assert.equal(row("server.host")?.source, "default");
    assert.equal(row("server.host")?.origin, "built-in default.toml", "not the install path on every row");
    assert.match(row("models.available")?.value ?? "", /gpt-4o-mini, /);
    assert.ok(h.config.length >= 18);
    assert.equal(new Set(h.config.map((r) => r.key)).size, h.config.length);
  });

  it("Set by: project files relative to the project, defaults by name, others as they are", () => {
    assert.equal(originLabel("local", "/ws/app/config/local.toml", "/ws/app"), "config/local.toml");
    assert.equal(originLabel("local", "/elsewhere/local.toml", "/ws/app"), "/elsewhere/local.toml");
    assert.equal(originLabel("default", "/ext/install/config/default.toml", "/ws/app"), "built-in default.toml");
    assert.equal(originLabel("env", "MOCK_GPT_SERVER_PORT", "/ws/app"), "MOCK_GPT_SERVER_PORT");
  });

  it("reports a missing certificate instead of throwing, plus state, scenario and memory", () => {
    const h = healthSnapshot(healthServer(join(tmp, "nowhere")), {
      memoryUsage: () => ({ rss: 100, heapUsed: 40, heapTotal: 60, external: 1, arrayBuffers: 0 }),
    });
    assert.equal(h.tls.certificates[0]!.info, null);
    assert.match(h.tls.certificates[0]!.error ?? "", /ENOENT/);
    assert.equal(h.server.state, "stopped");
    assert.equal(h.server.uptimeMs, null);
    assert.equal(h.tls.mode, "mtls");
    assert.equal(h.scenario.active, "normal");
    assert.ok(h.scenario.available.includes("slow"));
    assert.deepEqual(h.memory, { rss: 100, heapUsed: 40, heapTotal: 60, external: 1 });
  });

  it("shows uptime, bound address and url of a running server (the browser tests' snapshot)", async () => {
    // Read as if a minute later than the call (the start itself takes part of it).
    const h = await realHealthSnapshot(join(tmp, "running"), 400, new Date(Date.now() + 60_000));
    assert.equal(h.server.state, "running");
    assert.match(h.server.boundAddress ?? "", /^127\.0\.0\.1:\d+$/);
    assert.equal(h.server.url, `https://${h.server.boundAddress}`);
    assert.ok(h.server.uptimeMs! > 50_000 && h.server.uptimeMs! <= 60_000, String(h.server.uptimeMs));
    assert.equal(h.tls.certificates.find((c) => c.role === "server")?.warning, null);
  });
});

describe("createHealthController", () => {
  it("sends a snapshot on ready, then updates on status changes; nothing after dispose", async () => {
    const s = healthServer(join(tmp, "nowhere"));
    const sent: HealthToPage[] = [];
    const c = createHealthController((m) => sent.push(m), { server: s, intervalMs: 0, throttleMs: 10 });
    c.onMessage({ type: "health/refresh" });
    assert.equal(sent.length, 0, "nothing before ready");
    c.onMessage({ type: "ready" });
    assert.equal(sent[0]?.type, "health/snapshot");
    s.setScenario("slow");
    await sleep(40);
    const last = sent.at(-1)!;
    assert.equal(last.type, "health/update");
    assert.equal(last.health.scenario.active, "slow");
    c.dispose();
    s.setScenario("fast");
    await sleep(40);
    assert.equal(sent.at(-1)!.health.scenario.active, "slow");
    assert.equal(s.listenerCount("status"), 0);
  });
});
