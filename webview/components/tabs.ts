// Tabbed panels: <vscode-panels> with one <vscode-panel-tab>/<vscode-panel-view> pair per tab. The
// toolkit provides the WAI-ARIA tablist (ids, aria-selected/controls/labelledby, roving tabindex,
// Left/Right/Home/End). Only the active view holds content: it is built when its tab is shown.
import { el, replaceChildren } from "./dom";
import { usePanels } from "./toolkit";

export interface TabSpec<K extends string> {
  key: K;
  label: string;
  /** Builds the panel content when the tab is shown. */
  render: () => Node;
}

export interface Tabs<K extends string> {
  element: HTMLElement;
  readonly active: K;
  select(key: K, focus?: boolean): void;
}

let tabsCounter = 0;

export function tabs<K extends string>(specs: TabSpec<K>[], initial: K, onChange?: (key: K) => void): Tabs<K> {
  usePanels();
  const prefix = `mg-tabs-${++tabsCounter}`;
  const tabId = (key: K) => `${prefix}-${key}`;
  // Our ids up front: the toolkit keeps ids it finds, and `activeid` can name the initial tab.
  const tabEls = specs.map((s) =>
    el("vscode-panel-tab", { className: "mg-tab", attrs: { id: tabId(s.key), "data-tab": s.key } }, s.label),
  );
  const views = specs.map((s) =>
    el("vscode-panel-view", {
      className: "mg-tabview",
      attrs: { id: `${tabId(s.key)}-panel`, "data-tab": s.key, tabindex: 0 },
    }),
  );
  let active: K = specs.some((s) => s.key === initial) ? initial : specs[0]!.key;
  const panels = el(
    "vscode-panels",
    { className: "mg-tabs", attrs: { activeid: tabId(active), "aria-label": specs.map((s) => s.label).join(", ") } },
    ...tabEls,
    ...views,
  );

  let selecting = false;
  function show(key: K): void {
    const changed = key !== active;
    active = key;
    specs.forEach((s, i) => {
      const on = s.key === key;
      // .mg-tabpanel marks the one visible, scrollable view (pages read its scrollTop).
      views[i]!.classList.toggle("mg-tabpanel", on);
      if (on) replaceChildren(views[i]!, s.render());
      else replaceChildren(views[i]!);
    });
    if (changed) onChange?.(active);
  }
  // The toolkit emits "change" on clicks, arrow keys and activeid changes (also at first connect).
  // Nested controls emit "change" too, so only the panels' own event counts.
  panels.addEventListener("change", (ev) => {
    if (ev.target !== panels || selecting) return;
    const key = (panels.activetab?.dataset.tab ?? null) as K | null;
    if (key && key !== active) show(key);
  });

  function select(key: K, focus = false): void {
    const spec = specs.find((s) => s.key === key) ?? specs[0]!;
    selecting = true; // the toolkit answers with a synchronous "change"; render once, here
    try {
      panels.activeid = tabId(spec.key);
    } finally {
      selecting = false;
    }
    show(spec.key);
    if (focus) tabEls[specs.indexOf(spec)]!.focus();
  }
  show(active);
  return {
    element: panels,
    get active() {
      return active;
    },
    select,
  };
}
