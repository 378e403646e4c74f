import { EventEmitter } from "node:events";
import type { LogEntry, RequestLogEvents } from "./types";

export interface RequestLogOptions {
  /** Entries kept; the oldest are evicted first. @default 1000 */
  capacity?: number;
  /** Bodies longer than this are cut (and flagged) in the log, never on the wire. @default 262144 */
  maxBodyChars?: number;
  /** Chunks kept per stream. @default 5000 */
  maxChunks?: number;
}

/**
 * Bounded in-memory store of requests. The server writes, everything else subscribes:
 * request → server → log/events → webviews. Entries are mutated in place while in flight and
 * an `updated` event follows each change, so consumers must treat entries as read-only.
 */
export class RequestLog extends EventEmitter<RequestLogEvents> {
  private readonly entries = new Map<string, LogEntry>();
  private nextSeq = 1;
  capacity: number;
  readonly maxBodyChars: number;
  readonly maxChunks: number;

  constructor(options: RequestLogOptions = {}) {
    super();
    this.capacity = Math.max(1, options.capacity ?? 1000);
    this.maxBodyChars = options.maxBodyChars ?? 262_144;
    this.maxChunks = options.maxChunks ?? 5000;
    this.setMaxListeners(50);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Oldest first. */
  list(): LogEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): LogEntry | undefined {
    return this.entries.get(id);
  }

  /** Adds an entry (taking ownership of the object), assigning `seq`; returns it for later `update` calls. */
  add(entry: Omit<LogEntry, "seq">): LogEntry {
    const full = entry as LogEntry;
    full.seq = this.nextSeq++;
    this.entries.set(full.id, full);
    this.emit("added", full);
    this.evictOverflow();
    return full;
  }

  /** Applies a change to a live entry and notifies subscribers. No-op if it was evicted or cleared. */
  update(id: string, change: (entry: LogEntry) => void): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    change(entry);
    this.emit("updated", entry);
  }

  /** Records one streamed event without emitting per chunk listeners beyond `updated`. */
  appendChunk(id: string, t: number, data: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.chunks.length >= this.maxChunks) return;
    entry.chunks.push({ t, data });
    this.emit("updated", entry);
  }

  clear(): void {
    this.entries.clear();
    this.emit("cleared");
  }

  /** Changes capacity at runtime (config reload), evicting if needed. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.evictOverflow();
  }

  /** Cuts a body to the log's limit. */
  clip(body: string): { body: string; truncated: boolean } {
    if (body.length <= this.maxBodyChars) return { body, truncated: false };
    return { body: body.slice(0, this.maxBodyChars), truncated: true };
  }

  private evictOverflow(): void {
    const excess = this.entries.size - this.capacity;
    if (excess <= 0) return;
    const dropped: string[] = [];
    for (const id of this.entries.keys()) {
      if (dropped.length === excess) break;
      dropped.push(id);
    }
    for (const id of dropped) this.entries.delete(id);
    this.emit("evicted", dropped);
  }
}
