// Panels with a WAI-ARIA tablist: Left/Right/Home/End move between tabs, only the active tab is tabbable.
import { el, replaceChildren } from "./dom";

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
  const prefix = `mg-tabs-${++tabsCounter}`;
  const panel = el("div", { className: "mg-tabpanel", attrs: { role: "tabpanel", tabindex: 0 } });
  const buttons = specs.map((s) =>
    el("button", { className: "mg-tab", attrs: { type: "button", role: "tab", id: `${prefix}-${s.key}`, "data-tab": s.key }, on: { click: () => select(s.key) } }, s.label),
  );
  const list = el("div", { className: "mg-tablist", attrs: { role: "tablist" } }, ...buttons);
  list.addEventListener("keydown", (ev) => {
    const i = specs.findIndex((s) => s.key === active);
    const next = ev.key === "ArrowRight" ? i + 1 : ev.key === "ArrowLeft" ? i - 1 : ev.key === "Home" ? 0 : ev.key === "End" ? specs.length - 1 : null;
    if (next === null) return;
    ev.preventDefault();
    select(specs[(next + specs.length) % specs.length]!.key, true);
  });
  let active: K = specs.some((s) => s.key === initial) ? initial : specs[0]!.key;

  function select(key: K, focus = false): void {
    const spec = specs.find((s) => s.key === key) ?? specs[0]!;
    const changed = spec.key !== active;
    active = spec.key;
    buttons.forEach((b, i) => {
      const on = specs[i]!.key === active;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      if (on && focus) b.focus();
    });
    panel.setAttribute("aria-labelledby", `${prefix}-${active}`);
    replaceChildren(panel, spec.render());
    if (changed) onChange?.(active);
  }
  select(active);
  return {
    element: el("div", { className: "mg-tabs" }, list, panel),
    get active() {
      return active;
    },
    select,
  };
}
