import type { ConfigIssue, StartErrorCode } from "../../core";

/** Fixes the UI can offer; the adapter turns each into an action. */
export type FixId =
  "generateCertificates" | "useAnotherPort" | "openSettings" | "openFolder" | "openFile" | "showOutput";

export const FIX_TITLES: Readonly<Record<FixId, string>> = {
  generateCertificates: "Generate Certificates",
  useAnotherPort: "Use Another Port",
  openSettings: "Open Settings",
  openFolder: "Open Folder",
  openFile: "Open File",
  showOutput: "Show Output",
};

export interface FixPlan {
  severity: "error" | "warning";
  message: string;
  fixes: FixId[];
  /** Generating would replace existing files: ask first. */
  confirmOverwrite: boolean;
}

export interface StartErrorLike {
  code: StartErrorCode;
  message: string;
  detail: { port?: number; host?: string; path?: string };
}

/** certDirLabel: how to name the certificates folder to the user, e.g. "certs/". */
export function planForStartError(err: StartErrorLike, certDirLabel: string): FixPlan {
  const port = err.detail.port;
  const plan = (
    message: string,
    fixes: FixId[],
    confirmOverwrite = false,
    severity: FixPlan["severity"] = "error",
  ): FixPlan => ({ severity, message, fixes, confirmOverwrite });
  switch (err.code) {
    case "cert_missing":
      return plan(
        `No mTLS certificates in ${certDirLabel}. Generate them now?`,
        ["generateCertificates"],
        false,
        "warning",
      );
    case "cert_unreadable":
    case "cert_invalid":
      return plan(
        `Mock GPT could not use its certificates: ${err.message}`,
        ["generateCertificates", "openFolder"],
        true,
      );
    case "port_in_use":
      return plan(`Port ${port ?? "?"} is already in use. Mock GPT could not start.`, [
        "useAnotherPort",
        "openSettings",
      ]);
    case "permission_denied":
      return plan(`Not allowed to listen on port ${port ?? "?"} (ports below 1024 need privileges).`, [
        "useAnotherPort",
        "openSettings",
      ]);
    case "address_unavailable":
      return plan(
        `Cannot listen on ${err.detail.host ?? "the configured host"}: the address is not available on this machine.`,
        ["openSettings"],
      );
    default:
      return plan(`Mock GPT could not start: ${err.message}`, ["showOutput"]);
  }
}

const NON_FILE = new Set(["env", "setting", "cli", "built-in"]);

/** True when the issue points at a file the user can open. */
export function isFileIssue(issue: ConfigIssue): boolean {
  return !NON_FILE.has(issue.file);
}

/** The first error decides the action: open its file, or the settings when a mockGpt.* setting is wrong. */
export function planForConfigErrors(errors: readonly ConfigIssue[], describe: (i: ConfigIssue) => string): FixPlan {
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more, see Problems)` : "";
  const fixes: FixId[] = [];
  if (errors.some(isFileIssue)) fixes.push("openFile");
  if (errors.some((i) => i.file === "setting")) fixes.push("openSettings");
  if (fixes.length === 0) fixes.push("showOutput");
  return {
    severity: "error",
    message: first
      ? `Mock GPT configuration is invalid: ${describe(first)}${more}`
      : "Mock GPT configuration is invalid.",
    fixes,
    confirmOverwrite: false,
  };
}

/** InputBox validation for "Use Another Port": undefined when valid. */
export function validatePortInput(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return "Enter a whole number between 1 and 65535 (0 lets the system pick a free port).";
  const n = Number(t);
  return n <= 65535 ? undefined : "Ports go up to 65535.";
}
