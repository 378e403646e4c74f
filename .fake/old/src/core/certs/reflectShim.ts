// tsyringe (under @peculiar/x509) only needs Reflect.getMetadata/getOwnMetadata/defineMetadata; the extension host's
// Reflect is shared by every extension, so we only ADD those when absent and never replace or patch anything else.

type MetadataKey = unknown;
type Store = Map<string | symbol | undefined, Map<MetadataKey, unknown>>;

const stores = new WeakMap<object, Store>();

function ownMap(target: object, property: string | symbol | undefined, create: boolean): Map<MetadataKey, unknown> | undefined {
  let store = stores.get(target);
  if (!store) {
    if (!create) return undefined;
    store = new Map();
    stores.set(target, store);
  }
  let map = store.get(property);
  if (!map && create) {
    map = new Map();
    store.set(property, map);
  }
  return map;
}

const shim = {
  defineMetadata(key: MetadataKey, value: unknown, target: object, property?: string | symbol): void {
    ownMap(target, property, true)!.set(key, value);
  },
  getOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown {
    return ownMap(target, property, false)?.get(key);
  },
  getMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown {
    // Walks the prototype chain, as reflect-metadata does.
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const map = ownMap(t, property, false);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  },
};

/** Adds the missing metadata functions to target (the global Reflect). Idempotent; returns the names it added. */
export function installReflectMetadataShim(target: object = Reflect): string[] {
  const reflect = target as Record<string, unknown>;
  const added: string[] = [];
  for (const [name, fn] of Object.entries(shim)) {
    if (typeof reflect[name] === "function") continue;
    // Writable and configurable, so a later real reflect-metadata can still take over.
    Object.defineProperty(reflect, name, { value: fn, writable: true, configurable: true, enumerable: false });
    added.push(name);
  }
  return added;
}
