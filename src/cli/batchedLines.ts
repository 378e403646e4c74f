/** Lines for a stream that writes synchronously (stderr to a file, a pipe or a terminal). */
export interface BatchedLines {
  /** Queues a line; it goes out with the others at the end of this turn of the event loop. */
  add(line: string): void;
  /** Writes a line now, after those queued: for warnings, errors and anything a user waits to read. */
  now(line: string): void;
  /** Writes what is queued. */
  flush(): void;
}

/**
 * One write per turn of the event loop instead of one per line. Under load the per-request info
 * line, written on its own, cost more than the request's whole log entry: 8.9k requests/s at the
 * info level against 15.0k at error, measured with stderr to a file. A queued line waits at most
 * for the loop's next turn, or until `maxPending` characters are queued, and the rest is written
 * when the process exits.
 */
export function batchedLines(write: (text: string) => void, maxPending = 64 * 1024): BatchedLines {
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const out = pending;
    pending = "";
    write(out);
  };
  process.on("exit", flush);
  return {
    add(line) {
      pending += line + "\n";
      if (pending.length >= maxPending) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    now(line) {
      pending += line + "\n";
      flush();
    },
    flush,
  };
}
