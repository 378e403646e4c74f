// What a start leaves until after its listener is open: the h3 app (built in the next turn, or by the first
// request), and modules only some requests or commands need (node:fs/promises, node:perf_hooks).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { H3 } from "h3";
import { deferredApp } from "../../src/core/server/deferredApp";

const turn = () => new Promise((r) => setImmediate(r));

function counted() {
  let builds = 0;
  const build = () => {
    builds++;
    const app = new H3();
    app.get("/n", () => `built ${builds}`);
    return app;
  };
  return { build, builds: () => builds };
}

describe("deferredApp", () => {
  it("builds nothing until warm() or a request, then once", async () => {
    const c = counted();
    const d = deferredApp(c.build);
    await turn();
    assert.equal(c.builds(), 0);
    d.warm();
    assert.equal(c.builds(), 0, "warm() builds in the next turn, not before the caller reports the listener");
    await turn();
    assert.equal(c.builds(), 1);
    const res = await d.app.fetch(new Request("http://x/n"));
    assert.equal(await res.text(), "built 1");
    d.warm();
    await turn();
    assert.equal(c.builds(), 1);
  });

  it("a request before the warm-up builds the app itself and is answered", async () => {
    const c = counted();
    const d = deferredApp(c.build);
    d.warm();
    const res = await d.app.fetch(new Request("http://x/n"));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "built 1");
    await turn();
    assert.equal(c.builds(), 1);
  });

  it("a build that fails in the warm-up fails again in the request, not in between", async () => {
    let tries = 0;
    const d = deferredApp(() => {
      tries++;
      throw new Error("no routes");
    });
    d.warm();
    await turn();
    assert.equal(tries, 1);
    assert.throws(() => d.app.fetch(new Request("http://x/n")), /no routes/);
    assert.equal(tries, 2);
  });
});

describe("the CLI bundle's start", () => {
  const bundle = resolve(__dirname, "..", "..", "dist", "cli-main.js");

  it(
    "loads neither node:fs/promises nor node:perf_hooks",
    { skip: !existsSync(bundle) && "no dist/cli-main.js" },
    () => {
      const code = `const before = new Set(process.moduleLoadList); require(${JSON.stringify(bundle)});
      process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m))));`;
      const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      const loaded: string[] = JSON.parse(r.stdout);
      assert.ok(loaded.includes("NativeModule https"), "the bundle was loaded");
      for (const m of ["NativeModule fs/promises", "NativeModule internal/fs/promises", "NativeModule perf_hooks"])
        assert.ok(!loaded.includes(m), `${m} is loaded at start`);
    },
  );

  it(
    "warmUp runs the start path without writing a file or opening a port",
    { skip: !existsSync(bundle) && "no dist/cli-main.js" },
    () => {
      const code = `const { warmUp } = require(${JSON.stringify(bundle)}); warmUp();
      process.stdout.write(JSON.stringify(process._getActiveHandles().map((h) => h.constructor.name)));`;
      const cwd = join(__dirname, "..", "..");
      const r = spawnSync(process.execPath, ["-e", code], {
        encoding: "utf8",
        cwd,
        env: { ...process.env, MOCK_GPT_LOGGING_FILE: "/nonexistent/x.log" },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, "");
      const handles: string[] = JSON.parse(r.stdout);
      assert.ok(!handles.includes("Server"), `handles: ${handles.join(", ")}`);
    },
  );
});
