// Types for paths.mjs, so TypeScript tests can share the one definition of where prerequisites live.
export declare const CODE_SERVER_VERSION: string;
/** `${XDG_CACHE_HOME:-~/.cache}/mock-gpt-e2e`, outside the repo. */
export declare function cacheDir(): string;
/** CHROMIUM_PATH, /usr/bin/chromium or /usr/bin/chromium-browser, whichever exists first; null if none. */
export declare function chromiumPath(): string | null;
/** code-server's out/node/entry.js (or CODE_SERVER_PATH) if it exists; null otherwise. */
export declare function codeServerPath(): string | null;
