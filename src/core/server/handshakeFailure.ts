import type { TLSSocket } from "node:tls";

export type HandshakeFailure =
  | { kind: "refused"; code: string; message: string }
  /** The client went away mid-handshake: no alert, no certificate check failed. Not a refusal. */
  | { kind: "abandoned"; code: string };

/**
 * Why a handshake failed, from Node's tlsClientError. Node checks the client certificate after
 * OpenSSL's handshake and destroys a socket whose certificate failed, which surfaces as a plain
 * ECONNRESET: the socket's authorizationError tells that refusal apart from a client hanging up
 * (undici does that with an aborted request's spare pool connection; port probes do it too).
 */
export function handshakeFailure(err: NodeJS.ErrnoException, socket: TLSSocket): HandshakeFailure {
  // A string code at runtime ("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), though typed as an Error.
  const verifyError = socket.authorizationError as unknown as string | Error | null | undefined;
  const certCode = typeof verifyError === "string" ? verifyError : (verifyError as { code?: string })?.code;
  if (certCode) return { kind: "refused", code: certCode, message: describeCertificate(certCode) };
  // OpenSSL failures (alerts, not TLS at all) carry `library`/`reason`; a bare socket error does not.
  const fromOpenSsl = "reason" in err || "library" in err;
  const code = err.code ?? "TLS_ERROR";
  if (!fromOpenSsl && (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED"))
    return { kind: "abandoned", code };
  return { kind: "refused", code, message: describe(err) };
}

const FOREIGN_CA = /CERTIFICATE_VERIFY_FAILED|UNKNOWN_CA|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF|SELF_SIGNED/i;

function describeCertificate(code: string): string {
  if (FOREIGN_CA.test(code)) return "Client certificate is not signed by this server's CA.";
  if (code === "CERT_HAS_EXPIRED") return "Client certificate has expired.";
  if (code === "CERT_NOT_YET_VALID") return "Client certificate is not valid yet.";
  return `Client certificate refused (${code}).`;
}

/** Plain words for the handshake failures users actually hit. */
function describe(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "";
  if (code === "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE")
    return "Client sent no certificate (mutual TLS is required).";
  if (FOREIGN_CA.test(code + err.message)) return "Client certificate is not signed by this server's CA.";
  if (code === "ERR_SSL_HTTP_REQUEST") return "Client spoke plain HTTP to the HTTPS port (use https://).";
  // OpenSSL's message is a dump ("8050…:error:0A00009C:SSL routines:…"); its reason reads better.
  const reason = (err as { reason?: unknown }).reason;
  return `TLS handshake failed: ${typeof reason === "string" ? reason : err.message}`;
}
