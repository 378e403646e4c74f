// The packaged extension (dist/mock-gpt.vsix) in a real VS Code (code-server) with workspace trust
// on and the folder untrusted (Restricted Mode). "Mock GPT: Start Server" must warn, and on "Run on
// Built-in Defaults" run without reading the workspace: not its config/local.toml (which would make
// the scenario "slow" and move the port), not its .vscode/settings.json (mockGpt.port is a
// restricted setting), not its certs/ (garbage here, left byte-for-byte untouched). The server then
// answers the official openai SDK over mutual TLS with the per-user certificates the extension
// generated under its globalStorage.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench } from "./harness";
import { readChatStream, withClient, type ClientTlsFiles } from "./client";

const skip = skipWithoutVsix;
/** publisher.name: VS Code names the extension's globalStorage folder after it. */
const EXTENSION_ID = "mock-gpt.mock-gpt";

/** Garbage where the workspace's certificates would be: reading any of them would break TLS. */
const garbageCerts: Record<string, string> = {
  "certs/ca.crt": "not a certificate (ca)\n",
  "certs/server.crt": "not a certificate (server)\n",
  "certs/server.key": "not a key (server)\n",
  "certs/client.crt": "not a certificate (client)\n",
  "certs/client.key": "not a key (client)\n",
};

/** Every file under `dir` (relative path -> bytes), for a before/after comparison. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Folders under `root` (at most `maxDepth` deep) that hold client.crt and whose path below `root` names the extension. */
function findClientCertDirs(root: string, maxDepth = 8): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === "client.crt") && /mock-gpt/i.test(relative(root, d)))
      found.push(d);
    if (depth >= maxDepth) return;
    for (const e of entries) if (e.isDirectory()) walk(join(d, e.name), depth + 1);
  };
  walk(root, 0);
  return found;
}

/** Waits until exactly one per-user certificate set (ca.crt, client.crt, client.key) exists under `root`; returns its folder and files. */
async function waitForUserCerts(root: string, timeoutMs = 15_000): Promise<{ dir: string; tls: ClientTlsFiles }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dirs = findClientCertDirs(root).filter((d) =>
      ["ca.crt", "client.crt", "client.key"].every((f) => existsSync(join(d, f))),
    );
    if (dirs.length > 1) throw new Error(`more than one per-user certificate set under ${root}: ${dirs.join(", ")}`);
    const dir = dirs[0];
    if (dir) {
      const [ca, cert, key] = ["ca.crt", "client.crt", "client.key"].map((f) => readFileSync(join(dir, f), "utf8")) as [
        string,
        string,
        string,
      ];
      if (ca.includes("BEGIN CERTIFICATE") && cert.includes("BEGIN CERTIFICATE") && key.includes("PRIVATE KEY"))
        return { dir, tls: { ca, cert, key } };
    }
    if (Date.now() > deadline) throw new Error(`no per-user certificate set under ${root} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test(
  "e2e: in an untrusted workspace Mock GPT warns, then runs on built-in defaults with per-user certificates, ignoring the workspace's config and certs",
  { skip, timeout: 240_000 },
  async () => {
    const port = await freePort();
    let workspacePort = await freePort();
    while (workspacePort === port) workspacePort = await freePort();
    const workspaceFiles: Record<string, string> = {
      // Would change behaviour if read: the scenario and the port.
      "config/local.toml": `[server]\nport = ${workspacePort}\n\n[scenario]\nactive = "slow"\n`,
      // mockGpt.port is a restricted setting: ignored at workspace level while untrusted.
      ".vscode/settings.json": JSON.stringify({ "mockGpt.port": workspacePort, "mockGpt.autoStart": true }, null, 2),
      ...garbageCerts,
    };

    await withWorkbench(
      {
        name: "untrusted",
        vsix: [extensionVsix],
        workspaceTrust: true,
        // User level: honoured whatever the trust. autoStart off so only the palette starts the server.
        settings: { "mockGpt.port": port, "mockGpt.autoStart": false },
        files: workspaceFiles,
      },
      async (wb) => {
        const workspaceBefore = snapshot(wb.workspace);
        const certsBefore = snapshot(join(wb.workspace, "certs"));
        assert.equal(certsBefore.size, Object.keys(garbageCerts).length);

        // The folder is in Restricted Mode (untrusted), with no trust dialog in the way.
        await wb.waitForStatusBarText(/Restricted Mode/, 30_000);
        assert.equal(await wb.page.locator(".monaco-dialog-box").count(), 0, "no workspace trust dialog");
        await wb.screenshot("restricted-mode");

        await wb.runCommand("Mock GPT: Start Server");
        const warning = await wb.waitForNotification(
          /This workspace is not trusted, so Mock GPT will not read its configuration or certificates\./,
        );
        for (const label of ["Run on Built-in Defaults", "Manage Workspace Trust"]) {
          assert.equal(
            await warning.locator(".monaco-button").filter({ hasText: label }).count(),
            1,
            `the warning offers "${label}"`,
          );
        }
        await wb.screenshot("untrusted-warning");
        await wb.clickNotificationButton("Run on Built-in Defaults");

        // "normal", not the workspace's "slow": local.toml was not read.
        // Wait for a settled state (running under some scenario, or failed), then check which.
        const running = await wb.waitForStatusBarText(/Mock GPT(?: :\d+ · \w|: failed)/, 60_000);
        assert.match(
          running,
          /Mock GPT :\d+ · normal\b/,
          `the server runs the built-in "normal" scenario (status bar: ${running})`,
        );
        await wb.screenshot("running-built-in-defaults");

        // Per-user certificates under the extension's globalStorage in the run's user-data dir.
        const { dir: certDir, tls } = await waitForUserCerts(wb.run.userDataDir);
        const relCertDir = relative(wb.run.userDataDir, certDir).split(sep).join("/");
        assert.ok(
          relCertDir.toLowerCase().includes(`globalstorage/${EXTENSION_ID}`),
          `per-user certificates are in the extension's globalStorage (got ${relCertDir})`,
        );

        // The workspace's certs/ is byte-for-byte what it was, and nothing was written anywhere in the workspace.
        assert.deepEqual(snapshot(join(wb.workspace, "certs")), certsBefore, "the workspace's certs/ is untouched");
        assert.deepEqual(
          snapshot(wb.workspace),
          workspaceBefore,
          "no file in the workspace was added, changed or removed",
        );

        // The official SDK over mTLS on the user-level port, trusting only the per-user CA.
        await withClient(port, tls, async (client) => {
          const messages = [{ role: "user" as const, content: "Say hello in one sentence." }];
          const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
          assert.ok((completion.choices[0]?.message.content ?? "").trim().length > 0, "completion has content");

          const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
          const { chunks } = await readChatStream(stream);
          assert.ok(chunks > 1, `stream yields several chunks (got ${chunks})`);
        });
        await wb.screenshot("served-sdk");

        assert.deepEqual(snapshot(wb.workspace), workspaceBefore, "the workspace is still untouched after serving");

        await wb.runCommand("Mock GPT: Stop Server");
        assert.match(await wb.waitForStatusBarText(/Mock GPT.*off/, 30_000), /off/);
        await wb.screenshot("stopped");
      },
    );
  },
);
