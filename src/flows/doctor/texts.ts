// Everything the doctor flow says, in one place.
import type { AgendaView, PatientOption } from "./state.js";

const WEEKDAYS = ["domingo", "segunda", "terça", "quarta", "quinta", "sexta", "sábado"];

/** "2026-11-23" -> "segunda, 23/11" */
export function dayLabel(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
  return `${weekday}, ${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}`;
}

/** 92 -> "1 min 32 s"; 45 -> "45 s"; 120 -> "2 min" */
export function spokenDuration(seconds: number): string {
  const total = Math.max(1, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

const numbered = (options: PatientOption[]) => options.map((option, index) => `*${index + 1}* ${option.name}`).join("\n");

export const doctorTexts = {
  greeting: (name: string, clinic: string) => `Olá, ${name}! Aqui é o assistente da ${clinic}.`,
  help: [
    "Por aqui você pode:",
    "- *agenda* (ou *agenda amanhã*, *agenda 25/11*) e depois o número do paciente;",
    "- *paciente Nome* para escolher um paciente pelo nome;",
    "- enviar um *áudio* depois da consulta para virar uma nota clínica;",
    "- *receita*, *atestado 2 dias* (ou *atestado 2 dias com CID*) e *exames hemograma, glicemia* para o paciente escolhido;",
    "- *cancelar* para sair do que estiver fazendo.",
  ].join("\n"),
  currentPatient: (name: string) => `Paciente escolhido: *${name}*.`,
  notUnderstood: "Não entendi. Digite *ajuda* para ver o que posso fazer.",
  cancelled: "Tudo bem, cancelei.",
  agenda: (agenda: AgendaView) =>
    agenda.entries.length === 0
      ? `Nenhuma consulta na agenda de ${dayLabel(agenda.date)}.`
      : [`Agenda de ${dayLabel(agenda.date)}:`, ...agenda.entries.map((e, i) => `*${i + 1}* ${e.time} ${e.name} (${e.procedure})`), "", "Responda com o número para escolher o paciente."].join("\n"),
  agendaDateInvalid: "Não entendi a data. Tente *agenda*, *agenda amanhã* ou *agenda 25/11*.",
  patientSelected: (name: string) => `Paciente escolhido: *${name}*. Pode enviar o áudio da consulta ou pedir *receita*, *atestado* ou *exames*.`,
  patientNotFound: (query: string) => `Não encontrei paciente com o nome "${query}". Confira a grafia ou use a *agenda*.`,
  choosePatient: (options: PatientOption[]) => [`Encontrei mais de um paciente:`, numbered(options), "", "Responda com o número."].join("\n"),
  chooseNumber: (count: number) => `Responda com um número de 1 a ${count}, ou *cancelar*.`,
  noPatientChosen: "Primeiro escolha o paciente: *agenda* e o número, ou *paciente Nome*.",
  askPatientForAudio: (agenda: AgendaView | undefined) => [
    "Recebi seu áudio. De qual paciente é?",
    agenda && agenda.entries.length > 0 ? agenda.entries.map((e, i) => `*${i + 1}* ${e.time} ${e.name}`).join("\n") : "Não há consultas na agenda de hoje.",
    "Responda com o número, ou escreva *paciente Nome*.",
  ].join("\n"),
  // Dictation
  dictationNotConfigured: "O ditado de notas clínicas não está configurado nesta clínica (falta a chave do serviço de transcrição). Nenhuma nota foi criada.",
  audioAccepted: (seconds: number, patient: string) => `Recebi seu áudio de ${spokenDuration(seconds)} sobre *${patient}*, transcrevendo. Aviso quando a nota estiver pronta.`,
  correctionAudioAccepted: (seconds: number) => `Recebi a correção em áudio de ${spokenDuration(seconds)}, transcrevendo. Mando a nova versão da nota em seguida.`,
  correctionTextAccepted: "Recebi a correção. Mando a nova versão da nota em seguida.",
  notAudio: "Não reconheci esse arquivo como um áudio. Envie uma mensagem de voz.",
  audioTooLong: (seconds: number, max: number) => `O áudio tem ${spokenDuration(seconds)}; o limite é ${spokenDuration(max)}. Divida o ditado em áudios menores.`,
  audioTooLarge: (megabytes: number) => `O áudio passa do limite de ${megabytes} MB. Envie um áudio menor.`,
  askCorrection: "Envie a correção por texto ou por áudio (por exemplo: \"a dose é de 8 em 8 horas\").",
  noteDiscarded: "Nota descartada; o áudio foi apagado.",
  retrying: "Vou tentar processar o áudio de novo.",
  // Documents
  documentNeedsNote: "Não há medicamentos na última nota deste paciente. Digite os medicamentos, um por linha, assim:\n*Dipirona 500 mg comprimido; 10 comprimidos; tomar 1 comprimido de 6 em 6 horas se dor*",
  prescriptionFormat: "Não entendi os medicamentos. Um por linha, assim:\n*Dipirona 500 mg comprimido; 10 comprimidos; tomar 1 comprimido de 6 em 6 horas se dor*",
  certificateFormat: "Diga quantos dias, por exemplo *atestado 2 dias* ou *atestado 2 dias com CID J11*.",
  certificateCidUnknown: "Não há CID na última nota deste paciente. Informe o código: *atestado 2 dias com CID J11*.",
  examsFormat: "Diga quais exames, por exemplo *exames hemograma, glicemia de jejum*.",
  documentActions: "*1* Emitir e enviar ao paciente\n*2* Corrigir\n*3* Cancelar",
  documentCorrect: "Escreva de novo o pedido corrigido (por exemplo *atestado 3 dias* ou *exames hemograma*).",
} as const;
