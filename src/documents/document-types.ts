// What a doctor asks the product to issue. Mandatory fields follow CFM
// 2.299/2021 and 2.381/2024 and Lei 5.991 art. 35; check-document.ts says
// which are missing, in Portuguese.

export type DocumentKind = "prescription" | "certificate" | "exam_request";

/** What a doctor asked to issue, before the product adds doctor, patient and clinic data. */
export type DocumentRequest =
  | { kind: "prescription"; items: { genericName: string; strength: string; form: string; quantity: string; instructions: string }[] }
  /** With cid10, the patient is asked for written authorisation first; with attendance, hours instead of days off (daysOff 0). */
  | { kind: "certificate"; daysOff: number; startDate: string; cid10?: string; attendance?: Attendance }
  | { kind: "exam_request"; exams: string[] };

/** An atestado de comparecimento: the consultation's day and its hours ("14:00" to "15:00"), or how many hours. */
export type Attendance = { date: string; from?: string; to?: string; hours?: number };

export type Doctor = {
  name: string;
  crm: string;
  /** Two-letter state of the CRM registration, e.g. "SP". */
  crmUf: string;
  /** Registro de Qualificação de Especialista, required when a specialty is shown. */
  rqe?: string;
  specialty?: string;
  clinicName: string;
  clinicAddress: string;
  city: string;
  phone?: string;
  email?: string;
};

export type Patient = {
  fullName: string;
  /** Digits or formatted; the identity document CFM asks for. */
  cpf?: string;
  /** Another identity document ("RG 12.345.678-9 SSP/SP") for people without CPF. */
  otherDocument?: string;
  /** Required on prescriptions (Lei 5.991 art. 35). */
  address?: string;
};

export type PrescriptionItem = {
  /** Denominação Comum Brasileira, e.g. "Dipirona monoidratada". */
  genericName: string;
  strength: string;
  form: string;
  quantity: string;
  /** Written out in full Portuguese, no abbreviations. */
  instructions: string;
};

type DocumentBase = {
  doctor: Doctor;
  patient: Patient;
  /** Instant of issue; also the signature time. */
  issuedAt: Date;
  /** IANA zone of the clinic, e.g. "America/Sao_Paulo". */
  timeZone: string;
};

export type PrescriptionDraft = DocumentBase & { kind: "prescription"; items: PrescriptionItem[] };

export type CertificateDraft = DocumentBase & {
  kind: "certificate";
  daysOff: number;
  /** Calendar date in the clinic's zone, "YYYY-MM-DD". */
  startDate: string;
  /** CID-10 code; printed only when the patient authorised it. */
  cid10?: string;
  cidAuthorized?: boolean;
  /** A certificate of attendance: hours at the consultation instead of days off. */
  attendance?: Attendance;
};

export type ExamRequestDraft = DocumentBase & {
  kind: "exam_request";
  exams: string[];
  clinicalIndication?: string;
};

export type DocumentDraft = PrescriptionDraft | CertificateDraft | ExamRequestDraft;

export type ControlledDrugClass = "antimicrobial" | "special_control" | "notification";

/**
 * One entry of the admin-maintained list of drugs this product must not
 * prescribe. `rule` says why: "sncr_only" types are legal electronically only
 * through a system connected to Anvisa's SNCR (RDC 1.000/2025); "never" types
 * need a paper Notificação de Receita or are otherwise barred.
 */
export type ControlledDrug = {
  name: string;
  class: ControlledDrugClass;
  /** Regulatory list: "RDC 471/2021", "A1", "B1", "C1", ... */
  list: string;
  rule: "sncr_only" | "never";
};
