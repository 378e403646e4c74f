import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CERTIFICATE_FILE_NAMES,
  CertificateError,
  CertificatesExistError,
  ensureCertificates,
  generateCertificates,
  inspectCertificate,
  loadTlsMaterial,
  type GeneratedCertificates,
} from "../../src/core/certs";

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const names = Object.values(CERTIFICATE_FILE_NAMES);

const tmpRoot = mkdtempSync(join(tmpdir(), "mock-gpt-certs-"));
let n = 0;
const freshDir = () => join(tmpRoot, `set-${++n}`);
const read = (p: string) => readFileSync(p, "utf8");
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
const hasOpenssl = spawnSync("openssl", ["version"], { stdio: "ignore" }).status === 0;

let set: GeneratedCertificates;
let other: GeneratedCertificates;

before(async () => {
  set = await generateCertificates({ dir: freshDir(), days: 30, hosts: ["mock.test", "10.1.2.3"] });
  other = await generateCertificates({ dir: freshDir() });
});
after(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe("generateCertificates", () => {
  it("writes the six PEM files: keys 0600, certs 0644, no temp files left", () => {
    assert.deepEqual(readdirSync(set.dir).sort(), [...names].sort());
    for (const p of [set.files.caKey, set.files.serverKey, set.files.clientKey]) {
      assert.equal(statSync(p).mode & 0o777, 0o600, p);
      assert.match(read(p), /^-----BEGIN PRIVATE KEY-----\n/);
    }
    for (const p of [set.files.caCert, set.files.serverCert, set.files.clientCert]) {
      assert.equal(statSync(p).mode & 0o777, 0o644, p);
      assert.match(read(p), /^-----BEGIN CERTIFICATE-----\n/);
    }
  });

  it("returns absolute paths and the leaf expiry", () => {
    assert.equal(set.files.serverCert, join(set.dir, "server.crt"));
    const notAfter = new X509Certificate(read(set.files.serverCert)).validTo;
    // The certificate stores whole seconds.
    assert.ok(Math.abs(new Date(notAfter).getTime() - set.expiresAt.getTime()) < 1000);
    const days = (set.expiresAt.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
  });

  it("server cert: SANs, serverAuth, not a CA, issued by the CA", () => {
    const server = new X509Certificate(read(set.files.serverCert));
    const ca = new X509Certificate(read(set.files.caCert));
    const sans = server.subjectAltName?.split(", ");
    assert.deepEqual(sans, [
      "DNS:localhost",
      "IP Address:127.0.0.1",
      "IP Address:0:0:0:0:0:0:0:1",
      "DNS:mock.test",
      "IP Address:10.1.2.3",
    ]);
    assert.deepEqual(server.keyUsage, [SERVER_AUTH]); // node names the EKU list keyUsage
    assert.equal(server.ca, false);
    assert.ok(server.checkIssued(ca));
    assert.ok(server.verify(ca.publicKey));
  });

  it("client cert: CN mock-gpt-client, clientAuth only", () => {
    const client = new X509Certificate(read(set.files.clientCert));
    assert.match(client.subject, /^CN=mock-gpt-client$/m);
    assert.deepEqual(client.keyUsage, [CLIENT_AUTH]);
    assert.equal(client.ca, false);
    assert.equal(client.subjectAltName, undefined);
  });

  it("CA: self-signed, distinguishable per workspace, random positive serials", () => {
    const ca = new X509Certificate(read(set.files.caCert));
    const otherCa = new X509Certificate(read(other.files.caCert));
    assert.equal(ca.ca, true);
    assert.ok(ca.verify(ca.publicKey));
    assert.match(ca.subject, /^CN=Mock GPT Local CA [0-9a-f]{6}$/m);
    assert.notEqual(ca.subject, otherCa.subject);
    const serials = [set.files.caCert, set.files.serverCert, set.files.clientCert, other.files.caCert].map(
      (p) => new X509Certificate(read(p)).serialNumber,
    );
    assert.equal(new Set(serials).size, serials.length);
    for (const s of serials) assert.match(s, /^[0-7][0-9A-F]{31}$/, `serial ${s} is positive and 16 bytes`);
  });

  it("sets the critical flags and key usages (parsed with @peculiar/x509)", async () => {
    const x509 = await import("@peculiar/x509"); // the shim is installed by the generation in before()
    const ext = (p: string) => new x509.X509Certificate(read(p));
    const ca = ext(set.files.caCert);
    const caBc = ca.getExtension(x509.BasicConstraintsExtension);
    assert.equal(caBc?.ca, true);
    assert.equal(caBc?.critical, true);
    assert.equal(
      ca.getExtension(x509.KeyUsagesExtension)?.usages,
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
    );
    const caSki = ca.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    assert.ok(caSki);
    for (const p of [set.files.serverCert, set.files.clientCert]) {
      const leaf = ext(p);
      assert.equal(leaf.getExtension(x509.BasicConstraintsExtension)?.ca, false);
      assert.equal(leaf.getExtension(x509.KeyUsagesExtension)?.usages, x509.KeyUsageFlags.digitalSignature);
      assert.ok(leaf.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
      assert.equal(leaf.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId, caSki);
    }
  });

  for (const [purpose, file] of [
    ["sslserver", "server.crt"],
    ["sslclient", "client.crt"],
  ] as const) {
    it(
      `openssl verify -x509_strict -purpose ${purpose} accepts ${file}`,
      { skip: hasOpenssl ? false : "openssl is not on PATH" },
      () => {
        const r = spawnSync("openssl", ["verify", "-x509_strict", "-purpose", purpose, "-CAfile", "ca.crt", file], {
          cwd: set.dir,
          encoding: "utf8",
          timeout: 10_000,
        });
        assert.equal(r.status, 0, r.stderr + r.stdout);
        assert.match(r.stdout, new RegExp(`${file}: OK`));
      },
    );
  }

  it(
    "openssl rejects the server cert against another CA",
    { skip: hasOpenssl ? false : "openssl is not on PATH" },
    () => {
      const r = spawnSync("openssl", ["verify", "-CAfile", other.files.caCert, set.files.serverCert], {
        encoding: "utf8",
        timeout: 10_000,
      });
      assert.notEqual(r.status, 0);
    },
  );

  it("refuses to overwrite without force and leaves the files byte-identical", async () => {
    const before = snapshot(set.dir);
    await assert.rejects(generateCertificates({ dir: set.dir }), (err: unknown) => {
      assert.ok(err instanceof CertificatesExistError);
      assert.equal(err.code, "cert_exists");
      assert.deepEqual([...err.existing].sort(), Object.values(set.files).sort());
      return true;
    });
    assert.deepEqual(snapshot(set.dir), before);
  });

  it("refuses when only one of the six exists, writing nothing", async () => {
    const dir = freshDir();
    mkdirSync(dir);
    writeFileSync(join(dir, "server.key"), "keep me");
    await assert.rejects(
      generateCertificates({ dir }),
      (err: unknown) => err instanceof CertificatesExistError && err.existing.length === 1,
    );
    assert.deepEqual(readdirSync(dir), ["server.key"]);
    assert.equal(read(join(dir, "server.key")), "keep me");
  });

  it("force replaces the whole set", async () => {
    const dir = freshDir();
    const first = await generateCertificates({ dir });
    const before = snapshot(dir);
    await generateCertificates({ dir, force: true });
    const now = snapshot(dir);
    assert.deepEqual(Object.keys(now).sort(), [...names].sort());
    for (const name of names) assert.notDeepEqual(now[name], before[name], name);
    assert.equal(statSync(first.files.caKey).mode & 0o777, 0o600);
    // The new set is consistent with itself.
    assert.doesNotThrow(() =>
      loadTlsMaterial({
        cert_path: first.files.serverCert,
        key_path: first.files.serverKey,
        ca_cert_path: first.files.caCert,
      }),
    );
  });

  it("rejects invalid days before touching the disk", async () => {
    const dir = freshDir();
    await assert.rejects(generateCertificates({ dir, days: 0 }), RangeError);
    assert.equal(existsSync(dir), false);
  });
});

describe("loadTlsMaterial", () => {
  const paths = () => ({
    cert_path: set.files.serverCert,
    key_path: set.files.serverKey,
    ca_cert_path: set.files.caCert,
  });
  const expectCode = (p: ReturnType<typeof paths>, code: string, path: string, message: RegExp) =>
    assert.throws(
      () => loadTlsMaterial(p),
      (err: unknown) => {
        assert.ok(err instanceof CertificateError, String(err));
        assert.equal(err.code, code);
        assert.equal(err.path, path);
        assert.match(err.message, message);
        assert.match(err.message, /mock-gpt-server certs/);
        assert.match(err.message, /Mock GPT: Generate Workspace Certificates/);
        return true;
      },
    );

  it("returns the three PEM strings of a matching set", () => {
    const m = loadTlsMaterial(paths());
    assert.equal(m.cert, read(set.files.serverCert));
    assert.equal(m.key, read(set.files.serverKey));
    assert.equal(m.ca, read(set.files.caCert));
  });

  it("cert_missing names the missing file", () => {
    const missing = join(set.dir, "nope.crt");
    expectCode({ ...paths(), cert_path: missing }, "cert_missing", missing, /nope\.crt does not exist/);
  });

  it("cert_unreadable when the path can't be read as a file", () => {
    expectCode({ ...paths(), ca_cert_path: tmpRoot }, "cert_unreadable", tmpRoot, /Cannot read the CA certificate/);
  });

  it("cert_invalid for garbage, for a truncated PEM and for a non-key", () => {
    const garbage = join(tmpRoot, "garbage.crt");
    writeFileSync(garbage, "hello, I am not a certificate\n");
    expectCode({ ...paths(), cert_path: garbage }, "cert_invalid", garbage, /not a PEM file/);
    const truncated = join(tmpRoot, "truncated.crt");
    writeFileSync(truncated, read(set.files.serverCert).slice(0, 120));
    expectCode({ ...paths(), cert_path: truncated }, "cert_invalid", truncated, /could not be parsed/);
    expectCode(
      { ...paths(), key_path: set.files.serverCert },
      "cert_invalid",
      set.files.serverCert,
      /server private key .* could not be parsed/,
    );
  });

  it("cert_invalid when the key does not belong to the certificate", () => {
    expectCode(
      { ...paths(), key_path: set.files.clientKey },
      "cert_invalid",
      set.files.clientKey,
      /does not belong to the certificate/,
    );
  });

  it("cert_invalid when the server cert comes from another CA", () => {
    const p = { cert_path: other.files.serverCert, key_path: other.files.serverKey, ca_cert_path: set.files.caCert };
    expectCode(p, "cert_invalid", other.files.serverCert, /was not signed by the CA/);
  });
});

describe("inspectCertificate", () => {
  it("reports subject, issuer, serial, validity, fingerprint and SANs", () => {
    const pem = read(set.files.serverCert);
    const x = new X509Certificate(pem);
    const info = inspectCertificate(pem);
    assert.equal(info.subject, "CN=mock-gpt-server, O=Mock GPT");
    assert.equal(info.issuer, inspectCertificate(read(set.files.caCert)).subject);
    assert.match(info.issuer, /^CN=Mock GPT Local CA [0-9a-f]{6}, O=Mock GPT$/);
    assert.equal(info.serialNumber, x.serialNumber);
    assert.equal(info.notAfter, new Date(x.validTo).toISOString());
    assert.ok(Date.parse(info.notBefore) <= Date.now());
    const expected = createHash("sha256").update(x.raw).digest("hex").toUpperCase().match(/../g)!.join(":");
    assert.equal(info.fingerprint256, expected);
    assert.ok(info.subjectAltNames.includes("DNS:mock.test"));
    assert.ok(info.subjectAltNames.includes("IP Address:127.0.0.1"));
    assert.ok(info.daysLeft === 29 || info.daysLeft === 30, `daysLeft ${info.daysLeft}`);
  });

  it("computes daysLeft against a given clock, negative once expired", () => {
    const info = inspectCertificate(read(set.files.serverCert));
    const notAfter = Date.parse(info.notAfter);
    assert.equal(inspectCertificate(read(set.files.serverCert), new Date(notAfter - 10.5 * 86_400_000)).daysLeft, 10);
    assert.equal(inspectCertificate(read(set.files.serverCert), new Date(notAfter + 1.5 * 86_400_000)).daysLeft, -2);
  });

  it("throws cert_invalid for non-certificates", () => {
    assert.throws(
      () => inspectCertificate("nope"),
      (e: unknown) => e instanceof CertificateError && e.code === "cert_invalid",
    );
  });
});

describe("ensureCertificates", () => {
  it("generates into an empty dir, then leaves the set alone", async () => {
    const dir = freshDir();
    const first = await ensureCertificates(dir);
    assert.equal(first.generated, true);
    assert.deepEqual(readdirSync(dir).sort(), [...names].sort());
    const before = snapshot(dir);
    const second = await ensureCertificates(dir);
    assert.equal(second.generated, false);
    assert.deepEqual(second.files, first.files);
    assert.deepEqual(snapshot(dir), before);
  });

  it("never completes a partial set: cert_missing names the missing files", async () => {
    const dir = freshDir();
    await ensureCertificates(dir);
    unlinkSync(join(dir, "client.key"));
    unlinkSync(join(dir, "ca.crt"));
    const before = snapshot(dir);
    await assert.rejects(ensureCertificates(dir), (err: unknown) => {
      assert.ok(err instanceof CertificateError);
      assert.equal(err.code, "cert_missing");
      assert.match(err.message, /client\.key/);
      assert.match(err.message, /ca\.crt/);
      assert.doesNotMatch(err.message, /server\.key/);
      return true;
    });
    assert.deepEqual(snapshot(dir), before);
  });
});
