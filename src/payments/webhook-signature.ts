// Mercado Pago signs each webhook: `x-signature: ts=<seconds>,v1=<hex>` is
// HMAC-SHA256, with the clinic's webhook secret, of the manifest
// "id:<data.id>;request-id:<x-request-id>;ts:<ts>;" where data.id comes from
// the query string and a missing part is left out. Compared in constant time.
// A notification whose ts is more than five minutes from our clock is refused
// however well signed: a captured request cannot be replayed later.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedNotification {
  signature: string | undefined;
  requestId: string | undefined;
  /** `data.id` of the query string. */
  dataId: string | undefined;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: "missing" | "malformed" | "mismatch" | "stale" };

/** How far `ts` may be from our clock, either way (clock skew and delivery delay). */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/**
 * `ts` in milliseconds since the epoch. Mercado Pago documents seconds
 * ("1704908010"), yet real notifications carry milliseconds ("1742505638683");
 * 13 digits or more are read as milliseconds.
 */
function tsMillis(ts: string): number {
  return ts.length >= 13 ? Number(ts) : Number(ts) * 1000;
}

export function signatureManifest(dataId: string | undefined, requestId: string | undefined, ts: string): string {
  // Alphanumeric ids are signed in lower case (Mercado Pago's documentation); payment ids are digits.
  const parts = [dataId ? `id:${dataId.toLowerCase()}` : undefined, requestId ? `request-id:${requestId}` : undefined, `ts:${ts}`];
  return `${parts.filter((part) => part !== undefined).join(";")};`;
}

export function signNotification(secret: string, dataId: string | undefined, requestId: string | undefined, ts: string): string {
  return createHmac("sha256", secret).update(signatureManifest(dataId, requestId, ts)).digest("hex");
}

/** "ts=1704908010,v1=618c…" -> its parts; unknown keys are ignored. */
function parseSignature(header: string): { ts?: string; v1?: string } {
  const parts: { ts?: string; v1?: string } = {};
  for (const piece of header.split(",")) {
    const [key, ...rest] = piece.split("=");
    const value = rest.join("=").trim();
    const name = key?.trim().toLowerCase();
    if (name === "ts" || name === "v1") parts[name] = value;
  }
  return parts;
}

export function verifyNotification(notification: SignedNotification, secret: string, now: Date): SignatureCheck {
  const header = notification.signature?.trim();
  if (!header) return { valid: false, reason: "missing" };
  const { ts, v1 } = parseSignature(header);
  if (!ts || !/^\d+$/.test(ts) || !v1 || !/^[0-9a-f]+$/i.test(v1)) return { valid: false, reason: "malformed" };
  const expected = Buffer.from(signNotification(secret, notification.dataId?.trim() || undefined, notification.requestId?.trim() || undefined, ts), "hex");
  const given = Buffer.from(v1, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "mismatch" };
  if (Math.abs(now.getTime() - tsMillis(ts)) > REPLAY_WINDOW_SECONDS * 1000) return { valid: false, reason: "stale" };
  return { valid: true };
}

/** The header Mercado Pago would send (test doubles and tools). */
export function signatureHeader(secret: string, dataId: string | undefined, requestId: string | undefined, ts: string): string {
  return `ts=${ts},v1=${signNotification(secret, dataId, requestId, ts)}`;
}
