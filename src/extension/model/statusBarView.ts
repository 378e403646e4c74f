import type { ServerStatus } from "../../core";

/** What the status bar item shows; the adapter copies it onto a vscode.StatusBarItem. */
export interface StatusBarView {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Only failures get the theme's error background. */
  errorBackground: boolean;
  command: string;
}

export type StatusBarState = Pick<
  ServerStatus,
  "state" | "url" | "startedAt" | "requestCount" | "scenario" | "mtls"
> & {
  lastError: { message: string } | null;
};

export const SWITCH_SCENARIO_COMMAND = "mockGpt.switchScenario";

export function renderStatusBar(s: StatusBarState, now: number = Date.now()): StatusBarView {
  const view = (text: string, lines: string[], errorBackground = false): StatusBarView => ({
    text,
    tooltip: [
      `**Mock GPT**: ${s.state}`,
      "",
      ...lines.map((l) => `${l}  `),
      "",
      "Click to switch scenario or start/stop the server.",
    ].join("\n"),
    errorBackground,
    command: SWITCH_SCENARIO_COMMAND,
  });
  const scenarioLine = `Scenario: ${s.scenario}`;
  switch (s.state) {
    case "running":
      return view(`$(radio-tower) Mock GPT: ${s.scenario}`, [
        `URL: \`${s.url ?? "?"}\``,
        `Uptime: ${s.startedAt === null ? "?" : formatUptime(now - s.startedAt)}`,
        `Requests: ${s.requestCount}`,
        scenarioLine,
        `mTLS: ${s.mtls ? "client certificate required" : "off"}`,
      ]);
    case "starting":
      return view("$(loading~spin) Mock GPT: starting", [scenarioLine]);
    case "stopping":
      return view("$(loading~spin) Mock GPT: stopping", [scenarioLine]);
    case "failed":
      return view(
        "$(error) Mock GPT: failed",
        [`Last error: ${s.lastError?.message ?? "unknown"}`, scenarioLine],
        true,
      );
    default:
      return view("$(circle-slash) Mock GPT: off", [scenarioLine]);
  }
}

/** "45s", "3m 12s", "2h 05m", "3d 4h". */
export function formatUptime(ms: number): string {
  const sec = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [Math.floor(sec / 86400), Math.floor(sec / 3600) % 24, Math.floor(sec / 60) % 60, sec % 60];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, "0")}s`;
  return `${s}s`;
}
