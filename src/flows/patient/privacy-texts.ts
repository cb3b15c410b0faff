// What the privacy (LGPD) part of the patient flow says.
export const privacyTexts = {
  exported:
    "Enviei acima os dados que a clínica guarda sobre você (cadastro, consentimentos, consultas, documentos e pagamentos): um resumo em PDF para ler e o mesmo conteúdo em JSON, para levar a outro serviço.",
  confirmErasure: [
    "Vou registrar seu pedido de exclusão de dados. A clínica vai analisar e te responder por aqui.",
    "O que a lei não obriga a guardar é apagado (mensagens, áudios, lista de espera, consultas futuras).",
    "Se você já foi atendido, o prontuário médico é guardado por 20 anos, como exige o CFM, com acesso restrito.",
    "1 - Confirmar o pedido",
    "2 - Voltar",
  ].join("\n"),
  erasureRequested: "Pedido de exclusão registrado. Você vai receber a resposta aqui mesmo.",
  erasureAlreadyOpen: "Você já tem um pedido de exclusão em análise. Você vai receber a resposta aqui mesmo.",
  confirmWithdrawal: [
    "Ao revogar o consentimento, deixo de tratar seus dados por aqui: não agendo, não envio lembretes nem documentos pelo WhatsApp, e sua lista de espera é cancelada.",
    "O que já está no prontuário continua guardado, como a lei exige. Você pode dar o consentimento de novo quando quiser.",
    "1 - Revogar",
    "2 - Voltar",
  ].join("\n"),
  withdrawn: "Consentimento revogado. Não vou mais tratar seus dados por aqui. Se mudar de ideia, responda *ACEITO*. Para falar com a recepção, digite *ATENDENTE*.",
  erasedRestricted:
    "Seu pedido de exclusão foi atendido: apagamos mensagens, arquivos, lista de espera e consultas futuras. O prontuário médico e os documentos emitidos ficam guardados por 20 anos, como exige o CFM, com acesso restrito e sem ligação com este número.",
  erasedAll: "Seu pedido de exclusão foi atendido: todos os seus dados foram apagados. Obrigado por ter sido nosso paciente.",
  invalid: "Responda *1* para confirmar ou *2* para voltar.",
} as const;
