// The packaged extension (dist/mock-gpt.vsix) in a real VS Code (code-server), driven like a user:
// start from the palette with no certificates, generate them from the notification, call the
// server with the official openai SDK over mutual TLS, switch scenario from the status bar, stop.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { APIError } from "openai";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench } from "./harness";
import { readChatStream, waitForWorkspaceCerts, withClient } from "./client";

const vsix = extensionVsix;
const skip = skipWithoutVsix;

/** Resolves when a TCP connect to the port is refused; rejects if it still connects after `timeoutMs`. */
async function waitForRefused(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await new Promise<string>((resolve) => {
      const sock = connect({ host: "127.0.0.1", port, timeout: 2_000 });
      sock.once("connect", () => {
        sock.destroy();
        resolve("connected");
      });
      sock.once("timeout", () => {
        sock.destroy();
        resolve("timeout");
      });
      sock.once("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    if (code === "ECONNREFUSED") return;
    if (Date.now() > deadline) throw new Error(`port ${port} still answers after stop (last: ${code})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test(
  "e2e: Mock GPT extension starts with generated certificates, serves the SDK over mTLS, switches scenario, stops",
  { skip, timeout: 240_000 },
  async () => {
    const port = await freePort();
    await withWorkbench(
      { name: "extension", vsix: [vsix], settings: { "mockGpt.port": port, "mockGpt.autoStart": false } },
      async (wb) => {
        await wb.screenshot("loaded");
        assert.equal(existsSync(join(wb.workspace, "certs")), false, "the workspace starts without certificates");

        // Start with no certificates: the extension offers to generate them.
        await wb.runCommand("Mock GPT: Start Server");
        await wb.waitForNotification(/certificate/i);
        await wb.screenshot("no-certificates");
        await wb.clickNotificationButton("Generate Certificates");
        const running = await wb.waitForStatusBarText(/Mock GPT.*normal/, 60_000);
        assert.match(running, /Mock GPT.*normal/);
        await wb.screenshot("running-normal");

        const tls = await waitForWorkspaceCerts(wb.workspace);
        await withClient(port, tls, async (client) => {
          const messages = [{ role: "user" as const, content: "Say hello in one sentence." }];

          const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
          const content = completion.choices[0]?.message.content ?? "";
          assert.ok(content.trim().length > 0, "non-streaming completion has content");

          const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
          const { chunks, finishReason } = await readChatStream(stream);
          assert.ok(chunks > 1, `stream yields several chunks (got ${chunks})`);
          assert.ok(finishReason, "stream ends with a finish_reason");

          // Scenario switch from the status bar.
          await wb.clickStatusBar(/Mock GPT/);
          const labels = await wb.quickInputLabels();
          await wb.screenshot("scenario-pick");
          for (const name of ["normal", "fast", "slow", "errors", "timeout"]) {
            assert.ok(
              labels.some((l) => new RegExp(`\\b${name}\\b`, "i").test(l)),
              `QuickPick lists "${name}" (got ${JSON.stringify(labels)})`,
            );
          }
          await wb.pickQuickInput(/\berrors\b/i);
          assert.match(await wb.waitForStatusBarText(/Mock GPT.*errors/), /errors/);
          await wb.screenshot("scenario-errors");

          await assert.rejects(client.chat.completions.create({ model: "gpt-4o-mini", messages }), (e: unknown) => {
            assert.ok(e instanceof APIError, `expected an APIError, got ${String(e)}`);
            assert.ok([429, 500, 503].includes(e.status ?? 0), `status ${e.status} is 429, 500 or 503`);
            return true;
          });
        });

        await wb.runCommand("Mock GPT: Stop Server");
        assert.match(await wb.waitForStatusBarText(/Mock GPT.*off/), /off/);
        await wb.screenshot("stopped");
        await waitForRefused(port);
      },
    );
  },
);
