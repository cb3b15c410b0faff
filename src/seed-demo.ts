// "Clínica Demo": what a fresh install answers with on /simulator.
import type { Database } from "./db/database.js";

export const DEMO_CLINIC_SLUG = "demo";
export const DEMO_DOCTOR_PHONE = "+5511900000001";

export async function seedDemo(db: Database): Promise<{ clinicId: string; created: boolean }> {
  const existing = await db.prisma.clinic.findUnique({ where: { slug: DEMO_CLINIC_SLUG } });
  const clinic = existing ?? (await db.prisma.clinic.create({
    data: {
      slug: DEMO_CLINIC_SLUG,
      name: "Clínica Demo",
      timeZone: "America/Sao_Paulo",
      address: "Av. Paulista, 1000, conj. 101 - Bela Vista",
      city: "São Paulo",
      phone: "+551130000000",
      email: "contato@clinicademo.com.br",
      // What the chat answers about the clinic (docs/clinic-info.md).
      insurancePlans: ["Unimed", "Amil"],
      paymentMethods: ["pix", "card", "cash"],
      parking: "Sim: estacionamento conveniado no subsolo do prédio, R$ 12 por hora.",
      faq: [{ question: "Atendem crianças?", answer: "A Dra. Ana atende a partir de 12 anos. Para crianças menores, indicamos um pediatra." }],
    },
  }));
  const doctor = await db.prisma.professional.upsert({
    where: { clinicId_crm_crmUf: { clinicId: clinic.id, crm: "123456", crmUf: "SP" } },
    create: {
      clinicId: clinic.id,
      name: "Dra. Ana Souza",
      crm: "123456",
      crmUf: "SP",
      // Clínica geral: no specialist title, so no RQE and no specialty printed on documents
      // (CFM: a specialty appears only with its RQE).
      specialty: null,
      phone: DEMO_DOCTOR_PHONE,
      email: "ana.souza@clinicademo.com.br",
    },
    update: {},
  });
  await seedAgenda(db, clinic.id, doctor.id);
  return { clinicId: clinic.id, created: !existing };
}

const DEMO_PROCEDURES = [
  { name: "Consulta clínica geral", durationMinutes: 30, priceCents: 25_000 },
  // Free, so only for patients seen in the last 30 days: a new patient is offered the Consulta.
  { name: "Retorno", durationMinutes: 20, priceCents: 0, requiresPreviousWithinDays: 30 },
];

/** Monday to Friday, 08:00-12:00 and 13:00-18:00. */
async function seedAgenda(db: Database, clinicId: string, professionalId: string): Promise<void> {
  for (const procedure of DEMO_PROCEDURES) {
    await db.prisma.procedure.upsert({
      where: { clinicId_name: { clinicId, name: procedure.name } },
      create: { clinicId, ...procedure, professionalIds: [professionalId] },
      update: {},
    });
  }
  if ((await db.prisma.workingHours.count({ where: { professionalId } })) > 0) return;
  const rows = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { clinicId, professionalId, weekday, startTime: "08:00", endTime: "12:00" },
    { clinicId, professionalId, weekday, startTime: "13:00", endTime: "18:00" },
  ]);
  await db.prisma.workingHours.createMany({ data: rows });
}
