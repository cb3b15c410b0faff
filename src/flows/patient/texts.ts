// Everything the patient flow says, in one place so it can be read and
// reviewed as a whole.

// v2: the consent says the clinic uses AI to transcribe and organise consultations (CFM 2.454/2026).
export const CONSENT_TEXT_VERSION = "2026-11-v2";

export const patientTexts = {
  welcome: (clinic: string) =>
    `Olá! Você está falando com o assistente virtual da *${clinic}*.`,
  consent: (clinic: string) =>
    [
      `Para agendar consultas e enviar seus documentos, a ${clinic} precisa guardar seu nome, seu telefone e as informações dos seus atendimentos, conforme a LGPD (Lei 13.709/2018).`,
      "Esses dados são usados só para o seu atendimento, ficam protegidos e você pode pedir acesso ou exclusão a qualquer momento.",
      "A clínica usa inteligência artificial para transcrever e organizar as consultas; um médico revisa e confirma tudo antes de salvar no prontuário ou de enviar a você.",
      "",
      "Você concorda?",
      "1 - Sim, concordo",
      "2 - Não concordo",
    ].join("\n"),
  consentRetry: "Por favor, responda *1* para concordar ou *2* para não concordar.",
  consentDeclined:
    "Tudo bem, não vou guardar nenhum dado seu. Sem o consentimento não consigo agendar nem enviar documentos por aqui. Se mudar de ideia, é só responder *ACEITO*. Para falar com a recepção, digite *ATENDENTE*.",
  stillDeclined:
    "Ainda não tenho o seu consentimento, então não posso continuar por aqui. Responda *ACEITO* para concordar ou *ATENDENTE* para falar com a recepção.",
  askName: "Obrigado! Como você se chama? (nome completo)",
  nameInvalid: "Não consegui entender seu nome. Pode escrever seu nome completo, só com letras?",
  niceToMeet: (firstName: string) => `Prazer, ${firstName}!`,
  welcomeBack: (firstName: string) => `Olá de novo, ${firstName}!`,
  menu: [
    "Como posso ajudar? Responda com o número:",
    "1 - Agendar consulta",
    "2 - Minhas consultas",
    "3 - Meus documentos",
    "4 - Falar com a recepção",
    "5 - Privacidade e meus dados",
  ].join("\n"),
  notYet: (what: string) =>
    `${what} ainda não está disponível por aqui. Já estamos preparando! Enquanto isso, digite *4* para falar com a recepção.`,
  privacy: [
    "Seus dados são tratados conforme a LGPD e usados só para o seu atendimento.",
    "1 - Receber uma cópia dos meus dados",
    "2 - Pedir a exclusão dos meus dados",
    "3 - Revogar meu consentimento",
    "4 - Informar ou corrigir meu CPF e endereço",
    "Ou digite *menu* para voltar.",
  ].join("\n"),
  // `opensAt`: "amanhã às 8h", "segunda às 8h"; null: the reception is open now; undefined: no hours configured.
  handoff: (opensAt: string | null | undefined) =>
    [
      opensAt === null
        ? "Certo! Já avisei a recepção: alguém vai responder por aqui em instantes."
        : opensAt
          ? `Certo! Avisei a recepção, mas ela está fechada agora. A recepção abre ${opensAt} e responde por aqui.`
          : "Certo! Avisei a recepção: alguém vai responder por aqui assim que possível.",
      "Enquanto isso, continuo ajudando com suas consultas (digite *menu*). Se preferir que eu fique em silêncio, digite *AGUARDAR*.",
      "Em caso de urgência, ligue 192 (SAMU).",
    ].join("\n"),
  handoffWaiting: (hours: number) =>
    `Combinado, fico em silêncio nesta conversa até a recepção responder (por até ${hours} h). Em caso de urgência, ligue 192 (SAMU).`,
  help: [
    "Posso ajudar com consultas, documentos e seus dados. Palavras que funcionam a qualquer momento:",
    "*menu* - volta ao menu principal",
    "*cancelar* - desiste do que estiver fazendo",
    "*atendente* - chama a recepção",
  ].join("\n"),
  cancelled: "Tudo bem, deixei isso de lado.",
  idleReset: "Ficamos um tempo sem conversar, então voltei ao início.",
  notUnderstood: "Desculpe, não entendi. Responda com o número de uma opção ou digite *ajuda*.",
  audioNotSupported: "Recebi seu áudio, mas ainda não consigo ouvir áudios por aqui. Pode escrever, por favor?",
  mediaNotExpected: (what: string) => `Recebi ${what}, obrigado! Por aqui eu entendo mensagens de texto. Digite *menu* para ver as opções.`,
} as const;

export const mediaNames: Record<string, string> = {
  image: "sua imagem",
  document: "seu documento",
  video: "seu vídeo",
  sticker: "sua figurinha",
  location: "sua localização",
  other: "sua mensagem",
};
