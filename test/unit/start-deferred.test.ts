// What a start does and does not do: it builds the app before its listener opens (so a failing build fails the
// start), and it leaves modules only some requests or commands need (node:fs/promises, node:perf_hooks) unloaded.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { startTestServer } from "../helpers/server";

describe("MockServer.start", () => {
  // Review finding on 83f87bc: with the app built after the listener opened, a failing build let start() resolve
  // and crashed (or hung) the first request instead. The app is built before the listener again.
  it("rejects when a route extension throws while the app is built, and leaves no listener", async () => {
    await assert.rejects(
      startTestServer(
        {},
        {
          routes: [
            () => {
              throw new Error("route build boom");
            },
          ],
        },
      ),
      /route build boom/,
    );
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
