import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  describeRelative,
  didYouMeanEdit,
  issueSpan,
  localTomlSeed,
  relativeFile,
} from "../../src/extension/model/configMessages";

describe("workspace-relative messages", () => {
  test("a file inside the folder is named relative to it; outside, by its path", () => {
    assert.equal(relativeFile("/ws/app/config/local.toml", "/ws/app"), "config/local.toml");
    assert.equal(relativeFile("/elsewhere/local.toml", "/ws/app"), "/elsewhere/local.toml");
    assert.equal(relativeFile("/x/local.toml", null), "/x/local.toml");
    assert.equal(relativeFile("/ext/config/default.toml", "/ws", "/ext/config/default.toml"), "built-in defaults");
  });

  test("describeRelative keeps line, column, key and message", () => {
    const issue = {
      file: "/ws/app/config/local.toml",
      line: 3,
      column: 1,
      key: "server.port",
      message: 'expected an integer 0-65535, got "abc"',
      severity: "error" as const,
    };
    assert.equal(
      describeRelative(issue, "/ws/app"),
      'config/local.toml:3:1: server.port: expected an integer 0-65535, got "abc"',
    );
    assert.equal(
      describeRelative({ file: "env", origin: "MOCK_GPT_SERVER_PORT", message: "bad", severity: "error" }, "/ws"),
      "env MOCK_GPT_SERVER_PORT: bad",
    );
  });
});

describe("issueSpan", () => {
  test("covers key and value, not a trailing comment or spaces", () => {
    const line = 'port = "abc"   # the port';
    assert.deepEqual(issueSpan(line, 0), { start: 0, end: 12 });
  });
  test("a # inside a string is not a comment", () => {
    assert.deepEqual(issueSpan('active = "a#b" # x', 0), { start: 0, end: 14 });
  });
  test("never empty", () => {
    assert.deepEqual(issueSpan("", 0), { start: 0, end: 0 });
    assert.deepEqual(issueSpan("   ", 3), { start: 3, end: 3 });
  });
});

describe("didYouMeanEdit", () => {
  test("an unknown key becomes the suggested one", () => {
    const e = didYouMeanEdit('server.prot: unknown key "prot" in [server] (did you mean "port"?)', "prot = 8443", 0);
    assert.deepEqual(e, { start: 0, end: 4, text: "port", title: 'Change to "port"' });
  });
  test("an unknown value is replaced inside its quotes", () => {
    const line = 'active = "slwo"';
    const e = didYouMeanEdit(
      'scenario.active: unknown scenario "slwo" (did you mean "slow"?); known: normal, fast, slow',
      line,
      0,
    );
    assert.ok(e);
    assert.equal(line.slice(0, e.start) + e.text + line.slice(e.end), 'active = "slow"');
  });
  test("the whole word only: 'port' is not found inside 'support'", () => {
    const line = "support = 1 # prot";
    const e = didYouMeanEdit('x: unknown key "prot" (did you mean "port"?)', line, 0);
    assert.ok(e);
    assert.equal(line.slice(0, e.start) + e.text + line.slice(e.end), "support = 1 # port");
  });
  test("no edit without a suggestion, or when the key must move to another table", () => {
    assert.equal(didYouMeanEdit('server.port: expected an integer, got "abc"', 'port = "abc"', 0), null);
    assert.equal(
      didYouMeanEdit(
        'port: unknown key "port" (did you mean "server.port"? keys go under their [server] table)',
        "port = 1",
        0,
      ),
      null,
    );
  });
});

test("local.toml seed: a header about this file, not the built-in defaults, and every setting commented out", () => {
  const text = localTomlSeed("config/local.toml");
  const head = text.split("\n").slice(0, 3).join("\n");
  assert.match(head, /^# config\/local\.toml: this workspace's Mock GPT settings/);
  assert.doesNotMatch(head, /built-in defaults\./i);
  assert.match(text, /^\[server\]$/m);
  assert.match(text, /^# port = 8443$/m);
  for (const line of text.split("\n")) assert.ok(line === "" || /^\s*(#|\[)/.test(line), `not commented: ${line}`);
});
