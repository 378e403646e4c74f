// The client identity of a connection (src/core/server/peer.ts) is shared by every connection with the
// same certificate: each open stream, and each entry in the request log, holds it. A copy per connection
// cost an object and three strings (~250 bytes) per open stream.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { peerOf } from "../../src/core/server/peer";

/** A request on a fresh connection that presented `cert`. */
const requestWith = (cert: object, authorized = true) =>
  ({
    socket: { authorized, remoteAddress: "127.0.0.1", getPeerCertificate: () => ({ ...cert }) },
  }) as unknown as IncomingMessage;

const CERT = { subject: { CN: "client-a" }, fingerprint256: "AA:BB", serialNumber: "01" };

test("connections with the same certificate share one identity, equal to the certificate's", () => {
  const a = peerOf(requestWith(CERT)).client;
  const b = peerOf(requestWith(CERT)).client;
  assert.deepEqual(a, { commonName: "client-a", fingerprint256: "AA:BB", serialNumber: "01" });
  assert.equal(a, b);
});

test("another certificate has its own identity; an unverified one has none", () => {
  const a = peerOf(requestWith(CERT)).client;
  const other = peerOf(requestWith({ subject: { CN: ["x", "y"] }, fingerprint256: "CC:DD", serialNumber: "02" }));
  assert.notEqual(other.client, a);
  assert.deepEqual(other.client, { commonName: "x, y", fingerprint256: "CC:DD", serialNumber: "02" });
  assert.equal(peerOf(requestWith(CERT, false)).client, null);
});

test("the shared identity is frozen: user code editing one log entry's client cannot change the others'", () => {
  const a = peerOf(requestWith({ ...CERT, fingerprint256: "EE:FF" })).client!;
  assert.ok(Object.isFrozen(a));
  assert.throws(() => ((a as { commonName: string }).commonName = "edited"), TypeError);
  assert.equal(peerOf(requestWith({ ...CERT, fingerprint256: "EE:FF" })).client!.commonName, "client-a");
});
