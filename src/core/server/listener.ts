import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { H3 } from "h3";
import { ServerStartError } from "./types";
import { onCheckExpectation, onClientError, onConnect, refuseWithoutHost, type ProtocolError } from "./protocolErrors";
import { handshakeFailure } from "./handshakeFailure";
import { nodeListener } from "./nodeHandler";

export interface ListenerOptions {
  host: string;
  /** 0 picks a free port; the real one is returned. */
  port: number;
  key: string;
  cert: string;
  ca: string;
  /** Refuse clients without a certificate signed by `ca`, in the handshake. @default true */
  requireClientCert: boolean;
  /** Further connections are dropped at accept time. */
  maxConnections: number;
  /** A request not fully received (headers and body) after this long gets 408. @default 30000 */
  requestTimeoutMs?: number;
  /** A handshake not finished after this long is dropped (Node's default is 120 s). @default 10000 */
  handshakeTimeoutMs?: number;
  /** A handshake was refused (no certificate, foreign CA, bad TLS). */
  onTlsReject?: (info: { code: string; message: string; remoteAddress: string }) => void;
  /** The client closed the connection mid-handshake, or never finished it in time: not a refusal. */
  onHandshakeAbort?: (info: { code: string; remoteAddress: string }) => void;
  /** A connection was dropped because max_connections was reached. */
  onDrop?: (remoteAddress: string) => void;
  onConnectionsChanged?: (count: number) => void;
  /** Node's parser refused a request (unknown method, bad header, Expect) before any route ran. */
  onProtocolError?: (e: ProtocolError) => void;
  /**
   * Whether the request's route refuses it by its content-length, unread: a client that sent
   * `Expect: 100-continue` then gets the refusal without a 100 Continue. @default never
   */
  refusedUnread?: (req: IncomingMessage) => boolean;
}

export interface Listener {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  /** Closes every connection, in-flight streams included, then the listener. */
  close(): Promise<void>;
}

function startError(err: NodeJS.ErrnoException, host: string, port: number): ServerStartError {
  switch (err.code) {
    case "EADDRINUSE":
      return new ServerStartError(
        "port_in_use",
        `Port ${port} on ${host} is already in use. Stop the other process or choose another port (server.port).`,
        { port, host },
      );
    case "EACCES":
      return new ServerStartError(
        "permission_denied",
        `Not allowed to listen on ${host}:${port}. Ports below 1024 need privileges; choose a port above 1024.`,
        { port, host },
      );
    case "EADDRNOTAVAIL":
      return new ServerStartError(
        "address_unavailable",
        `The address ${host} is not available on this machine (server.host).`,
        { port, host },
      );
    default:
      return new ServerStartError("unknown", `Could not listen on ${host}:${port}: ${err.message}`, { port, host });
  }
}

/** Connections still in their handshake, beyond max_connections, before new ones are refused at accept. */
const PENDING_HANDSHAKES = 1024;

/**
 * An HTTPS listener that enforces mutual TLS in the handshake (not in a handler) and listens on
 * exactly the configured port: a busy port is an error, never a silent move elsewhere.
 */
export function listen(app: H3, o: ListenerOptions): Promise<Listener> {
  const report = (e: ProtocolError) => o.onProtocolError?.(e);
  const handle = nodeListener(app);
  const requestTimeout = o.requestTimeoutMs ?? 30_000;
  const server = https.createServer(
    {
      key: o.key,
      cert: o.cert,
      ca: o.ca,
      requestCert: true,
      rejectUnauthorized: o.requireClientCert,
      minVersion: "TLSv1.2",
      // A connection that never finishes its handshake is dropped quickly (Node's default is 120 s).
      handshakeTimeout: o.handshakeTimeoutMs ?? 10_000,
      // A stalled upload gets its 408 after request_timeout_ms, not Node's 300 s. Node checks
      // expiry on an interval (30 s by default), so check often enough for the timeout to be felt.
      requestTimeout,
      headersTimeout: Math.min(66_000, requestTimeout), // must not exceed requestTimeout
      connectionsCheckingInterval: Math.min(5_000, Math.max(25, Math.floor(requestTimeout / 4))),
      // Node's own check answers an empty 400; refuseWithoutHost answers in OpenAI's shape.
      requireHostHeader: false,
    },
    (req, res) => {
      if (!refuseWithoutHost(req, res, report)) void handle(req, res);
    },
  );
  // With this listener Node no longer answers `Expect: 100-continue` itself, before any route ran:
  // a request refused unread gets its answer (and Node closes the connection after it, as the
  // client may still send the body) without being told to upload first. Everyone else as before.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (refuseWithoutHost(req, res, report)) return;
    if (!o.refusedUnread?.(req)) res.writeContinue();
    void handle(req, res);
  });
  // Only handshaken connections count against max_connections (below): idle TCP connections that
  // never send a ClientHello must not lock out clients. This cap only bounds pending handshakes.
  server.maxConnections = o.maxConnections + PENDING_HANDSHAKES;
  server.keepAliveTimeout = 65_000; // longer than typical client pools' idle timeout, like OpenAI's edge

  const sockets = new Set<Socket>();
  // A refused client certificate destroys the TLS socket before tlsClientError, and its address with
  // it: kept from the TCP connection, which Node holds as the TLS socket's `_parent`.
  const addresses = new WeakMap<Socket, string>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    if (socket.remoteAddress) addresses.set(socket, socket.remoteAddress);
    socket.on("close", () => sockets.delete(socket));
  });
  const secured = new Set<TLSSocket>();
  const handshaken = new WeakSet<object>();
  server.on("secureConnection", (socket: TLSSocket) => {
    handshaken.add(socket);
    if (secured.size >= o.maxConnections) {
      o.onDrop?.(socket.remoteAddress ?? "");
      socket.destroy();
      return;
    }
    secured.add(socket);
    o.onConnectionsChanged?.(secured.size);
    socket.on("close", () => {
      secured.delete(socket);
      o.onConnectionsChanged?.(secured.size);
    });
  });
  // node:https forwards every handshake failure to clientError too, and then leaves closing the
  // socket to us: those are tlsClientError's (below), not malformed HTTP requests.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (handshaken.has(socket)) onClientError(err, socket, report, requestTimeout);
  });
  server.on("checkExpectation", (req, res) => onCheckExpectation(req, res, report));
  server.on("connect", (req: IncomingMessage, socket: Duplex) => onConnect(req, socket, report));
  server.on("drop", (data?: { remoteAddress?: string }) => o.onDrop?.(data?.remoteAddress ?? ""));
  server.on("tlsClientError", (err: NodeJS.ErrnoException, socket: TLSSocket) => {
    const failure = handshakeFailure(err, socket);
    const tcp = (socket as TLSSocket & { _parent?: unknown })._parent;
    const remoteAddress = socket.remoteAddress ?? (tcp instanceof Socket ? addresses.get(tcp) : undefined) ?? "";
    if (failure.kind === "abandoned") o.onHandshakeAbort?.({ code: failure.code, remoteAddress });
    else o.onTlsReject?.({ code: failure.code, message: failure.message, remoteAddress });
    socket.destroy(); // a timed-out handshake's socket is otherwise left open
  });

  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => reject(startError(err, o.host, o.port)));
    server.listen(o.port, o.host, () => {
      server.removeAllListeners("error");
      server.on("error", () => {}); // after listening, errors surface per connection
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : o.port;
      resolve({
        host: o.host,
        port,
        get connections() {
          return secured.size;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            for (const s of sockets) s.destroy(); // includes sockets still in the handshake
          }),
      });
    });
  });
}
