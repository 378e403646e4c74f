/**
 * Stored responses (`store: true`, the API's default), for retrieve, delete, input_items and
 * `previous_response_id`. Bounded by count and by size: the oldest go first, and an evicted id
 * answers 404 like one that never existed.
 */
import type { OutputPieces } from "./build";
import type { InputItemResource, ResponseObject } from "./types";

export interface StoredResponse {
  response: ResponseObject;
  /** What the model saw: the previous response's context, then this request's input (not instructions). */
  inputItems: InputItemResource[];
  /** Stream fragments of each output item, to replay the stream (GET ?stream=true). */
  pieces: OutputPieces;
}

export interface ResponseStoreLimits {
  maxResponses: number;
  /** Approximate characters of JSON held in total. */
  maxChars: number;
}

export const DEFAULT_STORE_LIMITS: ResponseStoreLimits = { maxResponses: 1000, maxChars: 64 * 1024 * 1024 };

export class ResponseStore {
  private readonly entries = new Map<string, { stored: StoredResponse; chars: number }>();
  /** Output and input item ids → item, for `item_reference` inputs. */
  private readonly items = new Map<string, { item: InputItemResource; refs: number }>();
  private chars = 0;

  constructor(private readonly limits: ResponseStoreLimits = DEFAULT_STORE_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  get totalChars(): number {
    return this.chars;
  }

  put(stored: StoredResponse): void {
    this.remove(stored.response.id);
    const chars = JSON.stringify(stored.response).length + JSON.stringify(stored.inputItems).length;
    this.entries.set(stored.response.id, { stored, chars });
    this.chars += chars;
    for (const it of itemsOf(stored)) {
      const held = this.items.get(it.id);
      if (held) held.refs++;
      else this.items.set(it.id, { item: it, refs: 1 });
    }
    // Never evict the one just stored: a single huge response still answers until the next one.
    while (this.entries.size > 1 && (this.entries.size > this.limits.maxResponses || this.chars > this.limits.maxChars))
      this.remove(this.entries.keys().next().value!);
  }

  get(id: string): StoredResponse | undefined {
    return this.entries.get(id)?.stored;
  }

  item(id: string): InputItemResource | undefined {
    return this.items.get(id)?.item;
  }

  /** True when it existed. */
  remove(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    this.entries.delete(id);
    this.chars -= e.chars;
    // Items carried over into later responses' context stay reachable while one of them is stored.
    for (const it of itemsOf(e.stored)) {
      const held = this.items.get(it.id);
      if (held && --held.refs <= 0) this.items.delete(it.id);
    }
    return true;
  }
}

const itemsOf = (s: StoredResponse): InputItemResource[] => [...s.inputItems, ...s.response.output];
