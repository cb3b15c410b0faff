export type PatientState =
  | { type: "start" }
  | { type: "awaitingConsent" }
  | { type: "consentDeclined" }
  | { type: "awaitingName" }
  | { type: "menu" }
  | { type: "privacy" };

export const PATIENT_FLOW_VERSION = 1;

export const initialPatientState: PatientState = { type: "start" };
