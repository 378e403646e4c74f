/** The Responses API (POST /v1/responses and its stored responses), built on the chat responder. */
export { buildResponse, failedResponse, responseShell, usageOf, type BuiltResponse, type OutputPieces } from "./build";
export { toChatMessages } from "./conversation";
export { previousResponseNotFound, responseNotFound } from "./errors";
export { errorEvent, failureEvent, responseEvents, type StreamEvent } from "./events";
export { responseId } from "./ids";
export { listInputItems } from "./list";
export { parseResponsesRequest, responderOptions, type ResponsesRequest } from "./request";
export { DEFAULT_STORE_LIMITS, ResponseStore, type StoredResponse } from "./store";
export type * from "./types";
