// What the doctor reads about signing with the cloud certificate.
import type { CloudSigningFailure, CloudSigningProvider } from "../../chat-events/types.js";

const APP: Record<CloudSigningProvider, string> = { vidaas: "VIDaaS", birdid: "BirdID", neoid: "NeoID", safeid: "SafeID", other: "do certificado" };
const appOf = (provider: CloudSigningProvider) => `app ${APP[provider]}`;
const documents = (n: number) => (n === 1 ? "1 documento espera" : `${n} documentos esperam`);
const RETRY = "Nada foi enviado ao paciente. Envie *assinar* para tentar de novo.";

const FAILURE: Record<CloudSigningFailure, string> = {
  denied: "A assinatura foi recusada no app.",
  wrong_code: "Código não aceito.",
  timed_out: "A assinatura não foi aprovada a tempo no app.",
  session_expired: "A autorização de assinatura expirou.",
  unavailable: "O serviço do certificado em nuvem não respondeu.",
  rejected: "O serviço do certificado em nuvem recusou o pedido. Se continuar, fale com a clínica.",
  bad_signature: "A assinatura devolvida não confere com o seu certificado. Fale com a clínica.",
  not_holder: "O certificado em nuvem não é do seu CPF. Fale com a clínica.",
};

export const signatureTexts = {
  approvePush: (provider: CloudSigningProvider, waiting: number) =>
    `Aprove a assinatura no ${appOf(provider)}. ${documents(waiting)} sua assinatura.`,
  typeCode: (provider: CloudSigningProvider, waiting: number) =>
    `Digite o código do ${appOf(provider)} para assinar. ${documents(waiting)} sua assinatura.`,
  approved: (hours: number, waiting: number) =>
    `Assinatura autorizada por ${hours} h. ${waiting === 1 ? "Assinando o documento" : `Assinando os ${waiting} documentos`}; para encerrar antes, envie *sair da assinatura*.`,
  approvedNothingWaiting: (hours: number) => `Assinatura autorizada por ${hours} h. Para encerrar antes, envie *sair da assinatura*.`,
  wrongCode: (provider: CloudSigningProvider) => `Código não aceito. Digite o código novo do ${appOf(provider)}.`,
  failed: (failure: CloudSigningFailure) => `${FAILURE[failure]} ${RETRY}`,
  notLinked: "Você não tem certificado em nuvem vinculado. Peça à clínica para vinculá-lo.",
  nothingWaiting: "Nenhum documento esperando assinatura.",
  resuming: (waiting: number) => (waiting === 1 ? "Assinando o documento que esperava." : `Assinando os ${waiting} documentos que esperavam.`),
  ended: "Sessão de assinatura encerrada. O próximo documento vai pedir sua aprovação de novo.",
} as const;
