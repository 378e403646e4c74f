// Entry of the inspector bundle (dist/webview/inspector.js): VS Code webview, /ui page or test harness.
import { applyBrowserTheme } from "../components";
import { connectHost } from "../transport";
import { startInspector } from "./app";
import type { InspectorToHost, InspectorToPage } from "../../src/shared/pages/inspector/protocol";

applyBrowserTheme();
startInspector(
  document.getElementById("app") ?? document.body,
  connectHost<InspectorToPage, InspectorToHost>("inspector"),
);
