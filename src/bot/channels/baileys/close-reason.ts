// What to do when a Baileys connection closes, chosen by the close reason.
// Pure, so every reason is table-tested (close-reason.test.ts).
import { DisconnectReason } from "@whiskeysockets/baileys";
import type { SessionStatus } from "./session-store.js";

export type CloseDecision =
  | { action: "reconnect"; delayMs: number; reason: string }
  | { action: "stop"; status: Extract<SessionStatus, "logged_out" | "disconnected">; clearAuth: boolean; releaseLease: boolean; reason: string };

const BASE_MS = 2000;
const MAX_MS = 5 * 60_000;

/** 2 s, 4 s, 8 s, ... capped at 5 minutes, each ±20 % so instances do not retry in step. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(BASE_MS * 2 ** Math.max(0, attempt - 1), MAX_MS);
  return Math.round(plain * (0.8 + random() * 0.4));
}

export function decideOnClose(
  statusCode: number | undefined, message: string, attempt: number, registered: boolean, random: () => number = Math.random,
): CloseDecision {
  const reason = `${message || "connection closed"}${statusCode ? ` (${statusCode})` : ""}`;
  switch (statusCode) {
    case DisconnectReason.loggedOut:
      // The phone removed this device: reconnecting would loop forever. A new pairing is needed.
      return { action: "stop", status: "logged_out", clearAuth: true, releaseLease: false, reason };
    case DisconnectReason.forbidden:
    case DisconnectReason.multideviceMismatch:
      return { action: "stop", status: "logged_out", clearAuth: true, releaseLease: false, reason };
    case DisconnectReason.connectionReplaced:
      // Another client opened this session: fighting it would make both drop in turn.
      return { action: "stop", status: "disconnected", clearAuth: false, releaseLease: true, reason };
    case DisconnectReason.restartRequired:
      // Sent right after a successful pairing: reconnect at once with the new creds.
      return { action: "reconnect", delayMs: 0, reason };
    default:
      if (statusCode === DisconnectReason.timedOut && !registered && /QR refs attempts ended/i.test(message)) {
        // Nobody scanned: stop showing codes until an admin asks again.
        return { action: "stop", status: "disconnected", clearAuth: false, releaseLease: false, reason: "QR code not scanned in time; ask for a new one" };
      }
      return { action: "reconnect", delayMs: backoffMs(attempt, random), reason };
  }
}
