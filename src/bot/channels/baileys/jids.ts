// Who a Baileys message is from. WhatsApp addresses a person by phone
// ("5511987654321@s.whatsapp.net") or by LID ("123456789@lid"); Baileys 7
// gives the other form in remoteJidAlt / participantAlt when it knows it.
// The chat key is the phone in E.164 whenever it can be found, so a patient
// who writes once by phone and once by LID is one patient.
import { isJidGroup, isLidUser, isPnUser, jidDecode, jidNormalizedUser, type WAMessageKey } from "@whiskeysockets/baileys";

export interface SenderJids {
  /** The group's jid for a group message; undefined in a one-to-one chat. */
  groupJid?: string;
  /** "5511987654321" when a phone form is on the message. */
  pnUser?: string;
  /** "123456789@lid" when a LID form is on the message. */
  lid?: string;
}

export function senderJids(key: WAMessageKey): SenderJids {
  const remote = key.remoteJid ?? "";
  const group = isJidGroup(remote);
  const candidates = group ? [key.participant, key.participantAlt] : [remote, key.remoteJidAlt];
  const pn = candidates.find((jid) => jid && isPnUser(jid));
  const lid = candidates.find((jid) => jid && isLidUser(jid));
  return {
    groupJid: group ? remote : undefined,
    pnUser: pn ? jidDecode(pn)?.user : undefined,
    lid: lid ? jidNormalizedUser(lid) : undefined,
  };
}

export const lidUserOf = (lid: string): string => jidDecode(lid)?.user ?? lid.split("@")[0]!;

/** "+5511987654321" -> "5511987654321@s.whatsapp.net"; a jid (group, LID) stays as it is. */
export function chatKeyToJid(chatKey: string): string {
  if (chatKey.includes("@")) return chatKey;
  return `${chatKey.replace(/\D/g, "")}@s.whatsapp.net`;
}
