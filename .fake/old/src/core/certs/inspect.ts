import { X509Certificate } from "node:crypto";
import type { CertificateInfo } from "../../shared/health";
import { CertificateError } from "./errors";

export type { CertificateInfo };


/** Parses the first certificate in pem. Throws CertificateError "cert_invalid" if it isn't one. */
export function inspectCertificate(pem: string, now: Date = new Date()): CertificateInfo {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (err) {
    throw new CertificateError("cert_invalid", `Not a PEM certificate: ${(err as Error).message}`, undefined);
  }
  const notAfter = new Date(cert.validTo);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    serialNumber: cert.serialNumber,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    fingerprint256: cert.fingerprint256,
    subjectAltNames: cert.subjectAltName ? cert.subjectAltName.split(", ") : [],
  };
}

// node:crypto separates RDNs with newlines; one line reads better in a status panel.
function oneLine(name: string): string {
  return name.split("\n").join(", ");
}
