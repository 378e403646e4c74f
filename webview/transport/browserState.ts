// getState/setState for pages outside VS Code: sessionStorage when available, memory otherwise.
const memory = new Map<string, string>();

export function browserState(key: string): { get<S>(): S | undefined; set<S>(state: S): void } {
  const storage = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null; // file:// or sandboxed frames may refuse storage
    }
  })();
  return {
    get<S>() {
      const raw = storage?.getItem(key) ?? memory.get(key);
      try {
        return raw ? (JSON.parse(raw) as S) : undefined;
      } catch {
        return undefined;
      }
    },
    set(state) {
      const raw = JSON.stringify(state);
      memory.set(key, raw);
      try {
        storage?.setItem(key, raw);
      } catch {
        /* quota or privacy mode: memory copy is enough */
      }
    },
  };
}
