// Small form controls, rendered by @vscode/webview-ui-toolkit web components (see toolkit.ts).
// Pages only see these functions and plain HTMLElements, so swapping the toolkit (archived
// upstream) means editing this folder only.
import { el } from "./dom";
import { useButton, useDropdown, useTag, useTextField } from "./toolkit";

export interface ButtonOptions {
  label: string;
  title?: string;
  /** "secondary" for less prominent actions. @default "primary" */
  appearance?: "primary" | "secondary" | "icon";
  onClick: () => void;
  /** Stable hook for tests and keyboard shortcuts. */
  id?: string;
}

/** A <vscode-button>; clicks and Enter/Space on its inner <button> reach `onClick`. */
export function button(o: ButtonOptions): HTMLElement {
  useButton();
  const b = el(
    "vscode-button",
    {
      className: `mg-button mg-button--${o.appearance ?? "primary"}`,
      attrs: { appearance: o.appearance ?? "primary", title: o.title, "aria-label": o.title ?? o.label, id: o.id },
      on: { click: () => o.onClick() },
    },
    o.label,
  );
  forwardAriaPressed(b);
  return b;
}

// vscode-button overrides attributeChangedCallback without calling FAST's, so aria-pressed set on
// the host (pages toggle it with setAttribute) would never reach the inner <button> that assistive
// tech sees. Mirror it through the FAST property instead.
function forwardAriaPressed(b: HTMLElementTagNameMap["vscode-button"]): void {
  new MutationObserver(() => {
    const v = b.getAttribute("aria-pressed");
    if (b.ariaPressed !== v) b.ariaPressed = v as typeof b.ariaPressed;
  }).observe(b, { attributes: true, attributeFilter: ["aria-pressed"] });
}

export interface DropdownOptions<V extends string> {
  label: string;
  options: Array<{ value: V; label: string }>;
  value: V;
  onChange: (value: V) => void;
  id?: string;
}

export interface Dropdown<V extends string> {
  element: HTMLElement;
  get value(): V;
  set value(v: V);
}

/** A <vscode-dropdown> of <vscode-option>s; `onChange` fires on user choices only. */
export function dropdown<V extends string>(o: DropdownOptions<V>): Dropdown<V> {
  useDropdown();
  const select = el(
    "vscode-dropdown",
    { className: "mg-dropdown", attrs: { "aria-label": o.label, title: o.label, id: o.id } },
    // `selected` marks the initial choice: the dropdown picks it up when it connects.
    ...o.options.map((opt) =>
      el("vscode-option", { attrs: { value: opt.value, selected: opt.value === o.value } }, opt.label),
    ),
  );
  select.addEventListener("change", (ev) => {
    if (ev.target === select) o.onChange(select.value as V);
  });
  return {
    element: select,
    get value() {
      return select.value as V;
    },
    set value(v: V) {
      select.value = v;
    },
  };
}

export interface TextFieldOptions {
  label: string;
  placeholder?: string;
  value?: string;
  /** Called on every keystroke. */
  onInput: (value: string) => void;
  id?: string;
  /** The toolkit has no search type; "search" renders a text field. */
  type?: "text" | "search";
}

/** A <vscode-text-field>. Its label is slotted text (visually hidden in styles.css), which the
 *  toolkit turns into the inner input's accessible name. */
export function textField(o: TextFieldOptions): HTMLElement {
  useTextField();
  const field = el(
    "vscode-text-field",
    { className: "mg-textfield", attrs: { placeholder: o.placeholder ?? o.label, id: o.id, spellcheck: "false" } },
    o.label,
  );
  field.value = o.value ?? "";
  field.addEventListener("input", () => o.onInput(field.value));
  return field;
}

export type BadgeTone = "neutral" | "success" | "warning" | "error" | "info";

/** A short label such as a status code or "stream": a <vscode-tag>, tinted by tone in styles.css. */
export function badge(text: string, tone: BadgeTone = "neutral", title?: string): HTMLElement {
  useTag();
  return el("vscode-tag", { className: `mg-badge mg-badge--${tone}`, attrs: { title } }, text);
}

/** A toolbar row that wraps on narrow views. */
export function toolbar(...children: HTMLElement[]): HTMLDivElement {
  return el("div", { className: "mg-toolbar", attrs: { role: "toolbar" } }, ...children);
}
