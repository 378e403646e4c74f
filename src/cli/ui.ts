import { existsSync } from "node:fs";
import { join } from "node:path";
import type { MockServer, RouteExtension } from "../core";
import { createHealthController } from "../core/health";
import { uiRoutes } from "../core/server/ui";
import { createDashboardController } from "../core/stats";
import { VERSION } from "../core/server/routes/health";

/**
 * The /ui pages (inspector, dashboard, health) when their bundles were built next to the CLI.
 * The server is passed lazily: the routes are created before it, the controllers only on page open.
 */
export function uiRoutesForCli(
  assetsDir: string,
  server: () => MockServer,
  clientTls: () => { caPath: string; certPath: string; keyPath: string } | null,
): RouteExtension[] {
  if (!existsSync(join(assetsDir, "inspector.js"))) return [];
  return [
    uiRoutes({
      assetsDir,
      dashboard: (post) => createDashboardController(server(), post),
      health: (post) => createHealthController(server(), post),
      clientTls,
      version: VERSION,
    }),
  ];
}
