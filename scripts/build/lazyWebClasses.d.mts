import type { Plugin } from "esbuild";

/** Edits per module, keyed by the end of its path under node_modules. */
export declare const EDITS: Record<string, ((code: string) => string)[]>;
/** The edited source of the module at path, or null when it has no edits; throws when the edits no longer match. */
export declare function editSource(path: string, code: string): string | null;
/** The esbuild plugin. */
export declare const lazyWebClasses: Plugin;
