import type * as X509 from "@peculiar/x509";
import { KeyObject, randomBytes, webcrypto } from "node:crypto";

// Node's Web Crypto types: this is Node code, compiled without the DOM lib.
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { promises as fsp } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { CertificateError, CertificatesExistError } from "./errors";
import { certificateFiles, exists, writeFileSet, type CertificateFiles } from "./files";
import { installReflectMetadataShim } from "./reflectShim";

export interface GenerateCertificatesOptions {
  /** Directory for the six PEM files; created (mode 700) if missing. */
  dir: string;
  /** Replace an existing set. Without it, any existing file makes the call throw CertificatesExistError. @default false */
  force?: boolean;
  /** Validity of the server and client certificates, in days. The CA lives max(3650, days). @default 825 */
  days?: number;
  /** Extra subjectAltNames for the server certificate (IP addresses or DNS names). @default [] */
  hosts?: string[];
}

export interface GeneratedCertificates {
  dir: string;
  files: CertificateFiles;
  /** When the server and client certificates expire. */
  expiresAt: Date;
}

const DAY_MS = 86_400_000;
const CA_DAYS = 3650;
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;

/** Creates a private CA plus a server and a client certificate (EC P-256) and writes them as PEM into options.dir. */
export async function generateCertificates(options: GenerateCertificatesOptions): Promise<GeneratedCertificates> {
  const dir = resolve(options.dir);
  const days = options.days ?? 825;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const files = certificateFiles(dir);

  if (!options.force) {
    const existing = await existingFiles(files);
    if (existing.length) throw new CertificatesExistError(existing);
  }

  // Loaded here, not at module top: importing this module must not touch Reflect or pay for x509's startup.
  // A require, not import(): the bundles map it to dist/x509.js, a file of its own that only this line reads,
  // so the CLI, the extension and mock-gpt/testing neither parse nor hold x509's ~650 KB until they generate.
  installReflectMetadataShim();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const x509 = require("@peculiar/x509") as typeof X509;
  // x509's types name the DOM's Crypto, which Node code compiles without; Node's webcrypto is that object.
  const crypto = webcrypto as never;
  x509.cryptoProvider.set(crypto);

  const now = Date.now();
  const notBefore = new Date(now - 5 * 60_000); // tolerate small clock skew between processes
  const expiresAt = new Date(now + days * DAY_MS);
  const keygen = () => webcrypto.subtle.generateKey(EC, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  const [caKeys, serverKeys, clientKeys] = await Promise.all([keygen(), keygen(), keygen()]);

  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serialNumber(),
      name: `CN=Mock GPT Local CA ${randomBytes(3).toString("hex")}, O=Mock GPT`,
      notBefore,
      notAfter: new Date(now + Math.max(CA_DAYS, days) * DAY_MS),
      signingAlgorithm: SIGNING,
      keys: caKeys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    },
    crypto,
  );

  const leaf = async (cn: string, keys: CryptoKeyPair, usage: string, extra: InstanceType<typeof x509.Extension>[]) =>
    x509.X509CertificateGenerator.create(
      {
        serialNumber: serialNumber(),
        subject: `CN=${cn}, O=Mock GPT`,
        issuer: ca.subject,
        notBefore,
        notAfter: expiresAt,
        signingAlgorithm: SIGNING,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([usage]),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
          ...extra,
        ],
      },
      crypto,
    );

  const san = new x509.SubjectAlternativeNameExtension(serverNames(options.hosts ?? []));
  const server = await leaf("mock-gpt-server", serverKeys, x509.ExtendedKeyUsage.serverAuth, [san]);
  const client = await leaf("mock-gpt-client", clientKeys, x509.ExtendedKeyUsage.clientAuth, []);

  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const cert = (path: string, c: { toString(format: "pem"): string }) => ({ path, contents: c.toString("pem") + "\n", mode: 0o644 });
  const key = (path: string, k: CryptoKey) => ({ path, contents: pkcs8Pem(k), mode: 0o600 });
  await writeFileSet([
    cert(files.caCert, ca),
    key(files.caKey, caKeys.privateKey),
    cert(files.serverCert, server),
    key(files.serverKey, serverKeys.privateKey),
    cert(files.clientCert, client),
    key(files.clientKey, clientKeys.privateKey),
  ]);
  return { dir, files, expiresAt };
}

/**
 * Generates a set only when dir holds none of the six files. A partial set is an error, never silently overwritten.
 */
export async function ensureCertificates(
  dir: string,
  options: { hosts?: string[] } = {},
): Promise<{ generated: boolean; files: CertificateFiles }> {
  const files = certificateFiles(dir);
  const existing = await existingFiles(files);
  const all = Object.values(files);
  if (existing.length === all.length) return { generated: false, files };
  if (existing.length) {
    const missing = all.filter((p) => !existing.includes(p));
    throw new CertificateError(
      "cert_missing",
      `Incomplete certificate set in ${resolve(dir)}: missing ${missing.join(", ")}. ` +
        "Run `mock-gpt-server certs --force` or 'Mock GPT: Generate Workspace Certificates' to regenerate the whole set.",
      resolve(dir),
    );
  }
  await generateCertificates({ dir, hosts: options.hosts });
  return { generated: true, files };
}

async function existingFiles(files: CertificateFiles): Promise<string[]> {
  const all = Object.values(files);
  const found = await Promise.all(all.map(exists));
  return all.filter((_, i) => found[i]);
}

// RFC 5280: positive, at most 20 bytes. 16 random bytes with the top bit cleared and the next one set.
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString("hex");
}

function serverNames(hosts: string[]): Array<{ type: "dns" | "ip"; value: string }> {
  const names = ["localhost", "127.0.0.1", "::1", ...hosts.map((h) => h.trim()).filter(Boolean)];
  return [...new Set(names)].map((value) => ({ type: isIP(value) ? "ip" : "dns", value }));
}

function pkcs8Pem(key: CryptoKey): string {
  return KeyObject.from(key).export({ type: "pkcs8", format: "pem" }) as string;
}
