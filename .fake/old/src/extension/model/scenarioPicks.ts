import { basename } from "node:path";
import type { ScenarioDefinition, ServerState } from "../../core";

export const CHECK = "$(check) ";

/** A QuickPick row, vscode-free; the adapter maps "separator" to QuickPickItemKind.Separator. */
export type ScenarioPick =
  | { kind: "scenario"; name: string; label: string; description: string; detail?: string }
  | { kind: "separator"; label: string }
  | { kind: "action"; command: "mockGpt.startServer" | "mockGpt.stopServer"; label: string; description?: string };

/**
 * Scenario rows (label = the name, "$(check) " before the current one), then a separator and
 * Start or Stop depending on state. User scenarios say which file defined them.
 */
export function scenarioPicks(
  scenarios: readonly ScenarioDefinition[],
  current: string,
  state: ServerState,
): ScenarioPick[] {
  const rows: ScenarioPick[] = scenarios.map((s) => {
    const row: ScenarioPick = {
      kind: "scenario",
      name: s.name,
      label: (s.name === current ? CHECK : "") + s.name,
      description: s.description,
    };
    if (s.origin !== "built-in") row.detail = `from ${basename(s.origin)}`;
    return row;
  });
  const live = state === "running" || state === "starting";
  rows.push({ kind: "separator", label: "Server" });
  rows.push(
    live
      ? {
          kind: "action",
          command: "mockGpt.stopServer",
          label: "$(debug-stop) Stop Server",
          description: "closes every connection",
        }
      : { kind: "action", command: "mockGpt.startServer", label: "$(play) Start Server" },
  );
  return rows;
}
