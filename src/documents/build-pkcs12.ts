import forge from "node-forge";

// node-forge writes PKCS#12 only for RSA keys it decoded itself; this builds
// the same structure from DER (PKCS#8 key and X.509 certificates), so EC keys
// work too. Key bag: PBES2 with AES-256 and PBKDF2-SHA256; MAC: HMAC-SHA256;
// 2048 iterations each, OpenSSL 3's defaults, like the A1 files doctors get.

const ITERATIONS = 2048;

const { asn1 } = forge;
const OIDS = forge.pki.oids;

const seq = (...items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit0 = (item: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [item]);
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const der = (item: forge.asn1.Asn1) => asn1.toDer(item).getBytes();
const dataContentInfo = (item: forge.asn1.Asn1) => seq(oid(OIDS.data ?? ""), explicit0(octets(der(item))));

export function buildPkcs12(privateKeyPkcs8: Buffer, certificateDers: Buffer[], password: string): Buffer {
  const keyInfo = asn1.fromDer(privateKeyPkcs8.toString("binary"));
  const encryptedKey = forge.pki.encryptPrivateKeyInfo(keyInfo, password, {
    algorithm: "aes256", count: ITERATIONS, saltSize: 16, prfAlgorithm: "sha256",
  } as forge.pki.EncryptionOptions);
  const keyBag = seq(oid(OIDS.pkcs8ShroudedKeyBag ?? ""), explicit0(encryptedKey));
  const certBags = certificateDers.map((certificate) =>
    seq(oid(OIDS.certBag ?? ""), explicit0(seq(oid(OIDS.x509Certificate ?? ""), explicit0(octets(certificate.toString("binary")))))),
  );
  const authenticatedSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));
  const safeBytes = der(authenticatedSafe);
  const pfx = seq(integer(3), dataContentInfo(authenticatedSafe), macData(safeBytes, password));
  // dataContentInfo re-encodes the same safe, so the MAC matches its bytes.
  return Buffer.from(der(pfx), "binary");
}

function macData(content: string, password: string): forge.asn1.Asn1 {
  const salt = forge.random.getBytesSync(16);
  const iterations = ITERATIONS;
  // RFC 7292 appendix B key derivation, id 3 = MAC key, 32 bytes for SHA-256.
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, iterations, 32, forge.md.sha256.create());
  const hmac = forge.hmac.create();
  hmac.start("sha256", key);
  hmac.update(content);
  const digestInfo = seq(seq(oid(OIDS.sha256 ?? ""), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, "")), octets(hmac.digest().getBytes()));
  return seq(digestInfo, octets(salt), integer(iterations));
}
