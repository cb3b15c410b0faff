// A Baileys socket with no network: an EventEmitter-based `ev` that tests
// drive with real Baileys-shaped events (built with proto helpers), and a
// record of everything the code sent.
import { EventEmitter } from "node:events";
import { Boom } from "@hapi/boom";
import { proto, type AnyMessageContent, type BaileysEventEmitter, type MiscMessageGenerationOptions, type WAMessage, type WAMessageKey } from "@whiskeysockets/baileys";
import type { BaileysSocket, SocketFactory, SocketOptions } from "../../src/bot/channels/baileys/socket.js";

export interface SentRecord {
  jid: string;
  content: AnyMessageContent;
  options?: MiscMessageGenerationOptions;
}

export class FakeSocket implements BaileysSocket {
  readonly ev = new EventEmitter() as unknown as BaileysEventEmitter;
  user = { id: "5511933330000:7@s.whatsapp.net" };
  readonly sent: SentRecord[] = [];
  readonly presence: string[] = [];
  readonly pairingRequests: string[] = [];
  ended = false;
  loggedOut = false;

  constructor(readonly options: SocketOptions) {}

  sendMessage = async (jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions) => {
    this.sent.push({ jid, content, options });
    return proto.WebMessageInfo.fromObject({ key: { remoteJid: jid, fromMe: true, id: options?.messageId ?? `FAKE${this.sent.length}` } }) as WAMessage;
  };
  sendPresenceUpdate = async (type: string) => void this.presence.push(type);
  requestPairingCode = async (phone: string) => {
    this.pairingRequests.push(phone);
    return "ZELO1234";
  };
  logout = async () => void (this.loggedOut = true);
  end = async () => void (this.ended = true);
  updateMediaMessage = async (message: WAMessage) => message;

  open(): void {
    this.ev.emit("connection.update", { connection: "open" });
  }
  close(statusCode: number | undefined, message = "Connection Terminated"): void {
    this.ev.emit("connection.update", { connection: "close", lastDisconnect: { error: new Boom(message, { statusCode }), date: new Date() } });
  }
  upsert(messages: WAMessage[], type: "notify" | "append" = "notify"): void {
    this.ev.emit("messages.upsert", { messages, type });
  }
  receipt(key: WAMessageKey, status: proto.WebMessageInfo.Status): void {
    this.ev.emit("messages.update", [{ key, update: { status } }]);
  }
}

export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return { sockets, factory: (options) => { const socket = new FakeSocket(options); sockets.push(socket); return socket; } };
}

let counter = 0;

/**
 * An inbound WhatsApp message as Baileys delivers it. remoteJidAlt is not a
 * protobuf field: Baileys sets it on the decoded key, and so does this.
 */
export function waMessage(input: { from?: string; lid?: string; lidFirst?: boolean; id?: string; fromMe?: boolean; at?: Date; message: proto.IMessage }): WAMessage {
  counter += 1;
  const pn = input.from ? `${input.from.replace(/\D/g, "")}@s.whatsapp.net` : undefined;
  const [remoteJid, remoteJidAlt] = input.lid && (input.lidFirst || !pn) ? [input.lid, pn] : [pn, input.lid];
  const message = proto.WebMessageInfo.fromObject({
    key: { remoteJid, fromMe: input.fromMe ?? false, id: input.id ?? `3A${Date.now()}${counter}` },
    message: input.message,
    messageTimestamp: Math.floor((input.at ?? new Date()).getTime() / 1000),
    pushName: "Paciente",
  }) as WAMessage;
  if (remoteJidAlt) message.key.remoteJidAlt = remoteJidAlt;
  return message;
}
