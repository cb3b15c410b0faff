// A minimal DER writer. The CMS parts of a PAdES signature are few and fixed,
// so writing their bytes directly keeps every octet under our control (the
// ITI validator rejects encodings that generic libraries consider equivalent,
// such as a NULL inside the policy hash's AlgorithmIdentifier) and costs
// microseconds per signature.

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const sequence = (...content: Uint8Array[]): Buffer => tlv(0x30, ...content);
export const octetString = (value: Uint8Array): Buffer => tlv(0x04, value);
export const utf8String = (value: string): Buffer => tlv(0x0c, Buffer.from(value, "utf8"));
export const printableString = (value: string): Buffer => tlv(0x13, Buffer.from(value, "latin1"));
export const ia5String = (value: string): Buffer => tlv(0x16, Buffer.from(value, "latin1"));
export const bitString = (value: Uint8Array): Buffer => tlv(0x03, Buffer.from([0]), value);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const booleanValue = (value: boolean): Buffer => Buffer.from([0x01, 0x01, value ? 0xff : 0x00]);

/** [n] EXPLICIT (or an IMPLICIT constructed type, which has the same bytes). */
export const contextConstructed = (n: number, ...content: Uint8Array[]): Buffer => tlv(0xa0 + n, ...content);

/** SET OF in DER order: members sorted by their encodings (X.690 11.6). */
export function setOf(...members: Buffer[]): Buffer {
  return tlv(0x31, ...[...members].sort(Buffer.compare));
}

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      chunk.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A non-negative INTEGER from big-endian magnitude bytes. */
export function unsignedInteger(magnitude: Uint8Array): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const trimmed = Buffer.from(magnitude.subarray(start));
  const needsPad = (trimmed[0] ?? 0) & 0x80;
  return tlv(0x02, needsPad ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

/** UTCTime up to 2049, GeneralizedTime after, as RFC 5280 requires. */
export function x509Time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const year = date.getUTCFullYear();
  return year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}
