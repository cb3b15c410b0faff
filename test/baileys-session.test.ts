// Baileys auth state and session leases against the real database.
import { initAuthCreds, proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAuthState } from "../src/bot/channels/baileys/auth-store.js";
import { BaileysManager } from "../src/bot/channels/baileys/manager.js";
import { ManualClock } from "../src/clock.js";
import { createCipher } from "../src/crypto/encryption.js";
import type { Database } from "../src/db/database.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { fakeSocketFactory } from "./support/fake-baileys.js";

const cipher = createCipher(Buffer.alloc(32, 3));
let testDb: TestDatabase;
let clinicId: string;

beforeAll(async () => {
  testDb = await createTestDatabase("baileys_session");
  clinicId = (await seedDemo(testDb.db)).clinicId;
});

afterAll(async () => {
  await testDb?.close();
});

describe("auth state in the database", () => {
  it("writes creds and every key type encrypted, and reads them back", async () => {
    const auth = await loadAuthState(testDb.db, clinicId, cipher);
    expect(auth.creds.registered).toBe(false);
    auth.creds.me = { id: "5511933330000:7@s.whatsapp.net", name: "Clínica" };
    await auth.saveCreds();
    const keyPair = { public: new Uint8Array([1, 2, 3]), private: new Uint8Array([4, 5, 6]) };
    await auth.keys.set({
      "pre-key": { "1": keyPair, "2": keyPair },
      session: { "5511987654321.0": new Uint8Array([9, 9, 9]) },
      "sender-key": { "g@g.us::5511:0": new Uint8Array([7]) },
      "sender-key-memory": { "g@g.us": { "5511@s.whatsapp.net": true } },
      "app-state-sync-key": { AAAA: proto.Message.AppStateSyncKeyData.fromObject({ keyData: Buffer.from("k"), timestamp: 5 }) },
      "app-state-sync-version": { regular: { version: 3, hash: Buffer.from("h"), indexValueMap: {} } },
      "lid-mapping": { "5511987654321": "207000000000001", "207000000000001_reverse": "5511987654321" },
      "device-list": { "5511987654321": ["0", "2"] },
      tctoken: { "5511987654321@s.whatsapp.net": { token: Buffer.from("tc"), timestamp: "1700000000" } },
      "identity-key": { "5511987654321.0": new Uint8Array([8]) },
    });

    const raw = await testDb.db.sql.query<{ type: string; value: string }>(`SELECT type, value FROM "WhatsAppAuthKey" WHERE "clinicId" = $1`, [clinicId]);
    expect(new Set(raw.map((r) => r.type))).toEqual(new Set(["creds", "pre-key", "session", "sender-key", "sender-key-memory",
      "app-state-sync-key", "app-state-sync-version", "lid-mapping", "device-list", "tctoken", "identity-key"]));
    for (const row of raw) {
      expect(row.value.startsWith("v1:")).toBe(true);
      expect(row.value).not.toContain("5511");
    }

    const again = await loadAuthState(testDb.db, clinicId, createCipher(Buffer.alloc(32, 3)));
    expect(again.creds.me?.id).toBe("5511933330000:7@s.whatsapp.net");
    expect(Buffer.from(again.creds.noiseKey.private).equals(Buffer.from(auth.creds.noiseKey.private))).toBe(true);
    const preKeys = await again.keys.get("pre-key", ["1", "2", "3"]);
    expect(Object.keys(preKeys).sort()).toEqual(["1", "2"]);
    expect(Buffer.from(preKeys["1"]!.private).equals(Buffer.from([4, 5, 6]))).toBe(true);
    const syncKey = (await again.keys.get("app-state-sync-key", ["AAAA"])).AAAA!;
    expect(syncKey).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(syncKey.keyData!).toString()).toBe("k");
    expect(await again.keys.get("lid-mapping", ["207000000000001_reverse"])).toEqual({ "207000000000001_reverse": "5511987654321" });
    expect(await again.keys.get("device-list", ["5511987654321"])).toEqual({ "5511987654321": ["0", "2"] });
    const tc = (await again.keys.get("tctoken", ["5511987654321@s.whatsapp.net"]))["5511987654321@s.whatsapp.net"]!;
    expect(Buffer.from(tc.token).toString()).toBe("tc");

    await again.keys.set({ "pre-key": { "1": null }, session: { "5511987654321.0": new Uint8Array([1]) } });
    expect(Object.keys(await again.keys.get("pre-key", ["1", "2"]))).toEqual(["2"]);
    expect(Array.from((await again.keys.get("session", ["5511987654321.0"]))["5511987654321.0"]!)).toEqual([1]);
  });

  it("writes a keys.set batch all or nothing", async () => {
    const auth = await loadAuthState(testDb.db, clinicId, cipher);
    // A key id of 10 kB in a text column is fine; a NUL byte is refused by PostgreSQL and fails the batch.
    const batch = { "pre-key": { "50": { public: new Uint8Array([1]), private: new Uint8Array([1]) } }, "device-list": { "bad\u0000id": ["0"] } };
    await expect(auth.keys.set(batch)).rejects.toThrow();
    expect(await auth.keys.get("pre-key", ["50"])).toEqual({});
  });

  it("starts afresh with new creds after clear()", async () => {
    const auth = await loadAuthState(testDb.db, clinicId, cipher);
    await auth.clear();
    expect(await testDb.db.prisma.whatsAppAuthKey.count({ where: { clinicId } })).toBe(0);
    const fresh = await loadAuthState(testDb.db, clinicId, cipher);
    expect(fresh.creds.me).toBeUndefined();
    expect(Object.keys(initAuthCreds())).toEqual(expect.arrayContaining(Object.keys(fresh.creds)));
  });
});

describe("one owner per number", () => {
  it("lets another instance take the session over once its owner stops renewing", async () => {
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const make = (instanceId: string, fake: ReturnType<typeof fakeSocketFactory>, db: Database) => new BaileysManager({
      db, clock, logger: createLogger({ level: "silent", logPhi: false }), cipher, instanceId, leaseMs: 45_000,
      sendRatePerMinute: 20, ignoreGroups: true, staffPauseMinutes: 60, socketFactory: fake.factory, onInbound: async () => undefined,
      sleep: async () => undefined,
    });
    const fakeA = fakeSocketFactory();
    const fakeB = fakeSocketFactory();
    const a = make("instance-a", fakeA, testDb.db);
    // A second instance has a database handle of its own (support/db.ts openAnother).
    const b = make("instance-b", fakeB, await testDb.openAnother());
    await a.tick();
    await b.tick();
    expect(fakeA.sockets).toHaveLength(1);
    expect(fakeB.sockets).toHaveLength(0);
    const owner = () => testDb.db.prisma.whatsAppSession.findUniqueOrThrow({ where: { clinicId } });
    expect((await owner()).ownerInstanceId).toBe("instance-a");

    // A renews in time: B still cannot take it.
    clock.advance(30_000);
    await a.tick();
    clock.advance(30_000);
    await b.tick();
    expect(fakeB.sockets).toHaveLength(0);

    // A stops renewing (its process hangs or died); its lease runs out within 45 s.
    clock.advance(46_000);
    await b.tick();
    expect(fakeB.sockets).toHaveLength(1);
    expect((await owner()).ownerInstanceId).toBe("instance-b");

    // A comes back: it finds the lease gone and closes its socket without logging out.
    await a.tick();
    expect(fakeA.sockets[0]!.ended).toBe(true);
    expect(fakeA.sockets[0]!.loggedOut).toBe(false);
    expect(a.session(clinicId)).toBeUndefined();
    await expect(a.send({ id: "x", clinicId, chatKey: "+5511987654321", kind: "text", text: "oi" })).rejects.toThrow(/does not hold/);

    // A clean stop hands the session over at once.
    await b.stop();
    expect((await owner()).ownerInstanceId).toBeNull();
    await a.tick();
    expect(fakeA.sockets).toHaveLength(2);
    await a.stop();
  });
});
