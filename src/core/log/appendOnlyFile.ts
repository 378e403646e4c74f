import { closeSync, fstatSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * A log file kept open for appending (mode 600), instead of opened and closed for every line. Each
 * write first checks that the path still names the file it has open, and opens it again when it was
 * removed or replaced (log rotation), as an open-per-line append would follow it. Its folder is made
 * once; a folder removed later, or a write that fails (a full disk), stops the file for good:
 * logging must not take the server down. Once closed, a late write (a request that was in flight)
 * opens, appends and closes again, so no handle outlives the close.
 */
export class AppendOnlyFile {
  private fd: number | null = null;
  private ino = 0;
  private dev = 0;
  private made = false;
  private failed = false;
  private closed = false;

  constructor(readonly path: string) {}

  write(text: string): void {
    if (this.failed) return;
    try {
      this.ensureOpen();
      const bytes = Buffer.from(text);
      // writeSync may write less than asked (a file size limit): the rest, or an error.
      for (let at = 0; at < bytes.length;) {
        const n = writeSync(this.fd!, bytes, at, bytes.length - at);
        if (n <= 0) throw new Error("short write");
        at += n;
      }
      if (this.closed) this.release();
    } catch {
      this.failed = true;
      this.release();
    }
  }

  /** Lets go of the handle; later writes append without keeping one. */
  close(): void {
    this.closed = true;
    this.release();
  }

  private release(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // already gone
    }
    this.fd = null;
  }

  private ensureOpen(): void {
    if (this.fd !== null) {
      let same = false;
      try {
        const s = statSync(this.path);
        same = s.ino === this.ino && s.dev === this.dev;
      } catch {
        // removed: open it anew
      }
      if (same) return;
      this.release();
    }
    if (!this.made) mkdirSync(dirname(this.path), { recursive: true });
    this.made = true;
    this.fd = openSync(this.path, "a", 0o600);
    const s = fstatSync(this.fd);
    this.ino = s.ino;
    this.dev = s.dev;
  }
}
