import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it, mock } from "node:test";
import { writeFileSet } from "../../src/core/certs/files";
import { installReflectMetadataShim } from "../../src/core/certs/reflectShim";

const tmpRoot = mkdtempSync(join(tmpdir(), "mock-gpt-certfiles-"));
after(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe("writeFileSet", () => {
  it("swaps files in with their modes and leaves no temp files", async () => {
    const dir = mkdtempSync(join(tmpRoot, "ok-"));
    writeFileSync(join(dir, "a.key"), "old a");
    await writeFileSet([
      { path: join(dir, "a.key"), contents: "new a", mode: 0o600 },
      { path: join(dir, "b.crt"), contents: "new b", mode: 0o644 },
    ]);
    assert.deepEqual(readdirSync(dir).sort(), ["a.key", "b.crt"]);
    assert.equal(readFileSync(join(dir, "a.key"), "utf8"), "new a");
    assert.equal(statSync(join(dir, "a.key")).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, "b.crt")).mode & 0o777, 0o644);
  });

  it("a failure midway restores the previous set and removes every temp file", async (t) => {
    const dir = mkdtempSync(join(tmpRoot, "fail-"));
    for (const f of ["a", "b", "c"]) writeFileSync(join(dir, f), `old ${f}`);
    // The module object src/ imports from, so the failure hits the third file after two were placed.
    const fsp = createRequire(__filename)("node:fs/promises") as typeof import("node:fs/promises");
    const realLink = fsp.link;
    t.mock.method(fsp, "link", async (from: string, to: string) => {
      if (to.endsWith("/c")) throw Object.assign(new Error("simulated disk failure"), { code: "EIO" });
      return realLink(from, to);
    });
    await assert.rejects(
      writeFileSet(["a", "b", "c"].map((f) => ({ path: join(dir, f), contents: `new ${f}`, mode: 0o600 }))),
      /simulated disk failure/,
    );
    assert.equal(
      (fsp.link as unknown as ReturnType<typeof mock.fn>).mock.callCount(),
      3,
      "the failure was injected at the third file",
    );
    assert.deepEqual(readdirSync(dir).sort(), ["a", "b", "c"]);
    for (const f of ["a", "b", "c"]) assert.equal(readFileSync(join(dir, f), "utf8"), `old ${f}`);
  });

  it("a failure midway into an empty dir leaves it empty", async (t) => {
    const dir = mkdtempSync(join(tmpRoot, "fail-empty-"));
    const fsp = createRequire(__filename)("node:fs/promises") as typeof import("node:fs/promises");
    const realLink = fsp.link;
    t.mock.method(fsp, "link", async (from: string, to: string) => {
      if (to.endsWith("/b")) throw Object.assign(new Error("simulated"), { code: "EIO" });
      return realLink(from, to);
    });
    await assert.rejects(writeFileSet(["a", "b", "c"].map((f) => ({ path: join(dir, f), contents: f, mode: 0o600 }))));
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe("installReflectMetadataShim", () => {
  it("adds only the missing functions and never replaces existing ones", () => {
    const existing = () => "theirs";
    const target: Record<string, unknown> = { getMetadata: existing };
    assert.deepEqual(installReflectMetadataShim(target).sort(), ["defineMetadata", "getOwnMetadata"]);
    assert.equal(target.getMetadata, existing);
    assert.deepEqual(installReflectMetadataShim(target), [], "idempotent");
  });

  it("stores own metadata per target and property, and getMetadata walks the prototype chain", () => {
    const r: Record<string, (...a: unknown[]) => unknown> = {};
    installReflectMetadataShim(r);
    class Base {}
    class Derived extends Base {}
    r.defineMetadata!("k", 1, Base);
    r.defineMetadata!("k", 2, Base, "method");
    assert.equal(r.getOwnMetadata!("k", Base), 1);
    assert.equal(r.getOwnMetadata!("k", Base, "method"), 2);
    assert.equal(r.getOwnMetadata!("k", Derived), undefined);
    assert.equal(r.getMetadata!("k", Derived), 1);
    assert.equal(r.getMetadata!("other", Derived), undefined);
  });
});

describe("esbuild CJS bundle", () => {
  it("importing the certs module leaves Reflect alone; generating works when bundled", () => {
    const out = mkdtempSync(join(tmpRoot, "bundle-"));
    const entry = join(out, "entry.ts");
    const certsIndex = resolve(__dirname, "../../src/core/certs/index.ts");
    writeFileSync(
      entry,
      `import { generateCertificates, loadTlsMaterial } from ${JSON.stringify(certsIndex)};
const before = typeof (Reflect as any).getMetadata;
generateCertificates({ dir: ${JSON.stringify(join(out, "certs"))} }).then((r) => {
  loadTlsMaterial({ cert_path: r.files.serverCert, key_path: r.files.serverKey, ca_cert_path: r.files.caCert });
  console.log(JSON.stringify({ before, after: typeof (Reflect as any).getMetadata }));
});`,
    );
    const build = spawnSync(
      process.execPath,
      [
        "-e",
        `require("esbuild").buildSync({ entryPoints: [${JSON.stringify(entry)}], bundle: true, platform: "node", format: "cjs", target: "node20", outfile: ${JSON.stringify(join(out, "out.cjs"))}, logLevel: "error" })`,
      ],
      { cwd: resolve(__dirname, "../.."), encoding: "utf8", timeout: 30_000 },
    );
    assert.equal(build.status, 0, build.stderr);
    const run = spawnSync(process.execPath, [join(out, "out.cjs")], { encoding: "utf8", timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { before: "undefined", after: "function" });
  });
});
