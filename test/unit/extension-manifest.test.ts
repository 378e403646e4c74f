// The manifest is the contract with VS Code and with the e2e tests: check the parts they rely on.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CONTEXT_KEYS, contextKeysFor } from "../../src/extension/model/contextKeys";

const root = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const commands: Array<{ command: string; title: string; category?: string; enablement?: string }> =
  pkg.contributes.commands;

describe("contextKeysFor", () => {
  test("running", () =>
    assert.deepEqual(contextKeysFor("running"), { "mockGpt.serverRunning": true, "mockGpt.serverStarting": false }));
  test("starting and stopping are both transitions", () => {
    assert.deepEqual(contextKeysFor("starting"), { "mockGpt.serverRunning": false, "mockGpt.serverStarting": true });
    assert.deepEqual(contextKeysFor("stopping"), { "mockGpt.serverRunning": false, "mockGpt.serverStarting": true });
  });
  test("stopped and failed", () => {
    for (const s of ["stopped", "failed"] as const)
      assert.deepEqual(contextKeysFor(s), { "mockGpt.serverRunning": false, "mockGpt.serverStarting": false });
  });
});

/** Evaluates the tiny subset of when-clause syntax the manifest uses: !, &&, || and `key > n` over context keys. */
function evaluate(expr: string, keys: Record<string, boolean | number>): boolean {
  return expr.split("||").some((and) =>
    and.split("&&").every((term) => {
      const t = term.trim();
      const gt = /^([\w.]+)\s*>\s*(\d+)$/.exec(t);
      if (gt) {
        assert.ok(typeof keys[gt[1]!] === "number", `unknown numeric context key ${gt[1]}`);
        return (keys[gt[1]!] as number) > Number(gt[2]);
      }
      const negated = t.startsWith("!");
      const name = negated ? t.slice(1).trim() : t;
      assert.ok(name in keys, `unknown context key ${name}`);
      return negated ? !keys[name] : Boolean(keys[name]);
    }),
  );
}

describe("manifest", () => {
  test("every command is mockGpt.*, in category Mock GPT, with no emoji", () => {
    assert.ok(commands.length >= 10);
    for (const c of commands) {
      assert.match(c.command, /^mockGpt\.[a-zA-Z]+$/);
      assert.equal(c.category, "Mock GPT", c.command);
      assert.doesNotMatch(c.title, /\p{Extended_Pictographic}/u, c.command);
    }
  });

  test("the titles the e2e tests use", () => {
    const title = (id: string) => commands.find((c) => c.command === id)?.title;
    assert.equal(title("mockGpt.startServer"), "Start Server");
    assert.equal(title("mockGpt.stopServer"), "Stop Server");
    assert.equal(title("mockGpt.openDashboard"), "Open Dashboard");
    assert.equal(title("mockGpt.openHealth"), "Open Health");
    assert.equal(title("mockGpt.chooseFolder"), "Choose Workspace Folder…");
  });

  test("every contributed command is registered by the extension, and every registered mockGpt.* command is contributed", () => {
    const dir = join(root, "src", "extension");
    const sources = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.startsWith("model"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const ids = new Set(commands.map((c) => c.command));
    for (const id of ids)
      assert.match(
        sources,
        new RegExp(`["'\`]${id.replace(".", "\\.")}["'\`]`),
        `${id} is registered somewhere in src/extension`,
      );
    const handlers = /const handlers[^{]*\{([^}]*)\}/.exec(readFileSync(join(dir, "commands.ts"), "utf8"))?.[1] ?? "";
    const registered = [...handlers.matchAll(/"(mockGpt\.[a-zA-Z]+)"\s*:/g)].map((m) => m[1]!);
    assert.ok(registered.includes("mockGpt.chooseFolder"), "commands.ts registers mockGpt.chooseFolder");
    for (const id of registered) assert.ok(ids.has(id), `${id} (commands.ts) is in contributes.commands`);
  });

  test("Choose Workspace Folder is in the palette only with several folders in a trusted workspace", () => {
    const entry = pkg.contributes.menus.commandPalette.find(
      (m: { command: string }) => m.command === "mockGpt.chooseFolder",
    );
    assert.ok(entry?.when, "a commandPalette when clause");
    for (const count of [0, 1, 2, 3]) {
      for (const trusted of [true, false]) {
        assert.equal(
          evaluate(entry.when, { workspaceFolderCount: count, isWorkspaceTrusted: trusted }),
          count > 1 && trusted,
          `${count} folder(s), trusted=${trusted}`,
        );
      }
    }
    // Not gated on the server state: it may be chosen while stopped, running or failed.
    assert.doesNotMatch(entry.when, /mockGpt\./);
    assert.equal(commands.find((c) => c.command === "mockGpt.chooseFolder")?.enablement, undefined);
  });

  test("Start is enabled only when stopped or failed; Stop only while running or in transition", () => {
    const en = (id: string) => commands.find((c) => c.command === id)!.enablement!;
    for (const state of ["stopped", "failed", "starting", "stopping", "running"] as const) {
      const keys = contextKeysFor(state);
      assert.equal(
        evaluate(en("mockGpt.startServer"), keys),
        state === "stopped" || state === "failed",
        `start/${state}`,
      );
      assert.equal(
        evaluate(en("mockGpt.stopServer"), keys),
        state !== "stopped" && state !== "failed",
        `stop/${state}`,
      );
      assert.equal(evaluate(en("mockGpt.restartServer"), keys), state === "running", `restart/${state}`);
    }
  });

  test("no '*' activation; autoStart needs onStartupFinished", () => {
    assert.ok(!pkg.activationEvents.includes("*"));
    assert.ok(pkg.activationEvents.includes("onStartupFinished"));
    assert.ok(pkg.activationEvents.includes("onView:mockGpt.inspector"));
  });

  test("settings the e2e tests and the loader rely on", () => {
    const props = pkg.contributes.configuration.properties;
    assert.equal(props["mockGpt.autoStart"].default, false);
    assert.equal(props["mockGpt.port"].default, null);
    assert.equal(props["mockGpt.host"].default, null);
    assert.equal(props["mockGpt.configDirectory"].default, "config");
    assert.equal(props["mockGpt.certificatesDirectory"].default, "certs");
  });

  test("the inspector view lives in the Mock GPT activity bar container", () => {
    assert.deepEqual(pkg.contributes.viewsContainers.activitybar[0], {
      id: "mockGpt",
      title: "Mock GPT",
      icon: "media/activity.svg",
    });
    assert.deepEqual(pkg.contributes.views.mockGpt, [{ type: "webview", id: "mockGpt.inspector", name: "Requests" }]);
  });

  test("when clauses only use our context keys (or view ids)", () => {
    const known = new Set<string>(Object.values(CONTEXT_KEYS));
    const clauses = [
      ...commands.map((c) => c.enablement ?? ""),
      ...Object.values<Array<{ when?: string }>>(pkg.contributes.menus)
        .flat()
        .map((m) => m.when ?? ""),
    ];
    for (const clause of clauses) {
      for (const key of clause.match(/mockGpt\.[a-zA-Z]+/g) ?? [])
        if (!clause.includes(`view == ${key}`)) assert.ok(known.has(key), `${key} in "${clause}"`);
    }
  });

  test("the walkthrough: each step's media exists and each command link names a contributed command", () => {
    const ids = new Set(commands.map((c) => c.command));
    const walkthroughs: Array<{ steps: Array<{ id: string; description: string; media: { markdown?: string } }> }> =
      pkg.contributes.walkthroughs;
    assert.equal(walkthroughs.length, 1);
    const steps = walkthroughs[0]!.steps;
    assert.deepEqual(
      steps.map((s) => s.id),
      ["start", "client", "scenarios", "inspector"],
    );
    for (const step of steps) {
      assert.ok(step.media.markdown && readFileSync(join(root, step.media.markdown), "utf8").length > 100, step.id);
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(ids.has(id!) || id === "mockGpt.inspector.focus", `${step.id}: unknown command ${id}`);
    }
  });

  test("a TOML language for local.toml, with its grammar and comment settings packaged", () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === "toml");
    assert.ok(lang?.extensions.includes(".toml"));
    JSON.parse(readFileSync(join(root, lang.configuration), "utf8"));
    const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === "toml");
    assert.equal(JSON.parse(readFileSync(join(root, grammar.path), "utf8")).scopeName, grammar.scopeName);
  });

  test("the packaged README is about using the extension; its screenshots ship in media/", () => {
    const packager = readFileSync(join(root, "scripts", "package-vsix.mjs"), "utf8");
    assert.match(packager, /"--readme-path",\s*"docs\/marketplace\/README\.md"/);
    const readme = readFileSync(join(root, "docs", "marketplace", "README.md"), "utf8");
    assert.doesNotMatch(readme, /npm test/, "the contributor commands stay in the repository README");
    assert.match(readme, /Mock GPT: Start Server/);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 3, "with screenshots");
    for (const img of images) {
      assert.match(img, /^media\//, `${img} is inside the packaged media/ folder`);
      assert.ok(readFileSync(join(root, img)).length > 1000, img);
    }
    assert.match(readFileSync(join(root, "README.md"), "utf8"), /npm install && npm start[\s\S]*npm test/);
  });
});
