import * as vscode from "vscode";
import type { MockServer } from "../../core";
import { scenarioPicks, type ScenarioPick } from "../model/scenarioPicks";
import type { ServerController } from "../services/serverController";

type Item = vscode.QuickPickItem & { pick: ScenarioPick };

/** The status bar's QuickPick: switch scenario live, or start/stop the server. */
export async function pickScenario(server: MockServer, controller: ServerController): Promise<void> {
  // A stopped server may still hold the built-in config: load the workspace's to list its scenarios.
  if (server.status().state !== "running") await controller.prepare(false);
  const items: Item[] = scenarioPicks(server.scenarios, server.scenario, server.status().state).map((pick) =>
    pick.kind === "separator"
      ? { pick, label: pick.label, kind: vscode.QuickPickItemKind.Separator }
      : {
          pick,
          label: pick.label,
          description: pick.description,
          ...(pick.kind === "scenario" && pick.detail ? { detail: pick.detail } : {}),
        },
  );
  const chosen = await vscode.window.showQuickPick(items, {
    title: "Mock GPT: Switch Scenario",
    placeHolder: `Current scenario: ${server.scenario}`,
    matchOnDescription: true,
  });
  if (!chosen) return;
  if (chosen.pick.kind === "scenario") controller.setScenario(chosen.pick.name);
  else if (chosen.pick.kind === "action") await vscode.commands.executeCommand(chosen.pick.command);
}
