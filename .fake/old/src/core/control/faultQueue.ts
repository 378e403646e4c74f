import { faultSpec, parseFault, type Fault } from "./faults";
import { matches, type RuleMatch, type RuleSubject } from "./rules";

/** A fault waiting for the next matching request(s). */
export interface QueuedFault {
  id: number;
  fault: Fault;
  /** Requests it still applies to. */
  remaining: number;
  match: RuleMatch;
}

export interface QueueOptions {
  /** How many matching requests get it. @default 1 */
  count?: number;
  /** Only requests matching this (same conditions as a rule's match) take it. @default every request */
  match?: RuleMatch;
}

/**
 * Faults queued for the next N matching requests (the control API, the in-process test API and
 * VS Code's Inject Fault command all land here). A request takes the oldest matching entry.
 */
export class FaultQueue {
  private entries: QueuedFault[] = [];
  private nextId = 1;
  private listeners = new Set<() => void>();

  /** Queues `fault` ("429", "truncate:3", or a parsed Fault). Throws FaultSyntaxError on a bad spelling. */
  queue(fault: Fault | string, options: QueueOptions = {}): QueuedFault {
    const count = options.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 1)
      throw new RangeError(`count must be a whole number >= 1, got ${count}`);
    const entry: QueuedFault = {
      id: this.nextId++,
      fault: typeof fault === "string" ? parseFault(fault) : fault,
      remaining: count,
      match: options.match ?? {},
    };
    this.entries.push(entry);
    this.changed();
    return entry;
  }

  /** Takes one use of the oldest entry matching this request, if any. */
  take(subject: RuleSubject, accepts: (f: Fault) => boolean = () => true): Fault | undefined {
    const i = this.entries.findIndex((e) => accepts(e.fault) && matches(e.match, subject));
    if (i < 0) return undefined;
    const e = this.entries[i]!;
    if (--e.remaining <= 0) this.entries.splice(i, 1);
    this.changed();
    return e.fault;
  }

  get size(): number {
    return this.entries.length;
  }

  /** A JSON-friendly view: { id, fault: "truncate:3", remaining, match }. */
  list(): Array<{ id: number; fault: string; remaining: number; match: Record<string, unknown> }> {
    return this.entries.map((e) => ({
      id: e.id,
      fault: faultSpec(e.fault),
      remaining: e.remaining,
      match: Object.fromEntries(
        Object.entries(e.match).map(([k, v]) => [k, v instanceof RegExp ? v.source : v] as [string, unknown]),
      ),
    }));
  }

  clear(): void {
    if (!this.entries.length) return;
    this.entries = [];
    this.changed();
  }

  /** Called after every change (queued, taken, cleared); returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
