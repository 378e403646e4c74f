/** Codes match the server's StartErrorCode, so a start failure maps straight to a fix in the UI. */
export type CertificateErrorCode = "cert_missing" | "cert_unreadable" | "cert_invalid";

/** The command users run to (re)create the workspace certificates. */
export const REGENERATE_HINT = "run `mock-gpt-server certs` or 'Mock GPT: Generate Workspace Certificates'";

/** A certificate or key file that is missing, unreadable, or does not fit the rest of the set. */
export class CertificateError extends Error {
  constructor(
    readonly code: CertificateErrorCode,
    message: string,
    /** The offending file (or directory, for a partial set); undefined when the input was a PEM string. */
    readonly path: string | undefined,
  ) {
    super(message);
    this.name = "CertificateError";
  }
}

/** generateCertificates() refused to overwrite existing files (pass force to replace them). */
export class CertificatesExistError extends Error {
  readonly code = "cert_exists";

  constructor(readonly existing: string[]) {
    super(`Certificate files already exist: ${existing.join(", ")}. Pass --force (force: true) to replace them.`);
    this.name = "CertificatesExistError";
  }
}
