import * as vscode from "vscode";
import type { MockServer } from "../../core";
import { FAULT_PICKS, queuedMessage, validateCount } from "../model/faultPicks";

/** "Mock GPT: Inject Fault…": pick a catalogue fault and how many requests get it; queued on the server. */
export async function pickFault(server: MockServer): Promise<void> {
  const chosen = await vscode.window.showQuickPick(
    FAULT_PICKS.map((p) => ({ label: p.label, description: p.description, spec: p.spec })),
    {
      title: "Mock GPT: Inject Fault",
      placeHolder: "Fault for the next chat request(s); also: x-mock-fault header, [[rules]], /__mock/",
      matchOnDescription: true,
    },
  );
  if (!chosen) return;
  const countText = await vscode.window.showInputBox({
    title: `Mock GPT: ${chosen.label}`,
    prompt: "How many of the next requests get it?",
    value: "1",
    validateInput: validateCount,
  });
  if (countText === undefined) return;
  const count = Number(countText.trim());
  server.faults.queue(chosen.spec, { count });
  void vscode.window.showInformationMessage(queuedMessage(chosen.label, count, server.faults.size));
}
