// Entry of the inspector bundle (dist/webview/inspector.js): the sidebar view, the editor tab
// (body data-view="editor"), the /ui page or the test harness.
import "./inspector.css";
import { applyBrowserTheme, loadPageStyles } from "../components";
import { connectHost } from "../transport";
import { startInspector } from "./app";
import type { InspectorToHost, InspectorToPage } from "../../src/shared/pages/inspector/protocol";

loadPageStyles("inspector");
applyBrowserTheme();
startInspector(
  document.getElementById("app") ?? document.body,
  connectHost<InspectorToPage, InspectorToHost>("inspector"),
  { view: document.body.dataset.view === "editor" ? "editor" : "sidebar" },
);
