// NoteWriter over the chat completions API with structured output (a JSON
// schema built from the zod schema, and the answer parsed by it again).
import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { AppError } from "../errors.js";
import { clinicalNoteSchema, type ClinicalNote } from "./clinical-note.js";
import type { NoteWriter, StructuredNote } from "./ports.js";

export const NOTE_SYSTEM_PROMPT = [
  "Você organiza em prontuário o que um médico ditou após a consulta.",
  "Use somente o que está na transcrição e nas correções; nunca acrescente diagnósticos, medicamentos, doses, exames ou achados que o médico não disse.",
  "Em cada item, o campo evidence deve conter o trecho exato da transcrição (ou da correção) que o sustenta, copiado literalmente.",
  "Se uma correção contradiz a transcrição, vale a correção. Campos não ditos ficam null ou em lista vazia.",
  "CID-10 somente se o código foi dito. Escreva em português do Brasil.",
].join(" ");

export function noteUserMessage(transcript: string, corrections: string[]): string {
  const parts = [`Transcrição do ditado:\n"""\n${transcript}\n"""`];
  corrections.forEach((text, index) => parts.push(`Correção ${index + 1} do médico:\n"""\n${text}\n"""`));
  return parts.join("\n\n");
}

export class OpenAiNoteWriter implements NoteWriter {
  constructor(private readonly client: OpenAI, private readonly model: string) {}

  async structure(transcript: string, corrections: string[]): Promise<StructuredNote> {
    const completion = await this.client.chat.completions.parse({
      model: this.model,
      temperature: 0,
      messages: [
        { role: "system", content: NOTE_SYSTEM_PROMPT },
        { role: "user", content: noteUserMessage(transcript, corrections) },
      ],
      response_format: zodResponseFormat(clinicalNoteSchema, "clinical_note"),
    });
    const message = completion.choices[0]?.message;
    if (!message?.parsed) throw new AppError("upstream_unavailable", message?.refusal ? "model refused" : "model answered no note");
    // The server's name for the model (a dated snapshot such as "gpt-4o-2024-08-06"), else the one asked for.
    return { note: message.parsed satisfies ClinicalNote, model: completion.model || this.model };
  }
}
