// Our UI building blocks; pages import from here only, so the rendering layer can be swapped in one folder.
// Controls, tabs and grids render @vscode/webview-ui-toolkit elements (registered once in toolkit.ts).
export { el, append, replaceChildren, type Child, type ElOptions } from "./dom";
export {
  button,
  dropdown,
  textField,
  badge,
  toolbar,
  type ButtonOptions,
  type Dropdown,
  type DropdownOptions,
  type TextFieldOptions,
  type BadgeTone,
} from "./controls";
export { tabs, type Tabs, type TabSpec } from "./tabs";
export { dataGrid, type DataGridColumn, type DataGridOptions, type DataGridRowSpec } from "./dataGrid";
export { virtualList, type VirtualList, type VirtualListOptions } from "./virtualList";
export { applyBrowserTheme } from "./theme";
export { loadPageStyles } from "./pageStyles";
