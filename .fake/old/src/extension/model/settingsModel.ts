import { certificateFiles, type ConfigOverride } from "../../core";

/** The mockGpt.* settings, as read from the workspace configuration. */
export interface MockGptSettings {
  autoStart: boolean;
  /** Relative to the workspace folder. @default "config" */
  configDirectory: string;
  /** Relative to the workspace folder. @default "certs" */
  certificatesDirectory: string;
  /** null = take server.port from TOML. */
  port: number | null;
  host: string | null;
}

export const DEFAULT_SETTINGS: Readonly<MockGptSettings> = {
  autoStart: false,
  configDirectory: "config",
  certificatesDirectory: "certs",
  port: null,
  host: null,
};

/**
 * The "setting" override layers above TOML and env. TLS paths follow certificatesDirectory only
 * when certDir (absolute) is given (the setting was changed, or the workspace is untrusted), so TOML's
 * [tls] paths stay in charge otherwise.
 */
export function settingOverrides(
  s: Pick<MockGptSettings, "port" | "host">,
  certDir?: { dir: string; origin: string },
): ConfigOverride[] {
  const out: ConfigOverride[] = [];
  if (s.port !== null && s.port !== undefined)
    out.push({ kind: "setting", origin: "mockGpt.port", values: { server: { port: s.port } } });
  if (s.host !== null && s.host !== undefined && s.host !== "")
    out.push({ kind: "setting", origin: "mockGpt.host", values: { server: { host: s.host } } });
  if (certDir) {
    const f = certificateFiles(certDir.dir);
    out.push({
      kind: "setting",
      origin: certDir.origin,
      values: { tls: { cert_path: f.serverCert, key_path: f.serverKey, ca_cert_path: f.caCert } },
    });
  }
  return out;
}
