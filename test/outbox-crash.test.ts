// An instance that dies in the middle of a send: the row stays `sending`,
// claimed by it. Started again under the same INSTANCE_ID it takes the row
// back at once; another instance leaves it alone until the claim's lease runs
// out. A re-send through Baileys carries the same WhatsApp message id as the
// send that was cut off, so the phone shows one message.
import { afterAll, describe, expect, it, vi } from "vitest";
import { BaileysManager } from "../src/bot/channels/baileys/manager.js";
import type { Channel, OutboundMessage, SendResult } from "../src/bot/messages.js";
import { ManualClock } from "../src/clock.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { fakeSocketFactory, waMessage } from "./support/fake-baileys.js";
import { RecordingChannel } from "./support/recording-channel.js";
import { testCipher } from "./support/records.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

/** A channel whose sends reach the provider and never come back: the process "dies" mid-send. */
class CutOffChannel implements Channel {
  readonly sends: OutboundMessage[] = [];
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sends.push(message);
    return new Promise<SendResult>(() => undefined);
  }
}

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const config = (instanceId: string, extra: Record<string, string> = {}) => testConfig({ INSTANCE_ID: instanceId, ...extra });
const rowsOf = (testDb: TestDatabase, chatKey: string) =>
  testDb.db.prisma.outboxMessage.findMany({ where: { chatKey }, orderBy: { seq: "asc" } });

describe("an outbox row left sending by an instance that died", () => {
  it("is taken back at once by that instance's restart, and only after the lease by another instance", async () => {
    const testDb = await createTestDatabase("outbox_crash");
    opened.push(testDb);
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const phone = "+5511974000001";
    const cutOff = new CutOffChannel();
    // The dead instance is never stopped: its stop would wait for the send that never returns.
    const dead = await startTestService(testDb.db, { clock, channel: cutOff, config: config("crash-a") });
    await dead.say(phone, "oi");
    await vi.waitFor(() => expect(cutOff.sends).toHaveLength(1));
    const [first, second] = await rowsOf(testDb, phone);
    expect(first).toMatchObject({ id: cutOff.sends[0]!.id, status: "sending", claimedBy: "crash-a", providerMessageId: null });
    expect(first!.sendStartedAt).not.toBeNull();
    // The turn wrote both replies already claimed by this instance (the send intent with the turn): the second waits behind the first.
    expect(second).toMatchObject({ status: "sending", claimedBy: "crash-a", providerMessageId: null });

    // Another instance: the row is someone else's until its lease runs out, and the chat's next message waits behind it.
    const otherChannel = new RecordingChannel();
    const other = await startTestService(await testDb.openAnother(), { clock, channel: otherChannel, config: config("crash-b") });
    await other.outbox.flush();
    expect(otherChannel.sends).toEqual([]);

    // The same instance started again: both messages go out now, the cut-off one first, each once.
    const restartedChannel = new RecordingChannel();
    const restarted = await startTestService(await testDb.openAnother(), { clock, channel: restartedChannel, config: config("crash-a") });
    await restarted.outbox.flush();
    expect(restartedChannel.sends.map((s) => s.outboxId)).toEqual([first!.id, second!.id]);
    expect((await rowsOf(testDb, phone)).map((row) => [row.status, row.sendStartedAt])).toEqual([["delivered", null], ["delivered", null]]);
    await other.outbox.flush();
    expect(otherChannel.sends).toEqual([]);
    await other.stop();
    await restarted.stop();
    dead.server.close();
    dead.server.closeAllConnections();
  });

  it("waits for the lease when no instance comes back under that id", async () => {
    const testDb = await createTestDatabase("outbox_crash_lease");
    opened.push(testDb);
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const phone = "+5511974000002";
    const cutOff = new CutOffChannel();
    const dead = await startTestService(testDb.db, { clock, channel: cutOff, config: config("lease-a") });
    await dead.say(phone, "oi");
    await vi.waitFor(() => expect(cutOff.sends).toHaveLength(1));
    const channel = new RecordingChannel();
    const other = await startTestService(await testDb.openAnother(), { clock, channel, config: config("lease-b") });
    clock.advance(59_000);
    await other.outbox.flush();
    expect(channel.sends).toEqual([]);
    clock.advance(2_000);
    await other.outbox.flush();
    expect(channel.sends.map((s) => s.outboxId)).toHaveLength(2);
    expect(channel.sends[0]!.outboxId).toBe(cutOff.sends[0]!.id);
    await other.stop();
    dead.server.close();
    dead.server.closeAllConnections();
  });

  it("goes out again through Baileys under the same WhatsApp message id", async () => {
    const testDb = await createTestDatabase("outbox_crash_baileys");
    opened.push(testDb);
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", logPhi: false });
    const start = async (db: TestDatabase["db"], cutOff: boolean) => {
      const fake = fakeSocketFactory();
      const running: { service?: TestService } = {};
      const manager = new BaileysManager({
        db, clock, logger, cipher: testCipher, instanceId: "baileys-a", sendRatePerMinute: 600, ignoreGroups: true, staffPauseMinutes: 60,
        socketFactory: (options) => {
          const socket = fake.factory(options);
          if (cutOff) {
            const record = socket.sendMessage;
            socket.sendMessage = async (...args) => {
              await record(...args);
              return new Promise<never>(() => undefined);
            };
          }
          return socket;
        },
        onInbound: (clinicId, chatKey) => running.service!.engine.drainChat(clinicId, chatKey), sleep: async () => undefined,
      });
      const service = running.service = await startTestService(db, { clock, channel: manager, config: config("baileys-a", { WHATSAPP_CHANNEL: "baileys" }) });
      await manager.tick();
      fake.sockets[0]!.open();
      await manager.session(service.clinicId)!.idle();
      return { service, manager, socket: () => fake.sockets[0]! };
    };
    const dead = await start(testDb.db, true);
    dead.socket().upsert([waMessage({ from: "+5511974000003", at: clock.now(), message: { conversation: "oi" } })]);
    await dead.manager.session(dead.service.clinicId)!.idle();
    await vi.waitFor(() => expect(dead.socket().sent).toHaveLength(1));
    const restarted = await start(await testDb.openAnother(), false);
    await restarted.service.outbox.flush();
    const ids = (sent: { options?: { messageId?: string } }[]) => sent.map((s) => s.options?.messageId);
    expect(ids(restarted.socket().sent).length).toBe(2);
    expect(ids(restarted.socket().sent)[0]).toBe(ids(dead.socket().sent)[0]);
    await restarted.manager.stop();
    await restarted.service.stop();
    dead.service.server.close();
    dead.service.server.closeAllConnections();
  });
});
