import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { load, project } from "../helpers/configProject";
import { parse } from "smol-toml";
import {
  configKeys,
  defaultsAsCommentedToml,
  describeIssue,
  envVarName,
  loadConfig,
  packageRoot,
} from "../../src/core/config";
import type { ConfigIssue, LoadConfigOptions } from "../../src/core/config/types";

function errorsOf(options: LoadConfigOptions): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const r = loadConfig({ env: {}, ...options });
  assert.equal(r.ok, false, "expected errors");
  return r.ok ? { errors: [], warnings: [] } : r;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const idx = text.indexOf(needle);
  assert.ok(idx >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, idx).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

const builtInFile = join(packageRoot(), "config", "default.toml");
const builtInDoc = parse(readFileSync(builtInFile, "utf8")) as Record<string, Record<string, unknown>>;

describe("built-in defaults", () => {
  test("load alone, every key sourced from the built-in file", () => {
    const loaded = load({ projectDir: null });
    assert.deepEqual(loaded.files, [builtInFile]);
    assert.equal(loaded.projectDir, null);
    assert.equal(loaded.configDir, null);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.config.server.port, builtInDoc.server!.port);
    assert.deepEqual(loaded.config.models.available, builtInDoc.models!.available);
    assert.deepEqual(Object.keys(loaded.sources).sort(), configKeys().sort());
    for (const source of Object.values(loaded.sources))
      assert.deepEqual(source, { kind: "default", origin: builtInFile });
  });

  test("default.toml and the schema list the same keys", () => {
    const fileKeys = Object.entries(builtInDoc).flatMap(([t, table]) => Object.keys(table).map((k) => `${t}.${k}`));
    assert.deepEqual(fileKeys.sort(), configKeys().sort());
  });

  test("the package's own config/default.toml is not read twice as a project layer", () => {
    const loaded = load({ projectDir: packageRoot() });
    assert.deepEqual(
      loaded.files.filter((f) => f === builtInFile),
      [builtInFile],
    );
    assert.equal(loaded.sources["server.port"]!.kind, "default");
  });

  test("a built-in file missing keys is an error per key", () => {
    const dir = project({ "partial.toml": '[server]\nhost = "127.0.0.1"\n' });
    const { errors } = errorsOf({ projectDir: null, builtInDefaultsFile: join(dir, "config", "partial.toml") });
    const missing = errors.map((e) => e.key);
    assert.ok(missing.includes("server.port"));
    assert.ok(missing.includes("scenario.active"));
    assert.ok(!missing.includes("server.host"));
  });

  test("an unreadable built-in file is an error, not a throw", () => {
    const { errors } = errorsOf({
      projectDir: null,
      builtInDefaultsFile: join(tmpdir(), "no-such-dir-mock-gpt", "default.toml"),
    });
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /not found/);
  });
});

describe("layering", () => {
  const files = {
    "default.toml": '[server]\nport = 1001\nhost = "project-host"\n',
    "test_scenarios.toml": "[server]\nport = 1002\nmax_connections = 7\n",
    "local.toml": '[server]\nport = 1003\n[logging]\nlevel = "debug"\n',
  };

  test("each layer overrides the one below, and sources say which", () => {
    const dir = project(files);
    const cfg = (name: string) => join(dir, "config", name);
    const base = { projectDir: dir, env: { MOCK_GPT_SERVER_PORT: "1004", MOCK_GPT_RESPONSES_MAX_TOKENS: "99" } };
    const steps: Array<[LoadConfigOptions, number, string, string]> = [
      [{ projectDir: dir }, 1003, "local", cfg("local.toml")],
      [base, 1004, "env", "MOCK_GPT_SERVER_PORT"],
      [
        { ...base, overrides: [{ kind: "setting", origin: "mockGpt.port", values: { server: { port: 1005 } } }] },
        1005,
        "setting",
        "mockGpt.port",
      ],
      [
        {
          ...base,
          overrides: [
            { kind: "setting", origin: "mockGpt.port", values: { server: { port: 1005 } } },
            { kind: "cli", origin: "--port", values: { server: { port: 1006 } } },
          ],
        },
        1006,
        "cli",
        "--port",
      ],
    ];
    for (const [options, port, kind, origin] of steps) {
      const loaded = load(options);
      assert.equal(loaded.config.server.port, port);
      assert.deepEqual(loaded.sources["server.port"], { kind, origin });
    }
    const all = load(steps[3]![0]);
    assert.equal(all.config.server.host, "project-host");
    assert.deepEqual(all.sources["server.host"], { kind: "project", origin: cfg("default.toml") });
    assert.equal(all.config.server.max_connections, 7);
    assert.deepEqual(all.sources["server.max_connections"], { kind: "scenarios", origin: cfg("test_scenarios.toml") });
    assert.equal(all.config.logging.level, "debug");
    assert.deepEqual(all.sources["logging.level"], { kind: "local", origin: cfg("local.toml") });
    assert.equal(all.config.responses.max_tokens, 99);
    assert.deepEqual(all.sources["responses.max_tokens"], { kind: "env", origin: "MOCK_GPT_RESPONSES_MAX_TOKENS" });
    assert.deepEqual(all.sources["server.max_body_bytes"], { kind: "default", origin: builtInFile });
    assert.deepEqual(all.files, [builtInFile, cfg("default.toml"), cfg("test_scenarios.toml"), cfg("local.toml")]);
  });

  test("lower layers show through when upper ones are absent", () => {
    const dir = project({ "default.toml": files["default.toml"], "test_scenarios.toml": files["test_scenarios.toml"] });
    assert.equal(load({ projectDir: dir }).config.server.port, 1002);
    const onlyProject = project({ "default.toml": files["default.toml"] });
    assert.equal(load({ projectDir: onlyProject }).config.server.port, 1001);
  });

  test("configDir overrides <projectDir>/config", () => {
    const dir = project();
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(dir, "elsewhere", "local.toml"), "[server]\nport = 2222\n");
    const loaded = load({ projectDir: dir, configDir: "elsewhere" });
    assert.equal(loaded.config.server.port, 2222);
    assert.equal(loaded.configDir, join(dir, "elsewhere"));
  });

  test("null and undefined override values mean not set", () => {
    const loaded = load({
      projectDir: null,
      overrides: [
        {
          kind: "setting",
          origin: "mockGpt",
          values: { server: { port: undefined, host: null as unknown as string } },
        },
      ],
    });
    assert.equal(loaded.config.server.port, builtInDoc.server!.port);
    assert.equal(loaded.sources["server.host"]!.kind, "default");
  });
});

describe("validation", () => {
  test("a TOML syntax error reports file, line, column and one line of message", () => {
    const text = '[server]\nhost = "x"\nport = @\n';
    const dir = project({ "local.toml": text });
    const { errors } = errorsOf({ projectDir: dir });
    assert.equal(errors.length, 1);
    const [e] = errors;
    assert.equal(e!.file, join(dir, "config", "local.toml"));
    assert.deepEqual({ line: e!.line, column: e!.column }, positionOf(text, "@"));
    assert.ok(!e!.message.includes("\n"), e!.message);
    assert.match(describeIssue(e!), new RegExp(`local\\.toml:${e!.line}:${e!.column}: invalid TOML`));
  });

  test("type and range errors are all collected, with key, file and position", () => {
    const text = [
      "[server]",
      'port = "abc"',
      "max_connections = 0",
      "max_body_bytes = 1000",
      "[responses]",
      "default_delay_ms = 600001",
      "error_rate_percent = 100.5",
      "temperature = -0.1",
      "max_tokens = 1.5",
      'streaming_enabled = "yes"',
      "[models]",
      "available = []",
      "[logging]",
      'level = "loud"',
      "request_log_size = 100001",
      "file = 3",
    ].join("\n");
    const dir = project({ "local.toml": text });
    const file = join(dir, "config", "local.toml");
    const { errors } = errorsOf({ projectDir: dir });
    const expected: Array<[string, string, RegExp]> = [
      ["server.port", 'port = "abc"', /expected an integer 0-65535, got "abc"/],
      ["server.max_connections", "max_connections", /integer >= 1, got 0/],
      ["server.max_body_bytes", "max_body_bytes", />= 1024, got 1000/],
      ["responses.default_delay_ms", "default_delay_ms", /0-600000, got 600001/],
      ["responses.error_rate_percent", "error_rate_percent", /number 0-100, got 100.5/],
      ["responses.temperature", "temperature", /number 0-2, got -0.1/],
      ["responses.max_tokens", "max_tokens", /integer >= 1, got 1.5/],
      ["responses.streaming_enabled", "streaming_enabled", /true or false, got "yes"/],
      ["models.available", "available", /non-empty list/],
      ["logging.level", "level", /one of error, warn, info, debug, trace, got "loud"/],
      ["logging.request_log_size", "request_log_size", /1-100000/],
      ["logging.file", "file =", /a string, got 3/],
    ];
    assert.equal(errors.length, expected.length, errors.map(describeIssue).join("\n"));
    for (const [key, needle, message] of expected) {
      const issue = errors.find((e) => e.key === key);
      assert.ok(issue, `no issue for ${key}`);
      assert.equal(issue.file, file);
      assert.match(issue.message, message);
      assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, needle), key);
    }
    const port = errors.find((e) => e.key === "server.port")!;
    assert.equal(describeIssue(port), `${file}:2:1: server.port: expected an integer 0-65535, got "abc"`);
  });

  test("a table given as a value is an error", () => {
    const { errors } = errorsOf({ projectDir: project({ "local.toml": "server = 5\n" }) });
    assert.equal(errors[0]!.key, "server");
    assert.match(errors[0]!.message, /expected a table/);
  });

  test("unknown keys and tables are warnings with suggestions", () => {
    const text = "stray = 1\nport = 2\n[server]\nprot = 1\n[sever]\nport = 1\n[totally_new]\n";
    const dir = project({ "local.toml": text });
    const loaded = load({ projectDir: dir });
    const byKey = new Map(loaded.warnings.map((w) => [w.key, w]));
    assert.equal(loaded.warnings.length, 5);
    assert.ok(loaded.warnings.every((w) => w.severity === "warning" && w.file === join(dir, "config", "local.toml")));
    assert.match(byKey.get("server.prot")!.message, /did you mean "port"/);
    assert.deepEqual({ line: byKey.get("server.prot")!.line, column: 1 }, positionOf(text, "prot"));
    assert.match(byKey.get("sever")!.message, /did you mean "server"/);
    assert.equal(byKey.get("sever")!.line, positionOf(text, "[sever]").line);
    assert.match(byKey.get("port")!.message, /server\.port/);
    assert.doesNotMatch(byKey.get("totally_new")!.message, /did you mean/);
    assert.ok(byKey.has("stray"));
  });

  test("invalid override values name the setting", () => {
    const { errors } = errorsOf({
      projectDir: null,
      overrides: [{ kind: "setting", origin: "mockGpt.server.port", values: { server: { port: 70000 } } }],
    });
    assert.equal(errors.length, 1);
    assert.deepEqual(
      { file: errors[0]!.file, origin: errors[0]!.origin, key: errors[0]!.key },
      { file: "setting", origin: "mockGpt.server.port", key: "server.port" },
    );
    assert.equal(
      describeIssue(errors[0]!),
      "setting mockGpt.server.port: server.port: expected an integer 0-65535, got 70000",
    );
  });
});

describe("environment", () => {
  test("ints, numbers, booleans and lists parse to their types", () => {
    const loaded = load({
      projectDir: null,
      env: {
        MOCK_GPT_SERVER_PORT: "9000",
        MOCK_GPT_RESPONSES_TEMPERATURE: "0.25",
        MOCK_GPT_RESPONSES_ERROR_RATE_PERCENT: "12.5",
        MOCK_GPT_MODELS_AVAILABLE: "alpha, beta ,gamma",
        MOCK_GPT_LOGGING_LEVEL: "trace",
        MOCK_GPT_SERVER_HOST: "0.0.0.0",
        PATH: "/usr/bin",
        NOT_MOCK_GPT_SERVER_PORT: "x",
      },
    });
    assert.equal(loaded.config.server.port, 9000);
    assert.equal(loaded.config.responses.temperature, 0.25);
    assert.equal(loaded.config.responses.error_rate_percent, 12.5);
    assert.deepEqual(loaded.config.models.available, ["alpha", "beta", "gamma"]);
    assert.equal(loaded.config.logging.level, "trace");
    assert.equal(loaded.config.server.host, "0.0.0.0");
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(loaded.sources["models.available"], { kind: "env", origin: "MOCK_GPT_MODELS_AVAILABLE" });
  });

  test("booleans accept true/false/1/0/yes/no in any case", () => {
    const cases: Array<[string, boolean]> = [
      ["true", true],
      ["FALSE", false],
      ["1", true],
      ["0", false],
      ["Yes", true],
      ["no", false],
    ];
    for (const [raw, expected] of cases) {
      const loaded = load({
        projectDir: null,
        env: { MOCK_GPT_TLS_REQUIRE_CLIENT_CERT: raw, MOCK_GPT_RESPONSES_STREAMING_ENABLED: raw },
      });
      assert.equal(loaded.config.tls.require_client_cert, expected, raw);
      assert.equal(loaded.config.responses.streaming_enabled, expected, raw);
    }
  });

  test("bad values are errors naming the variable and the expected type, never NaN", () => {
    const bad: Array<[string, string, RegExp]> = [
      ["MOCK_GPT_SERVER_PORT", "abc", /integer/],
      ["MOCK_GPT_SERVER_PORT", "12abc", /integer/],
      ["MOCK_GPT_SERVER_PORT", "1.5", /integer/],
      ["MOCK_GPT_SERVER_PORT", "", /integer/],
      ["MOCK_GPT_SERVER_MAX_CONNECTIONS", "0", /integer >= 1/],
      ["MOCK_GPT_TLS_REQUIRE_CLIENT_CERT", "maybe", /true or false/],
      ["MOCK_GPT_RESPONSES_TEMPERATURE", "warm", /number 0-2/],
      ["MOCK_GPT_MODELS_AVAILABLE", "a,,b", /non-empty strings/],
    ];
    for (const [name, raw, expected] of bad) {
      const { errors } = errorsOf({ projectDir: null, env: { [name]: raw } });
      assert.equal(errors.length, 1, `${name}=${raw}`);
      const e = errors[0]!;
      assert.equal(e.origin, name);
      assert.equal(e.file, "env");
      assert.match(e.message, expected);
      assert.ok(e.message.includes(JSON.stringify(raw)), e.message);
      assert.ok(describeIssue(e).includes(name));
    }
  });

  test("unknown MOCK_GPT_ variables are warnings with a suggestion", () => {
    const loaded = load({
      projectDir: null,
      env: { MOCK_GPT_SERVER_PROT: "1", MOCK_GPT_WHATEVER: "1", MOCK_GPT_server_port: "1" },
    });
    assert.equal(loaded.warnings.length, 3);
    const prot = loaded.warnings.find((w) => w.origin === "MOCK_GPT_SERVER_PROT")!;
    assert.match(prot.message, /did you mean "MOCK_GPT_SERVER_PORT"/);
    assert.equal(loaded.config.server.port, builtInDoc.server!.port);
  });

  test("every key has a variable named MOCK_GPT_<TABLE>_<KEY>", () => {
    for (const key of configKeys()) {
      const [table, name] = key.split(".") as [string, string];
      assert.equal(envVarName(key), `MOCK_GPT_${table.toUpperCase()}_${name.toUpperCase()}`);
    }
  });
});

describe("paths", () => {
  test("resolve against projectDir; absolute paths stay; empty log file stays empty", () => {
    const abs = join(tmpdir(), "abs.key");
    const dir = project({ "local.toml": `[tls]\ncert_path = "my/cert.pem"\nkey_path = ${JSON.stringify(abs)}\n` });
    const loaded = load({ projectDir: dir });
    assert.equal(loaded.config.tls.cert_path, join(dir, "my", "cert.pem"));
    assert.equal(loaded.config.tls.key_path, abs);
    assert.equal(loaded.config.tls.ca_cert_path, join(dir, String(builtInDoc.tls!.ca_cert_path)));
    assert.equal(loaded.config.logging.file, "");
    const withLog = load({ projectDir: dir, env: { MOCK_GPT_LOGGING_FILE: "logs/mock.jsonl" } });
    assert.equal(withLog.config.logging.file, join(dir, "logs", "mock.jsonl"));
  });

  test("resolve against the working directory when there is no project", () => {
    const loaded = load({ projectDir: null, env: { MOCK_GPT_LOGGING_FILE: "x.log" } });
    assert.equal(loaded.config.logging.file, join(process.cwd(), "x.log"));
    assert.equal(loaded.config.tls.cert_path, join(process.cwd(), String(builtInDoc.tls!.cert_path)));
  });
});

describe("helpers", () => {
  test("defaultsAsCommentedToml sets nothing, keeps headers, and uncomments back to the defaults", () => {
    const text = defaultsAsCommentedToml();
    const original = readFileSync(builtInFile, "utf8");
    assert.equal(text.split("\n").length, original.split("\n").length);
    const doc = parse(text) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(doc).sort(), Object.keys(builtInDoc).sort());
    for (const table of Object.values(doc)) assert.deepEqual(Object.keys(table), []);
    const restored = text
      .split("\n")
      .map((l, i) => (l === original.split("\n")[i] ? l : l.replace(/^# /, "")))
      .join("\n");
    assert.equal(restored, original);
    const dir = project({ "local.toml": text });
    const loaded = load({ projectDir: dir });
    assert.deepEqual(loaded.warnings, []);
    assert.ok(Object.values(loaded.sources).every((s) => s.kind === "default"));
  });

  test("packageRoot walks up to the folder with package.json and config/default.toml", () => {
    const root = project();
    mkdirSync(join(root, "dist", "deep"), { recursive: true });
    writeFileSync(join(root, "package.json"), "{}");
    writeFileSync(join(root, "dist", "package.json"), "{}"); // no config/ next to it: must keep walking
    writeFileSync(join(root, "config", "default.toml"), "");
    assert.equal(packageRoot(join(root, "dist", "deep")), root);
    assert.equal(packageRoot(join(packageRoot(), "src", "core", "config")), packageRoot());
    const lonely = join(project(), "config"); // a folder with no package.json above it in the temp tree
    assert.throws(() => packageRoot(lonely), /no package folder/);
  });

  test("describeIssue leaves out unknown parts", () => {
    assert.equal(describeIssue({ file: "/p/a.toml", message: "m", severity: "error" }), "/p/a.toml: m");
    assert.equal(
      describeIssue({ file: "/p/a.toml", line: 3, message: "m", severity: "warning", key: "k.x" }),
      "/p/a.toml:3: k.x: m",
    );
    assert.equal(
      describeIssue({ file: "env", origin: "MOCK_GPT_X", message: "m", severity: "warning" }),
      "env MOCK_GPT_X: m",
    );
  });
});
