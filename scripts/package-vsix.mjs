#!/usr/bin/env node
// Builds the production bundles and packages them as dist/mock-gpt.vsix, non-interactively.
// Then opens the .vsix (a zip) and fails if anything that must never ship is inside:
// node_modules, sources (src/, *.ts), certificates or keys, source maps, or PEM private-key blocks.
// Usage: node scripts/package-vsix.mjs [--out <file>]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = resolve(root, outArg > 0 && process.argv[outArg + 1] ? process.argv[outArg + 1] : "dist/mock-gpt.vsix");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], timeout: 300_000 });
  if (r.status !== 0) {
    console.error(
      `package-vsix: ${[cmd, ...args].join(" ")} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`,
    );
    process.exit(1);
  }
}

const t0 = Date.now();
run(process.execPath, ["esbuild.mjs", "--production"]);
// The production build writes no source maps, but a development build may have left some behind.
for (const entry of readdirSync(join(root, "dist"), { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && entry.name.endsWith(".map")) rmSync(join(entry.parentPath ?? entry.path, entry.name));
}

const vsce = join(root, "node_modules", ".bin", "vsce");
if (!existsSync(vsce)) {
  console.error("package-vsix: node_modules/.bin/vsce not found; run npm ci");
  process.exit(1);
}
// No stdin: vsce must never wait for a prompt (a missing repository or LICENSE would ask).
// The Marketplace page is about using the extension (docs/marketplace/README.md, with screenshots
// from media/screenshots/); the repository README is for contributors. Its image links stay
// relative to the extension folder, where VS Code's details view finds them.
run(vsce, [
  "package",
  "--no-dependencies",
  "--allow-missing-repository",
  "--skip-license",
  "--readme-path",
  "docs/marketplace/README.md",
  "--no-rewrite-relative-links",
  "--out",
  out,
]);

/** Lists a zip's entries (name and uncompressed bytes) from its central directory. */
function readZip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("corrupt central directory");
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compSize);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`unsupported compression ${method} for ${name}`);
    entries.push({ name, data });
  }
  return entries;
}

// A PEM private-key block: the BEGIN line followed by base64 (raw newlines or "\n" escapes in a
// bundled string). The bare words "PRIVATE KEY" are not enough: @peculiar/x509, bundled into
// dist/x509.js to generate certificates, has them as a label constant.
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:\\[rn]|\s)+[A-Za-z0-9+/]/;

const entries = readZip(readFileSync(out));
const problems = [];
for (const { name, data } of entries) {
  const path = name.replace(/^extension\//, "");
  if (/(^|\/)node_modules\//.test(path)) problems.push(`${name}: node_modules`);
  if (/^src\//.test(path)) problems.push(`${name}: source folder src/`);
  if (/\.(c|m)?tsx?$/.test(path) && !path.endsWith(".d.ts")) problems.push(`${name}: TypeScript source`);
  if (/(^|\/)certs\//.test(path)) problems.push(`${name}: certs/`);
  if (/\.(key|pem)$/i.test(path)) problems.push(`${name}: key or PEM file`);
  if (/\.map$/.test(path)) problems.push(`${name}: source map`);
  if (PEM_PRIVATE_KEY.test(data.toString("latin1"))) problems.push(`${name}: contains a PEM private key`);
}

// And what the extension needs at run time: the tokenizer reads these on the first counted token.
for (const need of ["dist/extension.js", "dist/tokenizer/o200k_base.bin", "dist/tokenizer/cl100k_base.bin"])
  if (!entries.some((e) => e.name === `extension/${need}`)) problems.push(`${need}: missing`);

const size = statSync(out).size;
console.log(
  `\n${relative(root, out)}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} files (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
);
for (const { name, data } of entries) console.log(`  ${String(data.length).padStart(9)}  ${name}`);
if (problems.length) {
  console.error(
    `\npackage-vsix: FAILED, the .vsix lacks what it needs or contains what must never ship:\n${problems.map((p) => "  - " + p).join("\n")}`,
  );
  process.exit(1);
}
