import type { CertificateDraft, Doctor, ExamRequestDraft, Patient, PrescriptionDraft } from "./document-types.js";

// Sample documents for tests and the bench. Not exported from index.ts.

export const sampleDoctor: Doctor = {
  name: "Dra. Ana Beatriz Souza",
  crm: "123456",
  crmUf: "SP",
  rqe: "45678",
  specialty: "Clínica Médica",
  clinicName: "Clínica Saúde São João",
  clinicAddress: "Rua Conceição de Monte Alegre, 1.234, sala 56 — Brooklin, São Paulo/SP, CEP 04563-060",
  city: "São Paulo",
  phone: "(11) 3456-7890",
  email: "contato@clinicasaojoao.com.br",
};

export const samplePatient: Patient = {
  fullName: "João Carlos da Conceição Araújo",
  cpf: "529.982.247-25",
  address: "Avenida Paulista, 1.578, apto. 92 — Bela Vista, São Paulo/SP",
};

// 13:30 UTC is 10:30 in São Paulo.
const issuedAt = new Date("2026-03-10T13:30:00Z");
const base = { doctor: sampleDoctor, patient: samplePatient, issuedAt, timeZone: "America/Sao_Paulo" };

export const samplePrescription: PrescriptionDraft = {
  ...base,
  kind: "prescription",
  items: [
    {
      genericName: "Dipirona monoidratada", strength: "500 mg", form: "comprimido", quantity: "10 comprimidos",
      instructions: "Tomar 1 (um) comprimido por via oral a cada 6 (seis) horas, se houver dor ou febre, por no máximo 3 (três) dias.",
    },
    {
      genericName: "Loratadina", strength: "10 mg", form: "comprimido", quantity: "1 caixa com 12 comprimidos",
      instructions: "Tomar 1 (um) comprimido por via oral uma vez ao dia, pela manhã, durante 7 (sete) dias.",
    },
    {
      genericName: "Cloreto de sódio", strength: "0,9%", form: "solução nasal", quantity: "1 frasco de 30 mL",
      instructions: "Aplicar 2 (dois) jatos em cada narina três vezes ao dia enquanto houver congestão nasal.",
    },
  ],
};

export const sampleCertificate: CertificateDraft = {
  ...base, kind: "certificate", daysOff: 3, startDate: "2026-03-10", cid10: "J11", cidAuthorized: true,
};

export const sampleExamRequest: ExamRequestDraft = {
  ...base,
  kind: "exam_request",
  exams: ["Hemograma completo", "Glicemia de jejum", "Hemoglobina glicada (HbA1c)", "Perfil lipídico", "TSH e T4 livre"],
  clinicalIndication: "Avaliação de rotina; investigação de cansaço há 2 meses.",
};
