// What the chat says to a possible emergency or a clinical question: never a
// medical opinion, always where to get help. SAMU 192 and CVV 188 are the
// national numbers (CVV: free, 24 hours, also at cvv.org.br).
export const safetyTexts = {
  emergency:
    "⚠️ Isso pode ser uma emergência. Ligue agora para o SAMU: *192*, ou vá ao pronto-socorro mais próximo. Não espere resposta por aqui.",
  suicide:
    "Sinto muito que você esteja passando por isso. Você não está sozinho(a): ligue para o CVV, *188* (grátis, 24 horas), ou converse em cvv.org.br. Se estiver em perigo agora, ligue *192* (SAMU).",
  /** After the emergency answer, once the clinic was told (handoffOpened). */
  clinicTold: (open: boolean) => open
    ? "Também avisei a equipe da clínica, que vai responder por aqui."
    : "Também avisei a equipe da clínica, que responde por aqui quando abrir. Não espere: ligue *192*.",
  clinical:
    "Não posso dar orientação médica por aqui. Para avaliar isso, o melhor é uma consulta: digite *1* para agendar, ou *atendente* para falar com a recepção. Se for urgente, ligue *192* (SAMU).",
} as const;
