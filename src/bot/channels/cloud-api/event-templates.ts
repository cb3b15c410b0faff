// Until the domain fills OutboxMessage.template itself, a clinic-started
// message is matched to its template through the chat event that caused it
// (the outbox row's inbox row, of kind "event"): a reminder goes as the
// reminder template with its buttons, not as the generic one. Only the
// fields used here are read, so a change elsewhere in an event costs nothing.
import { z } from "zod";
import type { Cipher } from "../../../crypto/encryption.js";
import { openColumn } from "../../../crypto/sealed-columns.js";
import type { Database } from "../../../db/database.js";
import type { TemplatePurpose } from "./templates.js";

const appointment = z.object({ startsAt: z.string(), professionalName: z.string(), procedureName: z.string() });
const eventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("reminderDue"), appointment }),
  z.object({ type: z.literal("waitlistOfferOpened"), appointment, holdMinutes: z.number() }),
  z.object({ type: z.literal("paymentApproved"), appointment, amountCents: z.number() }),
  z.object({ type: z.literal("paymentExpired"), appointment }),
  z.object({ type: z.literal("appointmentBookedForYou"), appointment }),
  z.object({ type: z.literal("documentIssued"), professionalName: z.string() }),
]);

export interface TemplateChoice {
  purpose: TemplatePurpose;
  params: string[];
}

/** "terça, 24/11 às 15:00" in the clinic's time zone (Brazil's, by default). */
export function whenText(iso: string, timeZone = "America/Sao_Paulo"): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("pt-BR", {
    timeZone, weekday: "long", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${String(parts.weekday).replace("-feira", "")}, ${parts.day}/${parts.month} às ${parts.hour}:${parts.minute}`;
}

const money = (cents: number) => new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" }).format(cents / 100);

export function choiceForEvent(raw: unknown): TemplateChoice | undefined {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (event.type === "documentIssued") return { purpose: "document_ready", params: [event.professionalName] };
  const a = event.appointment;
  const what = a.procedureName.toLowerCase();
  const when = whenText(a.startsAt);
  switch (event.type) {
    case "reminderDue":
      return { purpose: "appointment_reminder", params: [what, when, a.professionalName] };
    case "waitlistOfferOpened":
      return { purpose: "waitlist_offer", params: [`${what} ${when}`, a.professionalName, String(event.holdMinutes)] };
    case "paymentApproved":
      return { purpose: "payment_approved", params: [money(event.amountCents), `${what} ${when}`] };
    case "paymentExpired":
      return { purpose: "payment_expired", params: [`${what} ${when}`] };
    case "appointmentBookedForYou":
      return { purpose: "booking_confirmed", params: [what, when, a.professionalName] };
  }
}

/** The template of the event behind an outbox row, if it has one and the row is the first text its event queued. */
export async function templateFromCause(db: Database, cipher: Cipher, outboxId: string): Promise<TemplateChoice | undefined> {
  const [row] = await db.sql.query<{ id: string; payload: string | null }>(
    `SELECT i.id, i.payload FROM "OutboxMessage" o JOIN "InboxMessage" i ON i.id = o."inboxMessageId"
     WHERE o.id = $1 AND o.kind = 'text' AND i.kind = 'event'
       AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."inboxMessageId" = o."inboxMessageId" AND e.seq < o.seq)`,
    [outboxId],
  );
  if (!row?.payload) return undefined;
  try {
    return choiceForEvent(JSON.parse(openColumn(cipher, "InboxMessage.payload", row.id, row.payload) ?? "null"));
  } catch {
    return undefined;
  }
}
