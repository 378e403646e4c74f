import type { ServerStatus } from "../../core";

/** What the status bar item shows; the adapter copies it onto a vscode.StatusBarItem. */
export interface StatusBarView {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Only failures get the theme's error background. */
  errorBackground: boolean;
  /** A rejected configuration save: the theme's warning background (the server keeps running). */
  warningBackground: boolean;
  command: string;
}

export type StatusBarState = Pick<
  ServerStatus,
  "state" | "url" | "startedAt" | "requestCount" | "scenario" | "mtls"
> & {
  /** The listening port; the status text shows it while running. */
  port?: number | null;
  lastError: { message: string } | null;
};

export const SWITCH_SCENARIO_COMMAND = "mockGpt.switchScenario";

export interface StatusBarExtras {
  /**
   * An expected first-run step in progress while the server is not running (e.g. "needs
   * certificates" while that question is open). It is shown as such, never as a failure.
   */
  setup?: string | null;
  /** Why the last configuration save was not applied; cleared once a save is. */
  configProblem?: string | null;
}

export function renderStatusBar(s: StatusBarState, extras: StatusBarExtras = {}): StatusBarView {
  const { setup, configProblem } = extras;
  const view = (text: string, lines: string[], errorBackground = false): StatusBarView => ({
    text: configProblem ? text.replace(/^\$\([^)]*\)/, "$(warning)") : text,
    tooltip: [
      `**Mock GPT**: ${s.state}`,
      "",
      ...(configProblem ? [`**Configuration not applied:** ${configProblem}`, ""] : []),
      ...lines.map((l) => `${l}  `),
      "",
      "Click to switch scenario or start/stop the server.",
    ].join("\n"),
    errorBackground,
    warningBackground: !errorBackground && Boolean(configProblem),
    command: SWITCH_SCENARIO_COMMAND,
  });
  const scenarioLine = `Scenario: ${s.scenario}`;
  if (setup && s.state !== "running" && s.state !== "starting")
    return view(`$(key) Mock GPT: ${setup}`, [`Setting up: ${setup}`, scenarioLine]);
  switch (s.state) {
    case "running":
      return view(`$(radio-tower) Mock GPT${portOf(s)} · ${s.scenario}`, [
        `URL: \`${s.url ?? "?"}\``,
        // A start time, not an uptime: a tooltip is not re-rendered while it is open, so it never goes stale.
        `Running since: ${s.startedAt === null ? "?" : formatClock(s.startedAt)}`,
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

/** " :8443", from the port or the URL; "" when neither is known. */
function portOf(s: StatusBarState): string {
  const port = s.port ?? (s.url ? /:(\d+)$/.exec(s.url)?.[1] : undefined);
  return port === undefined || port === null ? "" : ` :${port}`;
}

/** Local wall-clock time, "14:03:09". */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}
