import { AppError } from "../errors.js";
import type { CertificateDraft, ControlledDrug, DocumentDraft, PrescriptionItem } from "./document-types.js";
import { findControlledDrugs, type ControlledMatch } from "./find-controlled-drugs.js";
import type { Formulary } from "./prescription/formulary.js";
import { isValidCpf } from "./cpf.js";

// Decides whether a draft may be issued at all. Labels and reasons are the
// Portuguese a doctor reads in chat, kept together here for review.

const present = (value: string | undefined): boolean => (value ?? "").trim() !== "";

/** Mandatory fields missing from a draft, as Portuguese labels. */
export function listMissingFields(draft: DocumentDraft): string[] {
  const { doctor, patient } = draft;
  const missing: string[] = [];
  const require = (ok: boolean, label: string) => { if (!ok) missing.push(label); };
  require(present(doctor.name), "nome do médico");
  require(/^\d{1,7}$/.test(doctor.crm.trim()), "número do CRM");
  require(/^[A-Z]{2}$/.test(doctor.crmUf.trim()), "UF do CRM");
  require(!present(doctor.specialty) || present(doctor.rqe), "RQE da especialidade");
  require(present(doctor.clinicAddress), "endereço do consultório");
  require(present(doctor.city), "cidade do consultório");
  require(present(doctor.phone) || present(doctor.email), "telefone ou e-mail do consultório");
  require(present(patient.fullName), "nome completo do paciente");
  if (present(patient.cpf)) require(isValidCpf(patient.cpf ?? ""), "CPF do paciente (número inválido)");
  else require(present(patient.otherDocument), "CPF do paciente (ou outro documento de identidade)");
  require(isValidTimeZone(draft.timeZone), "fuso horário da clínica");
  missing.push(...missingForKind(draft));
  return missing;
}

function missingForKind(draft: DocumentDraft): string[] {
  switch (draft.kind) {
    case "prescription":
      return [
        ...(present(draft.patient.address) ? [] : ["endereço do paciente"]),
        ...(draft.items.length === 0 ? ["ao menos um medicamento"] : []),
        ...draft.items.flatMap((item, index) => missingInItem(item, index + 1)),
      ];
    case "certificate":
      if (draft.attendance) return missingInAttendance(draft.attendance);
      return [
        ...(Number.isInteger(draft.daysOff) && draft.daysOff > 0 ? [] : ["número de dias de afastamento"]),
        ...(/^\d{4}-\d{2}-\d{2}$/.test(draft.startDate) ? [] : ["data de início do afastamento"]),
        ...(present(draft.cid10) && draft.cidAuthorized !== true ? ["autorização do paciente para o CID"] : []),
      ];
    case "exam_request":
      return draft.exams.some(present) ? [] : ["ao menos um exame"];
  }
}

function missingInAttendance(attendance: NonNullable<CertificateDraft["attendance"]>): string[] {
  const span = attendance.from !== undefined && attendance.to !== undefined && attendance.from < attendance.to;
  const hours = attendance.hours !== undefined && Number.isInteger(attendance.hours) && attendance.hours > 0 && attendance.hours <= 24;
  return [
    ...(/^\d{4}-\d{2}-\d{2}$/.test(attendance.date) ? [] : ["data do comparecimento"]),
    ...(span || hours ? [] : ["horário ou horas do comparecimento"]),
  ];
}

function missingInItem(item: PrescriptionItem, position: number): string[] {
  const fields: [keyof PrescriptionItem, string][] = [
    ["genericName", "nome genérico (DCB)"], ["strength", "concentração"], ["form", "forma farmacêutica"],
    ["quantity", "quantidade"], ["instructions", "modo de usar"],
  ];
  return fields.filter(([key]) => !present(item[key])).map(([, label]) => `${label} do item ${position}`);
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("pt-BR", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const RULE_REASON: Record<ControlledDrug["rule"], string> = {
  sncr_only: "exige receita de controle especial ou de retenção, que desde a RDC Anvisa 1.000/2025 só vale eletrônica quando emitida por sistema integrado ao SNCR — ainda não é o caso deste sistema",
  never: "exige Notificação de Receita (Portaria 344/98), que não pode ser emitida eletronicamente por aqui",
};

/** "Não posso emitir esta receita: clonazepam (B1), escrito como Rivotril, exige ..." — also shown in the draft's preview. */
export function blockedMessage(blocked: readonly ControlledMatch[]): string {
  const reasons = blocked.map((drug) => `${drug.name} (${drug.list})${drug.writtenAs ? `, escrito como ${drug.writtenAs},` : ""} ${RULE_REASON[drug.rule]}`);
  return `Não posso emitir esta receita: ${reasons.join("; ")}.`;
}

/**
 * Throws `document_incomplete` (details.missing lists the labels) or
 * `document_blocked` (details.drugs lists the controlled entries found).
 * `controlledDrugs` is the admin-maintained table, seeded from
 * controlled-drugs-seed.ts; `formulary` resolves brands and misspellings
 * (built-in data when not given).
 */
export function checkDocument(draft: DocumentDraft, controlledDrugs: readonly ControlledDrug[], formulary?: Formulary): void {
  if (draft.kind === "prescription") {
    const blocked = findControlledDrugs(draft.items, controlledDrugs, formulary);
    if (blocked.length > 0) throw new AppError("document_blocked", blockedMessage(blocked), { drugs: blocked });
  }
  const missing = listMissingFields(draft);
  if (missing.length > 0) {
    throw new AppError("document_incomplete", `Faltam dados obrigatórios: ${missing.join(", ")}.`, { missing });
  }
}
