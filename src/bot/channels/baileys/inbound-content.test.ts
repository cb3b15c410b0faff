import { proto, type WAMessage } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { mapContent } from "./inbound-content.js";
import { chatKeyToJid, senderJids } from "./jids.js";

const wa = (message: proto.IMessage): WAMessage =>
  proto.WebMessageInfo.fromObject({ key: { remoteJid: "5511987654321@s.whatsapp.net", id: "A1", fromMe: false }, message }) as WAMessage;

describe("Baileys message content", () => {
  it.each([
    ["plain text", { conversation: "oi" }, { kind: "text", text: "oi" }],
    ["extended text", { extendedTextMessage: { text: "quero marcar" } }, { kind: "text", text: "quero marcar" }],
    ["a voice note", { audioMessage: { mimetype: "audio/ogg; codecs=opus", ptt: true, seconds: 12 } },
      { kind: "audio", media: { mimetype: "audio/ogg; codecs=opus" }, payload: { voiceNote: true, durationSeconds: 12 } }],
    ["a PDF", { documentMessage: { mimetype: "application/pdf", fileName: "exame.pdf", caption: "meu exame" } },
      { kind: "document", text: "meu exame", media: { mimetype: "application/pdf", filename: "exame.pdf" } }],
    ["a PDF with caption wrapper", { documentWithCaptionMessage: { message: { documentMessage: { mimetype: "application/pdf", fileName: "a.pdf" } } } },
      { kind: "document", media: { mimetype: "application/pdf", filename: "a.pdf" } }],
    ["an image", { imageMessage: { mimetype: "image/jpeg", caption: "receita antiga" } },
      { kind: "image", text: "receita antiga", media: { mimetype: "image/jpeg" } }],
    ["a location", { locationMessage: { degreesLatitude: -23.55, degreesLongitude: -46.63, name: "Casa" } },
      { kind: "location", text: "Casa", payload: { latitude: -23.55, longitude: -46.63 } }],
    ["a reaction", { reactionMessage: { text: "👍", key: { id: "BOT1" } } }, { kind: "reaction", text: "👍", payload: { targetMessageId: "BOT1" } }],
    ["a disappearing-chat text", { ephemeralMessage: { message: { conversation: "sumindo" } } }, { kind: "text", text: "sumindo" }],
  ])("maps %s", (_name, message, expected) => {
    expect(mapContent(wa(message))).toMatchObject(expected);
  });

  it("ignores protocol messages", () => {
    expect(mapContent(wa({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE } }))).toBeNull();
    expect(mapContent(proto.WebMessageInfo.fromObject({ key: { id: "x" } }) as WAMessage)).toBeNull();
  });
});

describe("sender jids", () => {
  it("finds the phone and the LID of a one-to-one sender in either order", () => {
    expect(senderJids({ remoteJid: "98765432101234@lid", remoteJidAlt: "5511987654321@s.whatsapp.net" }))
      .toEqual({ groupJid: undefined, pnUser: "5511987654321", lid: "98765432101234@lid" });
    expect(senderJids({ remoteJid: "5511987654321:3@s.whatsapp.net" })).toEqual({ groupJid: undefined, pnUser: "5511987654321", lid: undefined });
  });

  it("takes a group sender from participant / participantAlt", () => {
    expect(senderJids({ remoteJid: "1203630@g.us", participant: "111@lid", participantAlt: "5511911112222@s.whatsapp.net" }))
      .toEqual({ groupJid: "1203630@g.us", pnUser: "5511911112222", lid: "111@lid" });
  });

  it("turns a chat key back into a jid", () => {
    expect(chatKeyToJid("+5511987654321")).toBe("5511987654321@s.whatsapp.net");
    expect(chatKeyToJid("123@lid")).toBe("123@lid");
  });
});
