// What Meta calls each chat and when the person last wrote. Meta's wa_id for
// a Brazilian mobile may lack the ninth digit ("551187654321"); the chat key
// always has it ("+5511987654321"), so one person is one chat whichever form
// arrives, and replies go to the wa_id Meta itself used. A chat stored the
// old way before this (a patient row "+551187654321") is found at lookup and
// keeps its key: no migration rewrites phones other channels rely on (Baileys
// addresses its JIDs by the stored number).
import type { Database } from "../../../db/database.js";
import { chatKeyForWhatsAppId, withoutNinthDigit } from "../../phone.js";
import { listKnownChatKeys, releaseHeldMessages, upsertCloudContact } from "./cloud-api-statements.js";

/** The chat key for a wa_id: the ninth-digit form, unless the clinic already knows this person by the old form only. */
export async function chatKeyFor(db: Database, clinicId: string, waId: string): Promise<string> {
  const key = chatKeyForWhatsAppId(waId);
  const old = withoutNinthDigit(key);
  if (!old) return key;
  const known = new Set(await listKnownChatKeys(db.sql, clinicId, key, old));
  return known.has(old) && !known.has(key) ? old : key;
}

/** The person wrote (a message, or a template's quick reply): replies go to this wa_id, and the 24-hour window opens. */
export async function recordInbound(db: Database, clinicId: string, chatKey: string, waId: string, at: Date): Promise<void> {
  await upsertCloudContact(db.sql, { clinicId, chatKey, waId: waId.replace(/\D/g, ""), at });
}

/** Messages kept while the window was closed go out now, before anything answered to what the person just wrote. */
export async function releaseHeld(db: Database, clinicId: string, chatKey: string, now: Date): Promise<number> {
  return releaseHeldMessages(db.sql, clinicId, chatKey, now);
}
