// The core's public surface: everything the CLI and the VS Code extension use. Never imports `vscode`.
export * from "./config";
export * from "./certs";
export { BUILT_IN_SCENARIOS } from "./scenarios";
export { MockServer, type MockServerOptions } from "./server/mockServer";
export {
  ServerStartError,
  type Behavior,
  type ServerState,
  type ServerStatus,
  type StartErrorCode,
} from "./server/types";
export type { RouteExtension } from "./server/app";
export type { ServerRuntime } from "./server/runtime";
export { RequestLog, type RequestLogOptions } from "./log/requestLog";
export type { LogEntry, ClientIdentity, StreamChunk, RequestLogEvents } from "../shared/requestLog";
export type { Logger, LogRecord, LogSink } from "./log/logger";
