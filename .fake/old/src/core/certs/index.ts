export { CertificateError, CertificatesExistError } from "./errors";
export { CERTIFICATE_FILE_NAMES, certificateFiles, type CertificateFiles } from "./files";
export {
  ensureCertificates,
  generateCertificates,
  type GeneratedCertificates,
} from "./generate";
export { inspectCertificate } from "./inspect";
export { loadTlsMaterial } from "./load";
