// What the inspector page needs besides entries: the server's URL, the client certificate to cite
// in curl commands, and the log's limits.
import type { RequestLog } from "../../log/requestLog";
import type { ServerStatus } from "../../server/types";
import type { ClientTlsPaths, InspectorContext } from "../../../shared/pages/inspector/protocol";

export interface InspectorContextSources {
  log: RequestLog;
  status(): ServerStatus;
  clientTls(): ClientTlsPaths | null;
}

export function inspectorContext(o: InspectorContextSources): InspectorContext {
  return {
    serverUrl: o.status().url,
    clientTls: o.clientTls(),
    capacity: o.log.capacity,
    ...(o.log.droppedForSize ? { droppedForSize: o.log.droppedForSize } : {}),
  };
}
