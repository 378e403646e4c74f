import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { ClientIdentity } from "../../shared/requestLog";
import type { CallerMemo } from "../rateLimits/client";

/** Who is on the other end of a connection: the verified client certificate and the address. */
export interface Peer {
  client: ClientIdentity | null;
  remoteAddress: string;
  /** The rate-limit caller of the connection's last request (rateLimits/client.ts: connectionCaller). */
  lastCaller?: CallerMemo;
}

const NO_PEER: Peer = { client: null, remoteAddress: "" };

/**
 * One identity object per certificate, shared by its connections and their log entries: clients use
 * a few certificates over many connections, and each identity is an object and three strings (~250
 * bytes) that every open stream and every entry in the log would otherwise hold a copy of.
 */
const identities = new Map<string, ClientIdentity>();
const MAX_IDENTITIES = 256;
const peerCache = new WeakMap<object, Peer>();

/** The peer of a request's connection, read once per socket (both facts cost a native call). */
export function peerOf(req: IncomingMessage | undefined): Peer {
  const socket = req?.socket as TLSSocket | undefined;
  if (!socket) return NO_PEER; // shared: never given a lastCaller (see Exchange.caller)
  let peer = peerCache.get(socket);
  if (peer) return peer;
  let client: ClientIdentity | null = null;
  if (typeof socket.getPeerCertificate === "function" && socket.authorized) {
    const cert = socket.getPeerCertificate();
    const cn = cert?.subject?.CN;
    if (cert?.fingerprint256) {
      client = identities.get(cert.fingerprint256) ?? null;
      if (!client) {
        // Frozen: mock.requests() hands it to user code, and one entry's edit must not reach all.
        client = Object.freeze({
          commonName: Array.isArray(cn) ? cn.join(", ") : (cn ?? ""),
          fingerprint256: cert.fingerprint256,
          serialNumber: cert.serialNumber,
        });
        if (identities.size >= MAX_IDENTITIES) identities.clear();
        identities.set(cert.fingerprint256, client);
      }
    }
  }
  peer = { client, remoteAddress: socket.remoteAddress ?? "" };
  peerCache.set(socket, peer);
  return peer;
}
