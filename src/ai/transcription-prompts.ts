// The prompts given to the transcriber, apart from the OpenAI adapter so the
// flows that pass them do not load the SDK.

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
