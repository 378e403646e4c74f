// The inspector protocol's validation and the shared page template's CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isInspectorCommand } from "../../src/shared/pages/inspector/protocol";
import { contentSecurityPolicy, createNonce, renderPageHtml } from "../../src/core/pages/html";

test("isInspectorCommand accepts the protocol's commands and rejects anything else", () => {
  for (const m of [
    { type: "ready" },
    { type: "requests/clear" },
    { type: "requests/replay", id: "x" },
    { type: "requests/export", format: "har", ids: ["a"] },
    { type: "clipboard/write", text: "t", what: "w" },
    { type: "ready", query: "q" },
    { type: "requests/detail", id: "x" },
    { type: "requests/search", query: "" },
  ])
    assert.equal(isInspectorCommand(m), true, JSON.stringify(m));
  for (const m of [
    null,
    "ready",
    {},
    { type: "requests/replay" },
    { type: "requests/export", format: "xml", ids: [] },
    { type: "requests/export", format: "json", ids: [1] },
    { type: "clipboard/write", text: 1, what: "w" },
    { type: "eval" },
    { type: "ready", query: 1 },
    { type: "requests/detail" },
    { type: "requests/search", query: null },
  ])
    assert.equal(isInspectorCommand(m), false, JSON.stringify(m));
});

test("nonces are fresh 128-bit base64 values", () => {
  const a = createNonce();
  assert.equal(Buffer.from(a, "base64").length, 16);
  assert.notEqual(a, createNonce());
});

test("the page template carries the strict CSP and escapes every attribute", () => {
  const html = renderPageHtml({
    page: "inspector",
    title: 'A "<b>" title',
    cspSource: "https://x.vscode-cdn.net",
    nonce: "abc+/=",
    scriptUri: "https://x/inspector.js?a=1&b=2",
    styleUri: "https://x/styles.css",
    data: { endpoint: '"><script>' },
  });
  assert.ok(
    html.includes(
      `content="default-src 'none'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; script-src 'nonce-abc+/='"`.replace(
        /'/g,
        "&#39;",
      ),
    ),
  );
  assert.ok(html.includes('<script nonce="abc+/=" src="https://x/inspector.js?a=1&#38;b=2"></script>'));
  assert.ok(html.includes("<title>A &#34;&#60;b&#62;&#34; title</title>"));
  assert.ok(html.includes('data-endpoint="&#34;&#62;&#60;script&#62;"'));
  assert.equal((html.match(/<script/g) ?? []).length, 1, "one script, no inline code");
  assert.ok(!/\son[a-z]+=/i.test(html) && !html.includes("style="), "no inline handlers or styles");
  assert.equal(
    contentSecurityPolicy({ cspSource: "'self'", nonce: "n", connectSrc: "'self'" }).endsWith("; connect-src 'self'"),
    true,
  );
});
