// Everything the doctor flow says, in one place.

export const doctorTexts = {
  greeting: (name: string, clinic: string) => `Olá, ${name}! Aqui é o assistente da ${clinic}.`,
  help: [
    "Por aqui você poderá:",
    "- enviar um *áudio* depois da consulta para virar uma nota clínica;",
    "- pedir a *agenda* do dia;",
    "- emitir *receita*, *atestado* ou pedido de *exames* assinados.",
    "Esses recursos estão sendo liberados aos poucos; aviso quando estiverem prontos.",
  ].join("\n"),
  audioNotYet: "Recebi seu áudio. O ditado de notas clínicas ainda não foi ativado nesta clínica.",
  notUnderstood: "Não entendi. Digite *ajuda* para ver o que posso fazer.",
} as const;
