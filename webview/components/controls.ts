// Small form controls. Native elements styled with the --vscode-* variables (see styles.css):
// @vscode/webview-ui-toolkit is archived upstream, so nothing outside this folder knows which
// implementation renders a button or a dropdown — swapping it means editing this folder only.
import { el } from "./dom";

export interface ButtonOptions {
  label: string;
  title?: string;
  /** "secondary" for less prominent actions. @default "primary" */
  appearance?: "primary" | "secondary" | "icon";
  onClick: () => void;
  /** Stable hook for tests and keyboard shortcuts. */
  id?: string;
}

export function button(o: ButtonOptions): HTMLButtonElement {
  return el("button", { className: `mg-button mg-button--${o.appearance ?? "primary"}`, attrs: { type: "button", title: o.title, "aria-label": o.title ?? o.label, id: o.id }, on: { click: () => o.onClick() } }, o.label);
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

export function dropdown<V extends string>(o: DropdownOptions<V>): Dropdown<V> {
  const select = el("select", { className: "mg-dropdown", attrs: { "aria-label": o.label, title: o.label, id: o.id } }, ...o.options.map((opt) => el("option", { attrs: { value: opt.value } }, opt.label)));
  select.value = o.value;
  select.addEventListener("change", () => o.onChange(select.value as V));
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
  type?: "text" | "search";
}

export function textField(o: TextFieldOptions): HTMLInputElement {
  const input = el("input", { className: "mg-textfield", attrs: { type: o.type ?? "search", "aria-label": o.label, placeholder: o.placeholder ?? o.label, id: o.id, spellcheck: "false" } });
  input.value = o.value ?? "";
  input.addEventListener("input", () => o.onInput(input.value));
  return input;
}

export type BadgeTone = "neutral" | "success" | "warning" | "error" | "info";

/** A short label such as a status code or "stream". */
export function badge(text: string, tone: BadgeTone = "neutral", title?: string): HTMLSpanElement {
  return el("span", { className: `mg-badge mg-badge--${tone}`, attrs: { title } }, text);
}

/** A toolbar row that wraps on narrow views. */
export function toolbar(...children: HTMLElement[]): HTMLDivElement {
  return el("div", { className: "mg-toolbar", attrs: { role: "toolbar" } }, ...children);
}
