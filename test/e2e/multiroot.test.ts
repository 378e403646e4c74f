// The packaged extension (dist/mock-gpt.vsix) in a real VS Code (code-server) with a multi-root
// workspace (.code-workspace listing folders "alpha" and "beta", each with its own
// config/local.toml: a different port and scenario). "Mock GPT: Start Server" must ask which
// folder to use, then run from that folder alone: beta's port and scenario, certificates generated
// into beta/certs/, nothing written to alpha, nothing listening on alpha's port. Started again
// after a stop, it must not ask again (the choice is remembered for the workspace) and must come
// back on beta's port with beta's existing certificates.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { extensionVsix, freePort, mtlsClient, skipWithoutVsix, waitForWorkspaceCerts, withWorkbench, type ClientTlsFiles, type Workbench } from "./harness";

const skip = skipWithoutVsix;
/** The placeholder of vscode.window.showWorkspaceFolderPick in src/extension/services/workspaceTarget.ts. */
const FOLDER_PICK_PLACEHOLDER = "Which folder's config/ and certs/ should Mock GPT use?";
/** A settled server state: running under some scenario, or failed (not off, starting or stopping). */
const SETTLED = /Mock GPT: (?!off\b|starting\b|stopping\b)\w/;
/** Running under some scenario. The status bar shows "failed" while the missing-certificates prompt is open. */
const RUNNING = /Mock GPT: (?!off\b|starting\b|stopping\b|failed\b)\w/;

/** How a TCP connect to 127.0.0.1:port ends: "connected", "timeout" or the error code (ECONNREFUSED when nothing listens). */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect({ host: "127.0.0.1", port, timeout: 2_000 });
    sock.once("connect", () => { sock.destroy(); resolve("connected"); });
    sock.once("timeout", () => { sock.destroy(); resolve("timeout"); });
    sock.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** Resolves when nothing listens on the port; rejects if it still accepts connections after `timeoutMs`. */
async function waitForRefused(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await probe(port);
    if (code === "ECONNREFUSED") return;
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts connections (last: ${code})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Counts, in the page, every time a quick input opens with the folder pick's placeholder. A
 * MutationObserver sees it even if it is open only briefly, between two polls of the test.
 */
async function countFolderPicks(wb: Workbench): Promise<void> {
  // A string, not a function: tsx (esbuild keepNames) would wrap the inner arrow in a __name()
  // helper that does not exist in the page.
  await wb.page.evaluate(`(() => {
    const placeholder = ${JSON.stringify(FOLDER_PICK_PLACEHOLDER)};
    window.__mockGptFolderPicks = 0;
    let open = false;
    const check = () => {
      const widget = document.querySelector(".quick-input-widget");
      const input = widget && widget.querySelector("input.input");
      const now = !!widget && !!input && widget.getClientRects().length > 0 && input.getAttribute("placeholder") === placeholder;
      if (now && !open) window.__mockGptFolderPicks++;
      open = now;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["placeholder", "style", "class", "aria-hidden"] });
    check();
  })()`);
}

async function folderPicksSeen(wb: Workbench): Promise<number> {
  return wb.page.evaluate(() => (window as unknown as { __mockGptFolderPicks: number }).__mockGptFolderPicks);
}

/** Every file name under `dir` (recursively), sorted; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

/** One completion over mTLS on `port` with the given client files; returns its content and how long it took. */
async function complete(port: number, tls: ClientTlsFiles): Promise<{ content: string; ms: number }> {
  const { client, close } = mtlsClient(port, tls);
  try {
    const t0 = Date.now();
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello in one sentence." }] });
    return { content: completion.choices[0]?.message.content ?? "", ms: Date.now() - t0 };
  } finally {
    await close();
  }
}

test("e2e: in a multi-root workspace Mock GPT asks for a folder, runs on that folder's config/ and certs/ only, and remembers the choice", { skip, timeout: 300_000 }, async () => {
  const portA = await freePort();
  let portB = await freePort();
  while (portB === portA) portB = await freePort();

  await withWorkbench({
    name: "multiroot",
    vsix: [extensionVsix],
    workspaceFolders: ["alpha", "beta"],
    // No mockGpt.port anywhere: it would override the folders' config/local.toml.
    settings: { "mockGpt.autoStart": false },
    files: {
      "alpha/config/local.toml": `[server]\nport = ${portA}\n\n[scenario]\nactive = "fast"\n`,
      "beta/config/local.toml": `[server]\nport = ${portB}\n\n[scenario]\nactive = "slow"\n`,
    },
  }, async (wb) => {
    const folderA = join(wb.workspace, "alpha");
    const folderB = join(wb.workspace, "beta");
    assert.ok(wb.workspaceFile, "a .code-workspace file was opened");
    // VS Code titles a window opened on e2e.code-workspace "... e2e (Workspace)"; a single folder would be "alpha" or "mock-gpt-ws-…".
    assert.match(await wb.page.title(), /\be2e \(Workspace\)/, "the multi-root workspace is open");
    for (const f of [folderA, folderB]) assert.equal(existsSync(join(f, "certs")), false, `${f} starts without certs/`);
    assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port before the start");
    assert.equal(await probe(portB), "ECONNREFUSED", "nothing listens on beta's port before the start");
    await wb.waitForStatusBarText(/Mock GPT: off/, 30_000);
    await wb.screenshot("loaded");
    await countFolderPicks(wb);

    // First start: the folder pick, with both folders and the product's question.
    // The folder pick may reuse the palette's widget without it ever hiding.
    await wb.runCommand("Mock GPT: Start Server", 30_000, { mayOpenQuickInput: true });
    const labels = await wb.quickInputLabels();
    assert.deepEqual([...labels].sort(), ["alpha", "beta"], `the pick lists the workspace's two folders (got ${JSON.stringify(labels)})`);
    const placeholder = await wb.page.locator(".quick-input-widget input.input").getAttribute("placeholder");
    assert.equal(placeholder, FOLDER_PICK_PLACEHOLDER);
    await wb.screenshot("folder-pick");
    assert.equal(await folderPicksSeen(wb), 1, "the page-side counter saw the folder pick open");
    await wb.pickQuickInput(/^\s*beta\s*$/);

    // beta has no certificates yet: the extension offers to generate them (into beta/certs/).
    await wb.waitForNotification(/No mTLS certificates in .*certs\//);
    await wb.screenshot("no-certificates");
    await wb.clickNotificationButton("Generate Certificates");
    const tls = await waitForWorkspaceCerts(folderB);
    const running = await wb.waitForStatusBarText(RUNNING, 60_000);
    assert.match(running, /Mock GPT: slow\b/, `beta's scenario ("slow"), not alpha's ("fast") or the default (status bar: ${running})`);
    await wb.screenshot("running-beta");

    const certFilesB = filesUnder(join(folderB, "certs"));
    const certBytesB = certFilesB.map((f) => readFileSync(f));
    assert.ok(certFilesB.length >= 5, `beta/certs/ holds the CA, server and client files (got ${certFilesB.join(", ")})`);
    assert.equal(existsSync(join(folderA, "certs")), false, "alpha/certs/ was not created");
    assert.deepEqual(filesUnder(folderA), [join(folderA, "config", "local.toml")], "nothing was written into alpha");
    assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port");

    // The official SDK over mTLS on beta's port, trusting only beta's CA; "slow" makes each answer take 3 s.
    const first = await complete(portB, tls);
    assert.ok(first.content.trim().length > 0, "the completion has content");
    assert.ok(first.ms >= 2_500, `beta's "slow" scenario delays the answer (took ${first.ms} ms)`);

    await wb.runCommand("Mock GPT: Stop Server");
    assert.match(await wb.waitForStatusBarText(/Mock GPT: off/, 30_000), /off/);
    await waitForRefused(portB);
    await wb.screenshot("stopped");

    // Second start: no folder pick (the choice is remembered), the existing certificates, beta's port.
    // mayOpenQuickInput here too: were a folder pick to open again, the test should fail on the
    // assertions below, not as a palette that "did not close".
    await wb.runCommand("Mock GPT: Start Server", 30_000, { mayOpenQuickInput: true });
    // Fails as soon as a folder pick opens rather than after the status bar wait times out.
    const deadline = Date.now() + 60_000;
    let again = "";
    while (!again) {
      assert.equal(await folderPicksSeen(wb), 1, "no folder pick on the second start");
      const item = wb.statusBarItem(SETTLED);
      if (await item.isVisible()) again = (await item.innerText()).trim();
      else if (Date.now() > deadline) throw new Error("the server did not come back within 60 s of the second start");
      else await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(again, /Mock GPT: slow\b/, `running on beta's config again (status bar: ${again})`);
    assert.equal(await folderPicksSeen(wb), 1, "no folder pick on the second start");
    assert.equal(await wb.page.locator(".notification-toast").filter({ hasText: /No mTLS certificates/ }).count(), 0, "no certificate prompt on the second start");
    await wb.screenshot("restarted-beta");

    assert.deepEqual(filesUnder(join(folderB, "certs")), certFilesB, "beta/certs/ has the same files");
    assert.ok(filesUnder(join(folderB, "certs")).every((f, i) => readFileSync(f).equals(certBytesB[i]!)), "beta's certificates were reused, not regenerated");
    const second = await complete(portB, tls);
    assert.ok(second.content.trim().length > 0, "the completion after the restart has content");
    assert.ok(second.ms >= 2_500, `still beta's "slow" scenario (took ${second.ms} ms)`);
    assert.equal(existsSync(join(folderA, "certs")), false, "alpha/certs/ still does not exist");
    assert.equal(await probe(portA), "ECONNREFUSED", "nothing listens on alpha's port after the restart");

    await wb.runCommand("Mock GPT: Stop Server");
    assert.match(await wb.waitForStatusBarText(/Mock GPT: off/, 30_000), /off/);
    await waitForRefused(portB);
  });
});
