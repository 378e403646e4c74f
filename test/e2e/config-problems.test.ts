// Rules' load checks in a real VS Code: a bad regex and an unknown key in config/local.toml are
// errors, and a rule that an earlier one shadows is a warning, each in the Problems panel at its line.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Locator } from "playwright-core";
import { extensionVsix, freePort, skipWithoutVsix, withWorkbench, type Workbench } from "./harness";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// Line numbers matter: the assertions below name them.
const LOCAL_TOML = `# Rules for the e2e test: one shadowed, one with a bad regex, one with an unknown key.
[[rules]]
name = "refunds"
match = { user_contains = "refund" }
reply = "Refunds take five business days."

[[rules]]
name = "refund policy"
match = { user_contains = "refund policy" }
reply = "Never reached."

[[rules]]
name = "broken regex"
match = { user_regex = "(unclosed" }
reply = "x"

[[rules]]
name = "typo"
match = { model = "gpt-4o" }
replies = "x"
`;

/** The Problems panel's rows: file rows and marker rows, each with its accessible label. */
async function problemRows(wb: Workbench): Promise<Array<{ label: string; text: string }>> {
  const rows: Locator = wb.page.locator(".markers-panel .monaco-list-row");
  const out: Array<{ label: string; text: string }> = [];
  for (const row of await rows.all())
    out.push({
      label: (await row.getAttribute("aria-label")) ?? "",
      text: (await row.innerText()).replace(/\s+/g, " "),
    });
  return out;
}

async function showProblems(wb: Workbench): Promise<void> {
  const deadline = Date.now() + 45_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (!(await wb.page.locator(".markers-panel").isVisible())) await wb.runCommand("View: Toggle Problems", 10_000);
      await wb.page.locator(".markers-panel").waitFor({ state: "visible", timeout: 8_000 });
      return;
    } catch (e) {
      lastError = e;
      await sleep(500);
    }
  }
  throw new Error(`the Problems panel did not show: ${String(lastError)}`);
}

test(
  "e2e: a rule's bad regex and unknown key are errors, a shadowed rule a warning, in the Problems panel at their lines",
  { skip: skipWithoutVsix, timeout: 300_000 },
  async () => {
    const port = await freePort();
    await withWorkbench(
      {
        name: "config-problems",
        vsix: [extensionVsix],
        settings: { "mockGpt.port": port, "mockGpt.autoStart": false },
        files: { "config/local.toml": LOCAL_TOML },
      },
      async (wb) => {
        await wb.runCommand("Mock GPT: Start Server");
        // The start is refused with the configuration's errors.
        await wb.waitForNotification(/local\.toml/, 60_000);
        await showProblems(wb);

        const want = [
          { severity: /error/i, text: /bad regular expression/, line: 14 },
          { severity: /error/i, text: /unknown rule key "replies"/, line: 20 },
          { severity: /warning/i, text: /rule "refund policy" never applies: rule "refunds"/, line: 7 },
        ];
        let rows: Array<{ label: string; text: string }> = [];
        const deadline = Date.now() + 30_000;
        for (;;) {
          rows = await problemRows(wb);
          if (want.every((w) => rows.some((r) => w.text.test(r.text)))) break;
          if (Date.now() > deadline) break;
          await sleep(500);
        }
        await wb.screenshot("problems");
        const dump = JSON.stringify(rows, null, 1);
        for (const w of want) {
          const row = rows.find((r) => w.text.test(r.text));
          assert.ok(row, `no Problems row for ${w.text}: ${dump}`);
          // The marker row reads "<message> Mock GPT [Ln 14, Col 11]"; its accessible label starts with the severity.
          assert.match(row.text, new RegExp(`\\[Ln ${w.line}, Col \\d+\\]`), `${w.text} at line ${w.line}: ${dump}`);
          assert.match(row.label, w.severity, `${w.text} is a ${String(w.severity)}: ${dump}`);
          assert.match(row.text, /Mock GPT/, "its source is Mock GPT");
        }
        assert.ok(
          rows.some((r) => /local\.toml/.test(r.text)),
          `the markers are grouped under config/local.toml: ${dump}`,
        );
      },
    );
  },
);
