// Our UI building blocks; pages import from here only, so the rendering layer can be swapped in one folder.
export { el, append, replaceChildren, type Child, type ElOptions } from "./dom";
export { button, dropdown, textField, badge, toolbar, type ButtonOptions, type Dropdown, type DropdownOptions, type TextFieldOptions, type BadgeTone } from "./controls";
export { tabs, type Tabs, type TabSpec } from "./tabs";
export { virtualList, type VirtualList, type VirtualListOptions } from "./virtualList";
export { applyBrowserTheme } from "./theme";
