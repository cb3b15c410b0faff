// What the patient reads when the clinic starts something in the chat
// (src/flows/patient/clinic-events.ts). Reminders, offers and payment
// results that also answer the patient's own steps live in booking-texts.ts.
import type { SignedDocumentKind } from "../../chat-events/types.js";
import { reminderPromise } from "./booking-texts.js";
import { professionalSubject } from "./my-data-texts.js";
const YOUR_SIGNED: Record<SignedDocumentKind, string> = {
  prescription: "Sua receita, assinada", certificate: "Seu atestado, assinado", exam_request: "Sua solicitação de exames, assinada",
};
/** A dependant's document, in the guardian's chat: "Atestado de Pedro Souza, assinado". */
const THEIR_SIGNED: Record<SignedDocumentKind, (name: string) => string> = {
  prescription: (n) => `Receita de ${n}, assinada`, certificate: (n) => `Atestado de ${n}, assinado`, exam_request: (n) => `Solicitação de exames de ${n}, assinada`,
};

/** The document with its article and the agreeing participles: "Sua receita ... emitida ... cancelada". */
const REVOKED: Record<SignedDocumentKind, [string, string, string]> = {
  prescription: ["Sua receita", "emitida", "cancelada"], certificate: ["Seu atestado", "emitido", "cancelado"], exam_request: ["Seu pedido de exames", "emitido", "cancelado"],
};

export const clinicEventTexts = {
  /** The patient is in the middle of something: the reminder does not take over their numbers. */
  reminderAside: (when: string, who: string, what: string) =>
    `Lembrete: ${what} ${when} com ${who}.\nPara confirmar presença, responda *confirmo presença*. Para remarcar ou cancelar, digite *menu* e escolha *2* quando terminar aqui.`,
  waitlistOfferAside: (when: string, who: string, minutes: number) =>
    `Abriu um horário da sua lista de espera: ${when} com ${who}. Seguro a vaga por ${minutes} minutos: para ficar com ela, responda *quero a vaga*. Se não, pode continuar por aqui normalmente.`,
  cancelledByClinic: (what: string, when: string, who: string, reason: string | undefined) =>
    `A clínica cancelou sua ${what} de ${when} com ${who}.${reason ? ` Motivo: ${reason}.` : ""} Desculpe o transtorno.\nQuer marcar outro horário? Responda *1* ou *sim*.`,
  cancelledByClinicAside: (what: string, when: string, who: string, reason: string | undefined) =>
    `A clínica cancelou sua ${what} de ${when} com ${who}.${reason ? ` Motivo: ${reason}.` : ""} Desculpe o transtorno. Para marcar outro horário, digite *menu* e escolha *1* quando terminar aqui.`,
  bookedForYou: (what: string, when: string, who: string, reminder?: string | null) =>
    `A clínica agendou para você ✅\n${what}: ${when} com ${who}.\n${reminderPromise(reminder)} Para ver ou mudar, digite *menu* e escolha *2*.`,
  offerGone: "Essa vaga não está mais separada para você. Se quiser, continue agendando por aqui.",
  paymentFailedAside: "O pagamento do Pix da sua reserva não foi aprovado. Para tentar de novo, digite *menu* e agende outra vez.",
  // The access code opens the signed file at the verification page; only a prescription goes to a pharmacy.
  documentCaption: (kind: SignedDocumentKind, doctor: string, code: string, secret: string, forName?: string) =>
    `${forName ? THEIR_SIGNED[kind](forName) : YOUR_SIGNED[kind]} digitalmente por ${doctor}. Código de verificação: ${code}. ${kind === "prescription" ? "Código de acesso para a farmácia" : "Código de acesso"}: ${secret}.`,
  documentRevoked: (kind: SignedDocumentKind, code: string, reason: string, doctor: string) =>
    `${REVOKED[kind][0]} (código ${code}), ${REVOKED[kind][1]} por ${doctor}, foi ${REVOKED[kind][2]} pela clínica e não vale mais. Motivo: ${reason}. Se precisar de outro, fale com a recepção: digite *menu* e escolha *4*.`,
  cidQuestion: (doctor: string, cid: string, days: number) =>
    `${professionalSubject(doctor)} vai emitir seu atestado de ${days} ${days === 1 ? "dia" : "dias"} e pediu para incluir o código da doença (CID ${cid}). ` +
    "O CID só aparece no atestado se você autorizar.\n*1* Autorizo incluir o CID\n*2* Não autorizo (o atestado sai sem o CID)",
  /** The patient is in the middle of something: the question comes with words to answer it by, and their numbers stay theirs. */
  cidQuestionAside: (doctor: string, cid: string, days: number) =>
    `${professionalSubject(doctor)} vai emitir seu atestado de ${days} ${days === 1 ? "dia" : "dias"} e pediu para incluir o código da doença (CID ${cid}). ` +
    "O CID só aparece no atestado se você autorizar. Para responder, agora ou quando terminar aqui, escreva *autorizo CID* ou *não autorizo CID*.",
} as const;

/** How a document is named in a sentence. */
export const documentLabel = { prescription: "receita", certificate: "atestado", exam_request: "solicitação de exames" } as const;
