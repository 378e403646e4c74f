// deploy/kubernetes checked against the product: the Dockerfile's port, volumes, user and HEALTHCHECK,
// env names the config schema knows, the CLI's probe command, the files the server reads, and a
// ConfigMap the loader accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import { configKeys, envVarName, loadConfig } from "../../src/core";
import { CERTIFICATE_FILE_NAMES } from "../../src/core/certs/files";
import { parseCli } from "../../src/cli/args";

const ROOT = resolve(__dirname, "..", "..");
const K8S = join(ROOT, "deploy", "kubernetes");
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const docs = (file: string): Obj[] =>
  parseAllDocuments(readFileSync(join(K8S, file), "utf8")).map((d) => d.toJS() as Obj);
const kustomization = docs("kustomization.yaml")[0]!;
const all = (kustomization.resources as string[]).flatMap(docs);
const byKind = (kind: string) => all.find((o) => o.kind === kind)!;
const deployment = byKind("Deployment");
const service = byKind("Service");
const configMap = byKind("ConfigMap");
const secret = docs("secret.example.yaml")[0]!;
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
// The last stage, with continuation lines joined.
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM ")).replace(/\\\n\s*/g, " ");
const instruction = (name: string) => new RegExp(`^${name}\\s+(.+)$`, "m").exec(runtimeStage)?.[1];

test("kustomization lists the Deployment, Service and ConfigMap; replicas > 1", () => {
  assert.deepEqual(all.map((o) => o.kind).sort(), ["ConfigMap", "Deployment", "Service"]);
  assert.ok(deployment.spec.replicas > 1);
  assert.deepEqual(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels);
  assert.deepEqual(service.spec.selector, deployment.spec.template.metadata.labels);
});

test("ports: containerPort = EXPOSE = server.port default = Service target", () => {
  const exposed = Number(instruction("EXPOSE"));
  const defaults = loadConfig({ projectDir: null, env: {} });
  assert.ok(defaults.ok);
  assert.equal(defaults.loaded.config.server.port, exposed);
  const port = container.ports.find((p: Obj) => p.name === "https");
  assert.equal(port.containerPort, exposed);
  assert.equal(service.spec.ports[0].targetPort, "https");
  const envPort = container.env.find((e: Obj) => e.name === "MOCK_GPT_SERVER_PORT");
  if (envPort) assert.equal(Number(envPort.value), exposed);
});

test("mount paths are the image's volumes, and the certs mount holds what the server reads", () => {
  const volumes = JSON.parse(instruction("VOLUME")!) as string[];
  const mounts = Object.fromEntries(container.volumeMounts.map((m: Obj) => [m.name, m.mountPath]));
  assert.deepEqual(Object.values(mounts).sort(), [...volumes].sort());
  const tls = loadConfig({ projectDir: "/app", env: {} });
  assert.ok(tls.ok);
  const { cert_path, key_path, ca_cert_path } = tls.loaded.config.tls;
  for (const p of [cert_path, key_path, ca_cert_path]) assert.equal(join(mounts.certs, basename(p)), p);
  const secretVolume = pod.volumes.find((v: Obj) => v.name === "certs").secret;
  assert.equal(secretVolume.secretName, secret.metadata.name);
  const needed = [basename(cert_path), basename(key_path), basename(ca_cert_path)];
  needed.push(CERTIFICATE_FILE_NAMES.clientCert, CERTIFICATE_FILE_NAMES.clientKey); // for the probes
  assert.deepEqual(Object.keys(secret.stringData).sort(), needed.sort());
  assert.equal(pod.volumes.find((v: Obj) => v.name === "config").configMap.name, configMap.metadata.name);
});

test("every env name is a MOCK_GPT_* variable the config schema knows", () => {
  const known = new Set(configKeys().map(envVarName));
  for (const e of container.env) assert.ok(known.has(e.name), `${e.name} is a config variable`);
  assert.ok(container.env.some((e: Obj) => e.name === "MOCK_GPT_SERVER_HOST" && e.value === "0.0.0.0"));
});

test("probes run the image's HEALTHCHECK command, a real CLI command", () => {
  const health = /CMD\s+(\[.*\])\s*$/m.exec(instruction("HEALTHCHECK")!)![1]!;
  const command = JSON.parse(health) as string[];
  for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"])
    assert.deepEqual(container[probe].exec.command, command, probe);
  assert.equal(command[0], "node");
  assert.match(runtimeStage, new RegExp(`COPY --from=build \\S+ ${command[1]!.replace(/\./g, "\\.")}$`, "m"));
  assert.equal(parseCli(command.slice(2)).kind, "health");
});

test("the pod runs as the image's non-root user", () => {
  const [uid] = instruction("USER")!.split(":");
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(String(pod.securityContext.runAsUser), uid);
  assert.notEqual(uid, "0");
});

test("resources: memory request above the measured idle RSS (~126 MB), limit well above the bench peak (~145 MB)", () => {
  const mi = (v: string) => Number(/^(\d+)Mi$/.exec(v)![1]);
  assert.ok(mi(container.resources.requests.memory) * 1.048576 > 126);
  assert.ok(mi(container.resources.limits.memory) * 1.048576 > 2 * 145);
  assert.ok(container.resources.requests.cpu);
});

test("the ConfigMap's files are config files the loader reads, and valid", () => {
  const dir = mkdtempSync(join(tmpdir(), "mock-gpt-k8s-"));
  try {
    mkdirSync(join(dir, "config"));
    for (const [name, text] of Object.entries(configMap.data as Record<string, string>)) {
      assert.ok(["default.toml", "test_scenarios.toml", "local.toml"].includes(name), name);
      writeFileSync(join(dir, "config", name), text);
    }
    const r = loadConfig({ projectDir: dir, env: {} });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.deepEqual(r.loaded.warnings, []);
    assert.ok(r.loaded.files.some((f) => f.endsWith("local.toml")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
