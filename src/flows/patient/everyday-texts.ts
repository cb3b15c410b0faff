// What the chat says to everyday words: thanks, "ok", a name given or corrected.
export const everydayTexts = {
  youreWelcome: "De nada! Se precisar de algo, é só mandar uma mensagem. 😊",
  ack: "Combinado! Se precisar de algo, digite *menu*.",
  goodbye: "Até logo! Quando precisar, é só chamar por aqui. 👋",
  askNameAgain: "Como você se chama? Escreva seu nome completo, por favor.",
  nameFirst: "Já vou ajudar com isso! Antes, como você se chama? (nome completo)",
  nameChanged: (name: string) => `Pronto, corrigi seu nome para *${name}*.`,
  noUpcoming: "Você não tem consultas marcadas para confirmar. Para agendar, digite *1*.",
} as const;
