import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { CertificateError, REGENERATE_HINT } from "./errors";

/** The config's [tls] paths (absolute after config loading). */
export interface TlsPaths {
  cert_path: string;
  key_path: string;
  ca_cert_path: string;
}

/** PEM strings ready for https.createServer({ cert, key, ca }). */
export interface TlsMaterial {
  cert: string;
  key: string;
  ca: string;
}

/**
 * Reads and cross-checks the server's TLS files: each parses, the key matches the certificate,
 * and the certificate was signed by the CA. Sync and cheap (no chain building), as it runs on every start.
 */
export function loadTlsMaterial(paths: TlsPaths): TlsMaterial {
  const cert = readPem(paths.cert_path, "server certificate");
  const key = readPem(paths.key_path, "server private key");
  const ca = readPem(paths.ca_cert_path, "CA certificate");

  const serverCert = parse(paths.cert_path, "server certificate", () => new X509Certificate(cert));
  const privateKey = parse(paths.key_path, "server private key", () => createPrivateKey(key));
  const caCert = parse(paths.ca_cert_path, "CA certificate", () => new X509Certificate(ca));

  if (!serverCert.checkPrivateKey(privateKey)) {
    throw invalid(paths.key_path, `The private key ${paths.key_path} does not belong to the certificate ${paths.cert_path}`);
  }
  if (!serverCert.verify(caCert.publicKey)) {
    throw invalid(
      paths.cert_path,
      `The server certificate ${paths.cert_path} was not signed by the CA in ${paths.ca_cert_path} ` +
        `(issuer "${serverCert.issuer.split("\n").join(", ")}", CA "${caCert.subject.split("\n").join(", ")}"). ` +
        "Use files from one generated set",
    );
  }
  return { cert, key, ca };
}

function readPem(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new CertificateError("cert_missing", `The ${what} ${path} does not exist: ${REGENERATE_HINT}.`, path);
    }
    throw new CertificateError(
      "cert_unreadable",
      `Cannot read the ${what} ${path} (${code ?? (err as Error).message}): check its permissions, or ${REGENERATE_HINT}.`,
      path,
    );
  }
  if (!text.includes("-----BEGIN ")) throw invalid(path, `The ${what} ${path} is not a PEM file`);
  return text;
}

function parse<T extends X509Certificate | KeyObject>(path: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw invalid(path, `The ${what} ${path} could not be parsed (${(err as Error).message})`);
  }
}

function invalid(path: string, reason: string): CertificateError {
  return new CertificateError("cert_invalid", `${reason}: ${REGENERATE_HINT} (with --force to replace ${basename(path)}).`, path);
}
