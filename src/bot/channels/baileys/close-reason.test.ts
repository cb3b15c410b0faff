import { DisconnectReason } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { backoffMs, decideOnClose } from "./close-reason.js";

const middle = () => 0.5;

describe("close reasons", () => {
  it.each([
    [DisconnectReason.loggedOut, { action: "stop", status: "logged_out", clearAuth: true }],
    [DisconnectReason.forbidden, { action: "stop", status: "logged_out" }],
    [DisconnectReason.multideviceMismatch, { action: "stop", status: "logged_out" }],
    [DisconnectReason.connectionReplaced, { action: "stop", status: "disconnected", releaseLease: true, clearAuth: false }],
    [DisconnectReason.restartRequired, { action: "reconnect", delayMs: 0 }],
    [DisconnectReason.connectionClosed, { action: "reconnect", delayMs: 2000 }],
    [DisconnectReason.connectionLost, { action: "reconnect", delayMs: 2000 }],
    [DisconnectReason.badSession, { action: "reconnect", delayMs: 2000 }],
    [undefined, { action: "reconnect", delayMs: 2000 }],
  ])("answers close code %s with %o", (code, expected) => {
    expect(decideOnClose(code, "x", 1, true, middle)).toMatchObject(expected);
  });

  it("stops showing QR codes when nobody scanned them, but backs off on other time-outs", () => {
    expect(decideOnClose(408, "QR refs attempts ended", 1, false, middle)).toMatchObject({ action: "stop", status: "disconnected" });
    expect(decideOnClose(408, "Connection was lost", 1, true, middle)).toMatchObject({ action: "reconnect" });
  });

  it("doubles the wait from 2 s up to 5 minutes, with ±20 % jitter", () => {
    expect([1, 2, 3, 4, 8, 9, 30].map((attempt) => backoffMs(attempt, middle))).toEqual([2000, 4000, 8000, 16000, 256000, 300000, 300000]);
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 0.999999)).toBe(2400);
  });
});
