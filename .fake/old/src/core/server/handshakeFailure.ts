import type { TLSSocket } from "node:tls";

export type HandshakeFailure =
  | { kind: "refused"; code: string; message: string }
  /** The client went away mid-handshake or let it time out: no alert, no failed check. Not a refusal. */
  | { kind: "abandoned"; code: string };

/** Socket errors of a client that left, or stalled, without a word: no verdict on either side's certificate. */
const ABANDONED = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_TLS_HANDSHAKE_TIMEOUT", "ETIMEDOUT"]);

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
  // A handshake that timed out was never finished by the client (an idle socket, a stalled
  // ClientHello): Node raises ERR_TLS_HANDSHAKE_TIMEOUT, a socket timeout reads ETIMEDOUT.
  if (!fromOpenSsl && ABANDONED.has(code)) return { kind: "abandoned", code };
  return { kind: "refused", code, message: describe(err) };
}

// The server's own check of the client certificate (X509 verify codes, or OpenSSL's summary of them).
const FOREIGN_CA = /CERTIFICATE_VERIFY_FAILED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF|SELF_SIGNED/i;
// An alert the server received: the client refused the server's certificate (OpenSSL names received
// alerts ERR_SSL_TLSV1_ALERT_UNKNOWN_CA, "tlsv1 alert unknown ca", "SSL alert number 48"). curl or
// openssl without the CA send one; Node clients just close the connection.
const CLIENT_DISTRUSTS_SERVER =
  /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE)|alert number (48|42|46|43)\b/i;
const CLIENT_SAYS_EXPIRED = /ALERT_CERTIFICATE_EXPIRED|alert number 45\b/i;

function describeCertificate(code: string): string {
  if (FOREIGN_CA.test(code)) return "Client certificate is not signed by this server's CA.";
  if (code === "CERT_HAS_EXPIRED") return "Client certificate has expired.";
  if (code === "CERT_NOT_YET_VALID") return "Client certificate is not valid yet.";
  return `Client certificate refused (${code}).`;
}

/** Plain words for the handshake failures users actually hit. */
function describe(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "";
  const text = `${code} ${err.message}`;
  if (code === "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE")
    return "Client sent no certificate (mutual TLS is required).";
  // Alerts first: they are the client's verdict on the server's certificate, not ours on the client's.
  if (CLIENT_DISTRUSTS_SERVER.test(text))
    return "The client does not trust this server's certificate (give the client the CA: tls.ca_cert_path, e.g. curl --cacert certs/ca.crt).";
  if (CLIENT_SAYS_EXPIRED.test(text))
    return "The client says this server's certificate has expired (regenerate the certificates: mock-gpt-server certs --force).";
  if (FOREIGN_CA.test(text)) return "Client certificate is not signed by this server's CA.";
  if (code === "ERR_SSL_HTTP_REQUEST") return "Client spoke plain HTTP to the HTTPS port (use https://).";
  // OpenSSL's message is a dump ("8050…:error:0A00009C:SSL routines:…"); its reason reads better.
  const reason = (err as { reason?: unknown }).reason;
  return `TLS handshake failed: ${typeof reason === "string" ? reason : err.message}`;
}
