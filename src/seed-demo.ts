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
    },
  }));
  await db.prisma.professional.upsert({
    where: { clinicId_crm_crmUf: { clinicId: clinic.id, crm: "123456", crmUf: "SP" } },
    create: {
      clinicId: clinic.id,
      name: "Dra. Ana Souza",
      crm: "123456",
      crmUf: "SP",
      specialty: "Clínica geral",
      phone: DEMO_DOCTOR_PHONE,
      email: "ana.souza@clinicademo.com.br",
    },
    update: {},
  });
  return { clinicId: clinic.id, created: !existing };
}
