// Coalesces RequestLog events into at most one set of inspector deltas per interval, so a burst
// of 1,000 requests (or a stream's hundreds of chunk updates) reaches the page as a few messages.
// Entries go out as summaries: bodies and chunks reach the page only through "requests/detail".
import type { RequestLog } from "../../log/requestLog";
import type { LogEntry } from "../../../shared/requestLog";
import type { InspectorToPage, RequestSummary } from "../../../shared/pages/inspector/protocol";
import { summarizeLive } from "./bodySearch";

export interface RequestBatcherOptions {
  /** Longest a change waits before it is sent. @default 100 */
  intervalMs?: number;
  /** Turns an entry into what the page receives. @default summarizeLive */
  summarize?(e: LogEntry): RequestSummary;
  /** Called after each flush with the entries it reported as updated (for the open detail's chunks). */
  afterFlush?(updated: LogEntry[]): void;
}

/** Subscribes to `log`; `post` receives cleared → evicted → added → updated, in that order, per flush. */
export function batchRequestEvents(
  log: RequestLog,
  post: (m: InspectorToPage) => void,
  options: RequestBatcherOptions = {},
): { flush(): void; dispose(): void } {
  const intervalMs = options.intervalMs ?? 100;
  const toPage = options.summarize ?? summarizeLive;
  let cleared = false;
  const added = new Map<string, LogEntry>();
  const updated = new Map<string, LogEntry>();
  const evicted: string[] = [];
  let bySize = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(flush, intervalMs);
    timer.unref?.();
  };
  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    // Entries are live objects mutated in place: what is sent is their state now, the latest.
    if (cleared) post({ type: "requests/cleared" });
    // bySize counts entries the page never saw too: it says how many the log dropped, not which rows go.
    if (evicted.length || bySize)
      post({ type: "requests/evicted", ids: evicted.splice(0), ...(bySize ? { bySize } : {}) });
    bySize = 0;
    if (added.size) post({ type: "requests/added", entries: [...added.values()].map(toPage) });
    const changed = [...updated.values()];
    if (changed.length) post({ type: "requests/updated", entries: changed.map(toPage) });
    cleared = false;
    added.clear();
    updated.clear();
    options.afterFlush?.(changed);
  }

  const onAdded = (e: LogEntry) => {
    added.set(e.id, e);
    schedule();
  };
  const onUpdated = (e: LogEntry) => {
    // A pending add goes out with the latest state: the entry itself, or (for one the log kept
    // packed and rebuilt to change) this newer object.
    if (added.has(e.id)) added.set(e.id, e);
    else updated.set(e.id, e);
    schedule();
  };
  const onEvicted = (ids: string[], size = 0) => {
    bySize += size;
    for (const id of ids) {
      updated.delete(id);
      if (!added.delete(id)) evicted.push(id); // never sent, so nothing to take back
    }
    schedule();
  };
  const onCleared = () => {
    cleared = true;
    added.clear();
    updated.clear();
    evicted.length = 0;
    bySize = 0;
    schedule();
  };
  log.on("added", onAdded);
  log.on("updated", onUpdated);
  log.on("evicted", onEvicted);
  log.on("cleared", onCleared);

  return {
    flush,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      log.off("added", onAdded);
      log.off("updated", onUpdated);
      log.off("evicted", onEvicted);
      log.off("cleared", onCleared);
    },
  };
}
