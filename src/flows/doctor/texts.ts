// Everything the doctor flow says, in one place.
import type { ParsedItem } from "../../documents/prescription/prescription-item.js";
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
    "- *receita* e os medicamentos (por exemplo *receita paracetamol 750 mg 1 cp 6/6h se dor por 3 dias*), *atestado 2 dias* (ou *atestado 3 dias a partir de 30/11*, *atestado 2 dias com CID*) e *exames hemograma, glicemia* para o paciente escolhido;",
    "- *adendo* e o texto para acrescentar à última nota salva do paciente (a nota não é alterada);",
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
  dictationNoConsent: (patient: string) =>
    `*${patient}* revogou o consentimento: não transcrevo nem organizo este áudio com IA. Registre a consulta no prontuário por outro meio.`,
  correctionAudioAccepted: (seconds: number) => `Recebi a correção em áudio de ${spokenDuration(seconds)}, transcrevendo. Mando a nova versão da nota em seguida.`,
  correctionTextAccepted: "Recebi a correção. Mando a nova versão da nota em seguida.",
  notAudio: "Não reconheci esse arquivo como um áudio. Envie uma mensagem de voz.",
  audioTooLong: (seconds: number, max: number) => `O áudio tem ${spokenDuration(seconds)}; o limite é ${spokenDuration(max)}. Divida o ditado em áudios menores.`,
  audioTooLarge: (megabytes: number) => `O áudio passa do limite de ${megabytes} MB. Envie um áudio menor.`,
  askCorrection: "Envie a correção por texto ou por áudio (por exemplo: \"a dose é de 8 em 8 horas\").",
  addendumFormat: "Escreva o adendo depois da palavra, por exemplo *adendo paciente trouxe exames: hemograma normal*.",
  noteDiscarded: "Nota descartada; o áudio foi apagado.",
  retrying: "Vou tentar processar o áudio de novo.",
  // Documents
  documentNeedsNote: "Não há medicamentos na última nota deste paciente. Digite os medicamentos como na receita, um por linha, por exemplo:\n*paracetamol 750 mg 1 cp 6/6h se dor ou febre por 3 dias*",
  prescriptionFormat: "Não entendi os medicamentos. Comece cada um pelo nome, um por linha, por exemplo:\n*amoxicilina 500 mg 1 cp 8/8h por 7 dias*",
  prescriptionTitle: (patient: string) => `*Receita* para ${patient}:`,
  prescriptionItem: (position: number, item: ParsedItem) =>
    `${position}. ${[item.genericName, item.strength, item.form].filter(Boolean).join(" ")} — ${item.quantity ? `${item.quantity}${item.quantityComputed ? " (calculado)" : ""}` : "quantidade a informar"}`,
  itemMissing: (fields: string[]) => `Falta informar: ${fields.join(", ")}.`,
  unknownDrug: (written: string) => `⚠️ Não conheço "${written}". Confirme que não é controlado nem antimicrobiano.`,
  typoDrug: (written: string, substance: string) => `⚠️ Li "${written}" como *${substance}*. Confira.`,
  doseAssumed: "Dose de 1 unidade por vez (não escrita). Confira.",
  allergyWarning: (allergy: string, position: number, substance: string, drugClass?: string) =>
    `⚠️ Alergia registrada "${allergy}": item ${position} (${substance}${drugClass ? `, ${drugClass}` : ""}).`,
  prescriptionActions: (count: number) =>
    `*1* Emitir e enviar ao paciente\n*2* Corrigir ${count === 1 ? "o item" : "um item (ou *corrigir 2 amoxicilina 875 mg 12/12h 7 dias*)"}\n*3* Cancelar`,
  prescriptionActionsBlocked: "*2* Corrigir um item (ou *corrigir 2 ...*, *remover 2*)\n*3* Cancelar",
  prescriptionActionsConfirm: "Há avisos acima. Para emitir mesmo assim, responda *confirmo*.\n*2* Corrigir um item (ou *corrigir 2 ...*)\n*3* Cancelar",
  removeBlocked: "Remova o item (*remover* e o número) ou troque por outro (*corrigir* e o número).",
  confirmWarnings: "Há avisos nesta receita. Para emitir mesmo assim, responda *confirmo*; para mudar um item, *corrigir* e o número.",
  prescriptionIncomplete: (missing: string[]) => `Antes de emitir, falta informar: ${missing.join(", ")}. Responda *corrigir* e o número do item.`,
  chooseItem: (count: number) => `Qual item corrigir? Responda com o número (1 a ${count}), ou escreva *corrigir 2* e o item certo.`,
  askItemCorrection: (position: number, item: ParsedItem) => `Escreva o item ${position} corrigido (agora: _${item.writtenName} ${item.strength} ${item.posology}_).`,
  itemNotUnderstood: (position: number) => `Não entendi o item ${position}. Comece pelo nome do medicamento, por exemplo *amoxicilina 875 mg 1 cp 12/12h por 7 dias*.`,
  certificateFormat: "Diga quantos dias, por exemplo *atestado 2 dias*, *atestado 3 dias a partir de 30/11* ou *atestado 2 dias com CID J11*.",
  certificateDateInvalid: "Não entendi a data de início. Use dia e mês, por exemplo *atestado 3 dias a partir de 30/11*.",
  attendanceFormat: "Diga o horário ou as horas, por exemplo *atestado de comparecimento hoje das 14h às 15h* ou *atestado 2 horas*.",
  certificateCidUnknown: "Não há CID na última nota deste paciente. Informe o código: *atestado 2 dias com CID J11*.",
  examsFormat: "Diga quais exames, por exemplo *exames hemograma, glicemia de jejum*.",
  documentActions: "*1* Emitir e enviar ao paciente\n*2* Corrigir\n*3* Cancelar",
  documentCorrect: "Escreva de novo o pedido corrigido (por exemplo *atestado 3 dias* ou *exames hemograma*).",
  documentNotSentNoConsent: (label: string, code: string) =>
    `Documento assinado (${label}, código ${code}), mas *não enviado ao paciente*: ele revogou o consentimento para receber mensagens por este WhatsApp. ` +
    "Entregue por outro meio (impresso ou e-mail); a clínica baixa o PDF pelo painel.",
  cidNoConsent: (cid: string) =>
    `O paciente revogou o consentimento para este WhatsApp: não posso pedir por aqui a autorização do CID ${cid}. ` +
    "Colha a autorização por escrito pessoalmente, ou peça o atestado sem CID (ele não será enviado ao paciente por aqui).",
} as const;
