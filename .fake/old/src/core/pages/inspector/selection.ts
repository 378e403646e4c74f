// The entry chosen in the sidebar inspector, shared with the editor tab that follows it. Plain
// state and listeners: both hosts' controllers live in one extension host.

export interface InspectorSelection {
  /** The last entry chosen, or null before any. */
  readonly id: string | null;
  set(id: string): void;
  /** Called on every change; returns the unsubscribe. */
  onChange(listener: (id: string) => void): () => void;
}

export function createInspectorSelection(): InspectorSelection {
  let id: string | null = null;
  const listeners = new Set<(id: string) => void>();
  return {
    get id() {
      return id;
    },
    set(next) {
      if (next === id) return;
      id = next;
      for (const l of [...listeners]) l(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
