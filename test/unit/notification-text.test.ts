// VS Code turns `[label](command:…)` in notification messages into clickable links; request-derived
// text must reach a notification with none left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { noNotificationLinks, notificationPath } from "../../src/shared/notificationText";

/** What VS Code's notifications treat as a link (vs/base/common/linkedText), written out for the test. */
const links = (text: string) => [...text.matchAll(/\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)[^)]*\)/gi)];

test("the test's link pattern finds what VS Code would render as a command link", () => {
  assert.equal(links("see [here](command:workbench.action.terminal.new) now").length, 1);
  assert.equal(links("[a](https://x.test)").length, 1);
});

test("notificationPath percent-encodes brackets and parentheses, nothing else", () => {
  const hostile = "/v1/[Click me](command:workbench.action.terminal.new)";
  assert.equal(notificationPath(hostile), "/v1/%5BClick me%5D%28command:workbench.action.terminal.new%29");
  assert.equal(links(notificationPath(hostile)).length, 0);
  assert.equal(notificationPath("/v1/chat/completions"), "/v1/chat/completions");
});

test("noNotificationLinks leaves no link and reads the same", () => {
  for (const text of [
    "Replay failed: [Open](command:workbench.action.terminal.new)",
    "[a] (https://evil.test) and [b](file:///etc/passwd)",
    "[x]\t(command:y)",
  ]) {
    const safe = noNotificationLinks(text);
    assert.equal(links(safe).length, 0, safe);
    assert.equal(safe.replace(/\u200b/g, ""), text, "only zero-width spaces were added");
  }
  assert.equal(
    noNotificationLinks("Replayed POST /v1/chat/completions → 200"),
    "Replayed POST /v1/chat/completions → 200",
  );
});
