// The structured clinical note, as the model must answer it (zod at the
// boundary) and as it is stored. Every item carries `evidence`: the words of
// the transcript it comes from, so grounding.ts can drop what the doctor did
// not say. Optional fields are nullable, not absent: strict structured output
// requires every key.
import { z } from "zod";

const evidence = z.string().describe("Trecho literal da transcrição que sustenta este item, copiado sem alterações");

export const noteItemSchema = z.object({ text: z.string(), evidence });

export const diagnosisSchema = z.object({
  diagnosis: z.string(),
  cid10: z.string().nullable().describe("Código CID-10 somente se o médico o disse"),
  evidence,
});

export const medicationSchema = z.object({
  name: z.string().describe("Nome do medicamento como dito pelo médico"),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  dose: z.string().nullable(),
  route: z.string().nullable(),
  frequency: z.string().nullable(),
  duration: z.string().nullable(),
  evidence,
});

export const clinicalNoteSchema = z.object({
  chiefComplaint: noteItemSchema.nullable(),
  history: z.array(noteItemSchema),
  examination: z.array(noteItemSchema),
  assessment: z.array(diagnosisSchema),
  plan: z.array(noteItemSchema),
  medications: z.array(medicationSchema),
  allergies: z.array(noteItemSchema),
  examsRequested: z.array(noteItemSchema),
  followUp: noteItemSchema.nullable(),
});

export type NoteItem = z.infer<typeof noteItemSchema>;
export type Diagnosis = z.infer<typeof diagnosisSchema>;
export type Medication = z.infer<typeof medicationSchema>;
export type ClinicalNote = z.infer<typeof clinicalNoteSchema>;

export const emptyNote = (): ClinicalNote => ({
  chiefComplaint: null, history: [], examination: [], assessment: [], plan: [],
  medications: [], allergies: [], examsRequested: [], followUp: null,
});
