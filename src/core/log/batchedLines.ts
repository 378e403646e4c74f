/** Lines for a stream that writes synchronously (stderr to a file, a pipe or a terminal). */
export interface BatchedLines {
  /** Queues a line; it goes out with the others at the end of this turn of the event loop. */
  add(line: string): void;
  /** Writes a line now, after those queued: for warnings, errors and anything a user waits to read. */
  now(line: string): void;
  /** Writes what is queued. */
  flush(): void;
  /** Writes what is queued and stops writing at exit (lines added later still go out, at the end of their turn). */
  close(): void;
}

/**
 * One write per turn of the event loop instead of one per line: under load, the CLI's per-request
 * stderr line written on its own took about a sixth of the server's busy time, and the JSON-lines
 * log file's append (open, write, close) about 30 µs per request. A queued line waits at most for
 * the loop's next turn, or until `maxPending` characters are queued; what is queued is written when
 * the process exits (a crash without an exit event, such as running out of memory, loses one turn's).
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
    close() {
      flush();
      process.off("exit", flush);
    },
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
