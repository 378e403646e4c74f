// The Dockerfile as `docker build` / `docker run` would use it, with buildah (no Docker engine here):
// built on a local stand-in for node:20-bookworm-slim, run with the image's own Entrypoint/Cmd, User,
// Env and WorkingDir and an empty certs volume; then the official SDK over mTLS with the generated
// files, the HEALTHCHECK command, SIGTERM timing, and no private key in any layer.
// Heavy (about 3-7 min: stand-in base once, then npm ci inside the build); skipped loudly without buildah.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import OpenAI from "openai";
import { Agent } from "undici";
import {
  BUILDAH,
  buildah,
  buildahProblem,
  findDescendant,
  inspectImage,
  procStatus,
  type ImageInfo,
} from "../helpers/buildah";

const ROOT = resolve(__dirname, "..", "..");
const BASE = "docker.io/library/node:20-bookworm-slim";
const IMAGE = "localhost/mock-gpt-server:test";
const problem = buildahProblem();
if (problem) {
  const banner = `\n${"=".repeat(72)}\nCONTAINER TEST SKIPPED: ${problem}\n${"=".repeat(72)}\n`;
  console.error(banner);
  if (process.env.CI === "true") throw new Error(`CI=true and the container test cannot run: ${problem}`);
}

const figures: string[] = [];
const note = (line: string) => {
  figures.push(line);
  console.log(`[container] ${line}`);
};

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  out: string;
  exit: Promise<number | null>;
}

describe("container image (Dockerfile, buildah)", { skip: problem ?? false, timeout: 900_000 }, () => {
  let info: ImageInfo;
  let container = "";
  let certs: string;
  let port: number;
  let env: string[];
  let run: Running | null = null;
  let nodePid = 0;

  before(async () => {
    let t = Date.now();
    await promisify(execFile)("bash", [join(ROOT, "scripts/container/standin-base.sh"), BASE], { timeout: 600_000 });
    note(`stand-in base ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    // --pull=false: the stand-in, never a registry. --format docker keeps HEALTHCHECK (OCI has none).
    // MOCK_GPT_CONTAINER_REUSE=1 (local iteration only) keeps and reuses an already built image.
    const reuse = process.env.MOCK_GPT_CONTAINER_REUSE === "1" && (await inspectImage(IMAGE).catch(() => null));
    if (!reuse) {
      await buildah(
        ["build", "--isolation", "chroot", "--pull=false", "--format", "docker", "-t", IMAGE, ROOT],
        900_000,
      );
      note(`image built from the Dockerfile in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    info = await inspectImage(IMAGE);
    container = (await buildah(["from", "--pull=false", IMAGE])).trim();
    certs = mkdtempSync(join(tmpdir(), "mock-gpt-container-certs-"));
    chownSync(certs, 1000, 1000); // an empty host folder owned by the user, as `mkdir -p certs` leaves it
    port = await freePort();
  });

  after(async () => {
    if (run && run.child.exitCode === null) {
      if (nodePid) process.kill(nodePid, "SIGKILL");
      run.child.kill("SIGKILL");
    }
    if (container) await buildah(["rm", container]).catch(() => undefined);
    if (process.env.MOCK_GPT_CONTAINER_REUSE !== "1") await buildah(["rmi", IMAGE]).catch(() => undefined);
    if (certs) rmSync(certs, { recursive: true, force: true });
    if (figures.length) console.log(`\n[container] figures:\n  ${figures.join("\n  ")}\n`);
  });

  /** `buildah run` with what `docker run -v certs:/app/certs -e …` would apply from the image config. */
  function runArgs(extraEnv: string[], command: string[]): string[] {
    const c = info.config;
    const args = ["run", "--isolation", "chroot", "--network", "host", "-v", `${certs}:/app/certs`];
    if (c.User) args.push("--user", c.User);
    if (c.WorkingDir) args.push("--workingdir", c.WorkingDir);
    for (const e of [...(c.Env ?? []), ...extraEnv]) args.push("--env", e);
    return [...args, container, "--", ...command];
  }

  function start(): Running {
    const c = info.config;
    const command = [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])];
    // Host network: the port a `-p 8443:8443` would map is a free one here, so parallel runs never collide.
    env = [`MOCK_GPT_SERVER_PORT=${port}`, "MOCK_GPT_TLS_EXTRA_SANS=mock-gpt"];
    const child = spawn("buildah", [...BUILDAH, ...runArgs(env, command)], { stdio: ["ignore", "pipe", "pipe"] });
    const r: Running = { child, out: "", exit: new Promise((res) => child.once("exit", (code) => res(code))) };
    child.stdout!.on("data", (d) => (r.out += d));
    child.stderr!.on("data", (d) => (r.out += d));
    return r;
  }

  async function listening(r: Running, ms = 60_000): Promise<number> {
    const t = Date.now();
    while (!/^Scenario: .*Ctrl\+C to stop\.$/m.test(r.out)) {
      if (r.child.exitCode !== null || Date.now() - t > ms) throw new Error(`container did not start:\n${r.out}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    return Date.now() - t;
  }

  test("the image config: non-root user, 0.0.0.0 from Env, port 8443, volumes, entrypoint, healthcheck", () => {
    const c = info.config;
    const uid = (c.User ?? "").split(":")[0];
    assert.ok(uid && uid !== "0" && uid !== "root", `User is set and not root: ${c.User}`);
    assert.ok(c.Env?.includes("MOCK_GPT_SERVER_HOST=0.0.0.0"), "binds all interfaces through the image env");
    assert.deepEqual(Object.keys(c.ExposedPorts ?? {}), ["8443/tcp"]);
    assert.deepEqual(Object.keys(c.Volumes ?? {}).sort(), ["/app/certs", "/app/config"]);
    assert.deepEqual([...(c.Entrypoint ?? []), ...(c.Cmd ?? [])], ["node", "/opt/mock-gpt/dist/cli.js", "serve"]);
    assert.equal(info.healthcheck?.Test[0], "CMD", "HEALTHCHECK in exec form");
    const defaults = readFileSync(join(ROOT, "config/default.toml"), "utf8");
    assert.match(defaults, /^host = "127\.0\.0\.1"$/m, "the config default stays loopback");
  });

  test("an empty certs volume gets the CA, server and client certificates; the server answers over mTLS", async () => {
    run = start();
    const ms = await listening(run);
    note(`time to listening (buildah run → listening line, certificates generated): ${ms} ms`);
    assert.match(run.out, /Generated a CA, server and client certificate in certs\//);
    assert.match(run.out, /curl .* https:\/\/localhost:\d+\/v1\/chat/, "the hint names a callable address");
    const names = readdirSync(certs).sort();
    assert.deepEqual(names, ["ca.crt", "ca.key", "client.crt", "client.key", "server.crt", "server.key"]);
    for (const n of names) assert.equal(statSync(join(certs, n)).uid, 1000, `${n} owned by the container user`);
    assert.equal(statSync(join(certs, "client.key")).mode & 0o777, 0o600);
    const san = new X509Certificate(readFileSync(join(certs, "server.crt"))).subjectAltName ?? "";
    assert.match(san, /DNS:mock-gpt\b/, "MOCK_GPT_TLS_EXTRA_SANS is in the server certificate");

    nodePid = findDescendant(run.child.pid!, "/opt/mock-gpt/dist/cli.js") ?? 0;
    assert.ok(nodePid, "found the container's node process");
    assert.equal(procStatus(nodePid, "Uid")?.split(/\s+/)[0], "1000", "the server runs as uid 1000");

    const read = (f: string) => readFileSync(join(certs, f), "utf8");
    const agent = new Agent({ connect: { ca: read("ca.crt"), cert: read("client.crt"), key: read("client.key") } });
    try {
      const openai = new OpenAI({
        baseURL: `https://localhost:${port}/v1`,
        apiKey: "sk-test",
        maxRetries: 0,
        fetchOptions: { dispatcher: agent } as never, // undici's Agent vs @types/node's Dispatcher (Node tsconfig, no DOM)
      });
      const chat = await openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Hello from a container test" }],
      });
      assert.ok(chat.choices[0]?.message.content);
      const stream = await openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Stream, please" }],
        stream: true,
      });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      assert.ok(text.length > 0);
    } finally {
      await agent.close();
    }
    await new Promise((res) => setTimeout(res, 3000)); // idle
    note(`idle RSS of the server process after two requests: ${procStatus(nodePid, "VmRSS")}`);
  });

  test("the image's HEALTHCHECK command passes with mTLS on", async () => {
    assert.ok(run && nodePid, "server running");
    const test = info.healthcheck!.Test.slice(1);
    const t = Date.now();
    const out = await buildah(runArgs(env, test), 60_000);
    note(`HEALTHCHECK (${test.join(" ")}) took ${Date.now() - t} ms: ${out.trim()}`);
    assert.match(out, /^healthy: https:\/\/127\.0\.0\.1:\d+\/health 200 healthy$/m);
  });

  test("SIGTERM stops the server within 1 s", async () => {
    assert.ok(run && nodePid, "server running");
    const t = Date.now();
    process.kill(nodePid, "SIGTERM");
    while (existsSync(`/proc/${nodePid}`) && Date.now() - t < 5000) await new Promise((res) => setTimeout(res, 10));
    const ms = Date.now() - t;
    note(`SIGTERM → server process gone: ${ms} ms`);
    assert.ok(ms < 1000, `stopped in ${ms} ms`);
    assert.equal(await run.exit, 0, run.out);
    assert.match(run.out, /SIGTERM: stopping/);
  });

  test("a restart keeps the existing certificates", async () => {
    const before = readFileSync(join(certs, "server.crt"), "utf8");
    run = start();
    const ms = await listening(run);
    note(`time to listening with existing certificates: ${ms} ms`);
    assert.doesNotMatch(run.out, /Generated/);
    assert.equal(readFileSync(join(certs, "server.crt"), "utf8"), before);
    nodePid = findDescendant(run.child.pid!, "/opt/mock-gpt/dist/cli.js") ?? 0;
    assert.ok(nodePid);
    process.kill(nodePid, "SIGTERM");
    assert.equal(await run.exit, 0, run.out);
  });

  test("no layer holds a .key file or a private key; the image's own layers are small", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-gpt-image-"));
    try {
      await buildah(["push", "--disable-compression", IMAGE, `dir:${dir}`], 300_000);
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
        layers: Array<{ digest: string; size: number }>;
      };
      const base = await inspectImage(BASE);
      const ownFrom = base.diffIds.length; // layers after the base's are this Dockerfile's
      assert.ok(manifest.layers.length > ownFrom, "the image adds layers to its base");
      const own: string[] = [];
      for (const [i, layer] of manifest.layers.entries()) {
        // dir: transport names blobs by bare digest
        const tar = join(dir, layer.digest.replace(/^sha256:/, ""));
        const { stdout } = await promisify(execFile)("tar", ["-tf", tar], { maxBuffer: 256 << 20 });
        const entries = stdout.split("\n").filter(Boolean);
        const keys = entries.filter((e) => /\.key$/i.test(e));
        assert.deepEqual(keys, [], `layer ${i} holds no .key file`);
        if (i < ownFrom) continue;
        const bytes = readFileSync(tar);
        assert.equal(bytes.includes("PRIVATE KEY-----"), false, `layer ${i} holds no PEM private key`);
        assert.ok(!entries.some((e) => /(^|\/)node_modules\//.test(e)), `layer ${i} has no node_modules`);
        own.push(...entries);
        note(
          `own layer ${i - ownFrom + 1}: ${(layer.size / 1024).toFixed(0)} KiB uncompressed, ` +
            `${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzip, ${entries.length} entries`,
        );
      }
      assert.ok(
        own.some((e) => e.endsWith("opt/mock-gpt/dist/cli.js")),
        "the bundle is in the image's own layers",
      );
      assert.ok(
        own.some((e) => e.endsWith("opt/mock-gpt/config/default.toml")),
        "and the packaged defaults",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
