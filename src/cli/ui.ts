import type { RouteExtension } from "../core";

/** Placeholder until the /ui routes land: the CLI serves no pages. */
export function uiRoutesForDist(_assetsDir: string): RouteExtension[] {
  return [];
}
