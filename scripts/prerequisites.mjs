// What each test suite needs beyond `npm ci`; returns a reason string when it is missing.
import { chromiumPath, codeServerPath } from "./paths.mjs";

export const prerequisites = {
  browser: () => (chromiumPath() ? null : "Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)"),
  e2e: () => {
    if (!chromiumPath()) return "Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)";
    if (!codeServerPath())
      return "code-server not found (bash scripts/setup-test-deps.sh installs it into the cache, or set CODE_SERVER_PATH)";
    return null;
  },
};
