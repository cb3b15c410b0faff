// What the doctor reads about work done outside their turn (signing,
// dictation) and about the outcome of what they asked for.
import type { SignedDocumentKind } from "../../chat-events/types.js";

export const documentNames: Record<SignedDocumentKind, string> = { prescription: "receita", certificate: "atestado", exam_request: "solicitação de exames" };

/** "do atestado", "da receita": the document with its article, for "Cópia do atestado". */
const OF_DOCUMENT: Record<SignedDocumentKind, string> = { prescription: "da receita", certificate: "do atestado", exam_request: "da solicitação de exames" };
const THE_DOCUMENT: Record<SignedDocumentKind, string> = { prescription: "a receita", certificate: "o atestado", exam_request: "a solicitação de exames" };

/** The patient by name when the event carries it: the doctor may be working on someone else by now. */
const who = (patient: string | undefined) => (patient ? `*${patient}*` : "O paciente");

export const doctorEventTexts = {
  noteSaved: (version: number, patient: string, noteDate: string) =>
    version === 1
      ? `Nota salva no prontuário de *${patient}*. ✅`
      : `Adendo salvo na nota de ${noteDate} do prontuário de *${patient}* (versão ${version}); a nota original não foi alterada. ✅`,
  noNoteForAddendum: (patient: string) =>
    `*${patient}* ainda não tem nota salva no prontuário para receber um adendo. Para um rascunho, responda *1* para salvá-lo como nota nova.`,
  noteNotOpen: "Essa nota não está mais aberta (já foi salva ou descartada).",
  patientGone: "Não encontrei mais este paciente.",
  issuing: "Emitindo e assinando o documento...",
  noCertificate: "Você ainda não tem um certificado digital A1 (ICP-Brasil) cadastrado. Peça à clínica para enviá-lo pelo painel; nenhum documento foi emitido.",
  cidAsked: (cid: string) => `Pedi ao paciente, pelo WhatsApp, autorização por escrito para incluir o CID ${cid}. Emito o atestado assim que ele responder.`,
  cidAnswered: (granted: boolean, cid: string, patient?: string) => granted
    ? `${who(patient)} autorizou por escrito incluir o CID ${cid}. Emitindo o atestado com o CID.`
    : `${who(patient)} não autorizou incluir o CID ${cid}. Emitindo o atestado sem o CID.`,
  documentCopy: (kind: SignedDocumentKind, code: string, patient?: string) => patient
    ? `Cópia ${OF_DOCUMENT[kind]} de *${patient}*; o original foi enviado ao WhatsApp do paciente. Código: ${code}.`
    : `Cópia ${OF_DOCUMENT[kind]} enviada ao paciente. Código: ${code}.`,
  signFailed: (kind: SignedDocumentKind, reason: string, patient?: string) =>
    `Não consegui assinar ${THE_DOCUMENT[kind]}${patient ? ` de *${patient}*` : ""}: ${reason} Nenhum documento foi enviado ao paciente.`,
  dictationFailed: (patient: string) =>
    `Não consegui processar o áudio de *${patient}*: o serviço de transcrição ou de IA não respondeu depois de várias tentativas. ` +
    "O áudio continua guardado. Responda *1* para tentar de novo ou *3* para descartar.",
  audioMissing: "Não encontrei mais o arquivo deste áudio. Envie o áudio de novo, por favor.",
  silent: (patient: string) => `Não consegui entender nada no áudio de *${patient}*. Responda *1* para tentar de novo, *3* para descartar, ou envie outro áudio.`,
} as const;
