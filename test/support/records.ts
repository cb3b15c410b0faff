// Fixtures for the records and documents tests: patients with appointments,
// the doctor's chat, and reading sealed columns with the test key.
import { createCipher, parseKey } from "../../src/crypto/encryption.js";
import { openColumn, openMedia, openState } from "../../src/crypto/sealed-columns.js";
import type { Database } from "../../src/db/database.js";
import type { TestService } from "./service.js";

export const TEST_ENCRYPTION_KEY = "7f".repeat(32);
export const testCipher = createCipher(parseKey(TEST_ENCRYPTION_KEY));

/** Sealed chat rows read back with the test key (startTestService uses it unless a test sets another). */
export const unsealed = {
  state: (row: { id: string; state: string | null }) => openState(testCipher, row.id, row.state),
  outText: (row: { id: string; text: string | null }) => openColumn(testCipher, "OutboxMessage.text", row.id, row.text),
  inText: (row: { id: string; text: string | null }) => openColumn(testCipher, "InboxMessage.text", row.id, row.text),
  media: (row: { id: string; data: Uint8Array }) => openMedia(testCipher, row.id, Buffer.from(row.data)),
};

export async function demoProfessional(db: Database, clinicId: string) {
  return db.prisma.professional.findFirstOrThrow({ where: { clinicId, crm: "123456" } });
}

export async function addPatient(db: Database, clinicId: string, input: { name: string; phone: string; cpf?: string; address?: string }) {
  const patient = await db.prisma.patient.create({
    data: { clinicId, phone: input.phone, name: input.name, cpf: input.cpf ?? null, consentGrantedAt: new Date("2026-11-01T12:00:00Z"), consentVersion: "2026-11-v1" },
  });
  if (input.address) await db.prisma.patientProfile.create({ data: { patientId: patient.id, clinicId, address: input.address } });
  return patient;
}

export async function addAppointment(db: Database, clinicId: string, input: { patientId: string; professionalId: string; startsAt: Date }) {
  const procedure = await db.prisma.procedure.upsert({
    where: { clinicId_name: { clinicId, name: "Consulta" } },
    create: { clinicId, name: "Consulta", durationMinutes: 30, professionalIds: [input.professionalId] },
    update: {},
  });
  return db.prisma.appointment.create({
    data: {
      clinicId, professionalId: input.professionalId, patientId: input.patientId, procedureId: procedure.id,
      startsAt: input.startsAt, endsAt: new Date(input.startsAt.getTime() + 30 * 60_000), status: "booked",
    },
  });
}

export interface ChatMessage {
  direction: "in" | "out";
  type: string;
  text?: string;
  url?: string;
  caption?: string;
  filename?: string;
}

export async function chat(service: TestService, phone: string): Promise<ChatMessage[]> {
  const res = await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`);
  return ((await res.json()) as { messages: ChatMessage[] }).messages;
}

/** The bot's messages to a phone after the n-th one. */
export async function outgoing(service: TestService, phone: string): Promise<ChatMessage[]> {
  return (await chat(service, phone)).filter((m) => m.direction === "out");
}

export async function sendAudio(service: TestService, from: string, data: Buffer, mimetype = "audio/wav") {
  return service.post({ from, audio: { data: data.toString("base64"), mimetype } });
}
