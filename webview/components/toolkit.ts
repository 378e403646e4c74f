// The one place that knows about @vscode/webview-ui-toolkit: it registers the web components our
// wrappers render (see use* below). Swapping the toolkit means editing this folder only.
import { endFocusProbeShim } from "./focusProbeShim"; // must load before the toolkit: see there
import { html } from "@microsoft/fast-element";
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDataGrid,
  vsCodeDataGridCell,
  vsCodeDataGridRow,
  vsCodeDropdown,
  vsCodeOption,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
  vsCodeTag,
  vsCodeTextField,
  type Button,
  type DataGrid,
  type DataGridCell,
  type DataGridRow,
  type Dropdown,
  type Option,
  type Panels,
  type PanelTab,
  type PanelView,
  type Tag,
  type TextField,
} from "@vscode/webview-ui-toolkit";

// Typed document.createElement / el() for the tags we register.
declare global {
  interface HTMLElementTagNameMap {
    "vscode-button": Button;
    "vscode-dropdown": Dropdown;
    "vscode-option": Option;
    "vscode-text-field": TextField;
    "vscode-tag": Tag;
    "vscode-panels": Panels;
    "vscode-panel-tab": PanelTab;
    "vscode-panel-view": PanelView;
    "vscode-data-grid": DataGrid;
    "vscode-data-grid-row": DataGridRow;
    "vscode-data-grid-cell": DataGridCell;
  }
}

endFocusProbeShim();

// The tag's stock template (FAST's badge) binds a style="" attribute for its unused fill/color
// options; parsing that template trips our CSP (style-src-attr) even though the binding ends up
// empty. Same markup without it. (@microsoft/fast-element is the toolkit's own dependency.)
const tagTemplate = html<Tag>`
  <template class="${(x) => (x.circular ? "circular" : "")}">
    <div class="control" part="control"><slot></slot></div>
  </template>
`;

// Each wrapper registers the elements it renders on first use, so a page bundles only those (the
// dashboard has no dropdown or grid; esbuild drops the unused registrations). The guard makes it
// once per element, also with two bundles on one page (customElements.define throws on a repeat).
type Registry = Parameters<ReturnType<typeof provideVSCodeDesignSystem>["register"]>[number];
function define(tag: keyof HTMLElementTagNameMap, ...registries: Array<() => Registry>): void {
  if (!customElements.get(tag)) provideVSCodeDesignSystem().register(...registries.map((r) => r()));
}

export const useButton = () => define("vscode-button", vsCodeButton);
export const useDropdown = () => define("vscode-dropdown", vsCodeDropdown, vsCodeOption);
export const useTextField = () => define("vscode-text-field", vsCodeTextField);
export const useTag = () => define("vscode-tag", () => vsCodeTag({ template: tagTemplate }));
export const usePanels = () => define("vscode-panels", vsCodePanels, vsCodePanelTab, vsCodePanelView);
export const useDataGrid = () => define("vscode-data-grid", vsCodeDataGrid, vsCodeDataGridRow, vsCodeDataGridCell);
