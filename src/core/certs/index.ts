export { CertificateError, CertificatesExistError, REGENERATE_HINT, type CertificateErrorCode } from "./errors";
export { CERTIFICATE_FILE_NAMES, certificateFiles, type CertificateFiles } from "./files";
export {
  ensureCertificates,
  generateCertificates,
  type GenerateCertificatesOptions,
  type GeneratedCertificates,
} from "./generate";
export { inspectCertificate, type CertificateInfo } from "./inspect";
export { loadTlsMaterial, type TlsMaterial, type TlsPaths } from "./load";
