import { closeSync, fstatSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * A log file kept open for appending (mode 600), instead of opened and closed for every line. Each
 * write first checks that the path still names the file it has open, and opens it again when it was
 * removed or replaced (log rotation), as an open-per-line append would follow it. A write that fails
 * (an unwritable folder, a full disk) stops the file for good: logging must not take the server down.
 */
export class AppendOnlyFile {
  private fd: number | null = null;
  private ino = 0;
  private dev = 0;
  private failed = false;

  constructor(readonly path: string) {}

  write(text: string): void {
    if (this.failed) return;
    try {
      this.ensureOpen();
      writeSync(this.fd!, text);
    } catch {
      this.failed = true;
      this.close();
    }
  }

  close(): void {
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
      this.close();
    }
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, "a", 0o600);
    const s = fstatSync(this.fd);
    this.ino = s.ino;
    this.dev = s.dev;
  }
}
