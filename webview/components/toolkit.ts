// The one place that knows about @vscode/webview-ui-toolkit: it registers the web components our
// wrappers render, once, when the first wrapper module loads. Swapping the toolkit means editing
// this folder only. Only what we use is registered (and bundled: the package is side-effect free).
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

// customElements.define throws on a second definition; the guard also covers two bundles on one page.
if (!customElements.get("vscode-button")) {
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeTextField(),
    vsCodeTag({ template: tagTemplate }),
    vsCodePanels(),
    vsCodePanelTab(),
    vsCodePanelView(),
    vsCodeDataGrid(),
    vsCodeDataGridRow(),
    vsCodeDataGridCell(),
  );
}

