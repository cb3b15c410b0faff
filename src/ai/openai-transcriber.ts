// Transcriber over the OpenAI audio API (Whisper or any compatible server).
import OpenAI, { toFile } from "openai";
import type { Transcriber } from "./ports.js";

// Words Whisper tends to miss in Brazilian clinical speech; the prompt biases
// the spelling, it does not add content.
export const MEDICAL_VOCABULARY_PROMPT = [
  "Consulta médica ditada em português do Brasil.",
  "Termos: anamnese, queixa principal, hipertensão arterial sistêmica, diabetes mellitus, dispneia, dor torácica,",
  "ausculta pulmonar, murmúrio vesicular, bulhas rítmicas normofonéticas, abdome flácido, CID-10,",
  "dipirona, paracetamol, ibuprofeno, losartana, metformina, omeprazol, hemograma, glicemia de jejum, creatinina.",
].join(" ");

// A patient's voice note to the clinic: days, times and booking words.
export const PATIENT_VOCABULARY_PROMPT =
  "Mensagem de voz de um paciente para a clínica, em português do Brasil: agendar, remarcar ou cancelar consulta, " +
  "amanhã, segunda-feira, terça, quarta, quinta, sexta, sábado, de manhã, à tarde, às 14h, com a doutora.";

const EXTENSIONS: Record<string, string> = {
  "audio/ogg": "ogg", "audio/opus": "ogg", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "m4a",
  "audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/webm": "webm", "audio/amr": "amr",
};

export function audioFileName(mimetype: string): string {
  const base = mimetype.split(";")[0]?.trim().toLowerCase() ?? "";
  return `audio.${EXTENSIONS[base] ?? "ogg"}`;
}

export class OpenAiTranscriber implements Transcriber {
  constructor(private readonly client: OpenAI, private readonly model: string) {}

  async transcribe(audio: Buffer, mimetype: string, prompt = MEDICAL_VOCABULARY_PROMPT): Promise<string> {
    const file = await toFile(audio, audioFileName(mimetype), { type: mimetype.split(";")[0] });
    const result = await this.client.audio.transcriptions.create({
      file, model: this.model, language: "pt", prompt, response_format: "json",
    });
    return result.text.trim();
  }
}
