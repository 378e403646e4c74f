// The webview pages' server side: HTML template, page controllers, and the /ui routes.
export { uiRoutes, type UiRoutesOptions } from "./routes";
export {
  renderPageHtml,
  createNonce,
  contentSecurityPolicy,
  escapeHtml,
  type PageHtmlOptions,
  type PageName,
} from "./pageHtml";
export type { PageController, PageControllerFactory, PageMessage } from "./controller";
export { createInspectorController, inspectorContext, type InspectorControllerOptions } from "./inspectorController";
export { batchRequestEvents, type RequestBatcherOptions } from "./requestBatcher";
export { replayRequest, type ReplayOptions, type ReplayResult } from "./replay";
