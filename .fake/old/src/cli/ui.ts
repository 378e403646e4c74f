import { existsSync } from "node:fs";
import { join } from "node:path";
import type { MockServer, RouteExtension } from "../core";
import { createDashboardController } from "../core/pages/dashboard/controller";
import { createHealthController } from "../core/pages/health/controller";
import { uiRoutes } from "../core/server/ui/routes";
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
      dashboard: (post) => createDashboardController(post, { server: server() }),
      health: (post) => createHealthController(post, { server: server() }),
      clientTls,
      version: VERSION,
    }),
  ];
}
