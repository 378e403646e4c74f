// The editor tab's host side: one inspector controller type in two roles. The sidebar's records the
// page's choice and asks for an editor tab; the tab's (follow) shows its page whatever is chosen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RequestLog } from "../../src/core/log/requestLog";
import type { ServerStatus } from "../../src/core/server/types";
import { createInspectorController } from "../../src/core/pages/inspector/controller";
import { createInspectorSelection } from "../../src/core/pages/inspector/selection";
import type { InspectorToPage } from "../../src/shared/pages/inspector/protocol";
import { httpEntry } from "../browser/inspectorFixtures";

const status = () => ({ url: null }) as unknown as ServerStatus;

function pair() {
  const log = new RequestLog();
  const selection = createInspectorSelection();
  const opened: string[] = [];
  const sidebarSent: InspectorToPage[] = [];
  const tabSent: InspectorToPage[] = [];
  const base = { log, status, clientTls: () => null, batchMs: 5, selection };
  const sidebar = createInspectorController((m) => sidebarSent.push(m), {
    ...base,
    openInEditor: (id) => opened.push(id),
  });
  const tab = createInspectorController((m) => tabSent.push(m), { ...base, follow: true });
  const add = () => {
    const { seq: _seq, ...e } = httpEntry();
    return log.add(e);
  };
  return { log, selection, opened, sidebar, tab, sidebarSent, tabSent, add };
}

const focuses = (sent: InspectorToPage[]) =>
  sent.filter((m) => m.type === "detail/focus").map((m) => (m as { id: string }).id);

test("the editor tab opens on the chosen entry and follows the sidebar's later choices", async () => {
  const p = pair();
  const a = p.add();
  const b = p.add();
  await p.sidebar.onMessage({ type: "ready" });
  await p.sidebar.onMessage({ type: "detail/openInEditor", id: a.id });
  assert.deepEqual(p.opened, [a.id], "the host is asked to open the tab");
  assert.equal(p.selection.id, a.id);

  await p.tab.onMessage({ type: "ready" });
  assert.deepEqual(
    p.tabSent.map((m) => m.type),
    ["requests/snapshot", "detail/focus"],
    "the snapshot first, then the entry to show",
  );
  assert.deepEqual(focuses(p.tabSent), [a.id]);

  await p.sidebar.onMessage({ type: "requests/select", id: b.id });
  await p.sidebar.onMessage({ type: "requests/select", id: b.id }); // the same choice again: no new message
  assert.deepEqual(focuses(p.tabSent), [a.id, b.id]);
  assert.deepEqual(focuses(p.sidebarSent), [], "the sidebar is never told what to show");

  // The tab's own page cannot move the selection; a closed tab hears nothing more.
  await p.tab.onMessage({ type: "requests/select", id: a.id });
  assert.equal(p.selection.id, b.id);
  p.tab.dispose();
  await p.sidebar.onMessage({ type: "requests/select", id: a.id });
  assert.deepEqual(focuses(p.tabSent), [a.id, b.id]);
  p.sidebar.dispose();
});

test("a tab that is not ready yet is not sent a focus; without a choice it is sent none", async () => {
  const p = pair();
  const a = p.add();
  await p.sidebar.onMessage({ type: "requests/select", id: a.id });
  assert.deepEqual(p.tabSent, [], "nothing before the page's ready");
  const lone = pair();
  await lone.tab.onMessage({ type: "ready" });
  assert.deepEqual(
    lone.tabSent.map((m) => m.type),
    ["requests/snapshot"],
  );
  for (const c of [p.sidebar, p.tab, lone.sidebar, lone.tab]) c.dispose();
});

test("page messages for the editor tab are validated", async () => {
  const p = pair();
  await p.sidebar.onMessage({ type: "detail/openInEditor" }); // no id
  await p.sidebar.onMessage({ type: "requests/select", id: 7 });
  assert.deepEqual(p.opened, []);
  assert.equal(p.selection.id, null);
  p.sidebar.dispose();
  p.tab.dispose();
});
