// What the booking and appointment parts of the patient flow say.

const numbered = (items: string[]) => items.map((item, i) => `${i + 1} - ${item}`).join("\n");
/** `reminder`: when the reminder goes ("segunda, 23/11 às 13:00"); null: none will, the time is too close; undefined: not known. */
export const reminderPromise = (reminder: string | null | undefined) =>
  reminder === undefined ? "Vou mandar um lembrete antes." : reminder === null ? "Como é em breve, não vou mandar lembrete: anote o horário." : `Vou mandar um lembrete (${reminder}).`;
const noticeLabel = (hours: number) => (hours === 0 ? "até o horário da consulta" : `até ${hours} h antes da consulta`);

export const bookingTexts = {
  noProcedures: "Ainda não há consultas disponíveis para agendar por aqui. Digite *4* para falar com a recepção.",
  chooseProcedure: (names: string[]) => `Qual atendimento você quer agendar?\n${numbered(names)}\n\nÉ para outra pessoa (um filho, por exemplo)? Responda *outra pessoa*.`,
  bookingFor: (first: string) => `👤 Para: ${first}`,
  chooseProfessional: (names: string[]) => `Com quem?\n${numbered([...names, "Qualquer profissional"])}`,
  searching: "Um instante, vou ver os horários livres…",
  chooseDay: (labels: string[], more = false) => `Estes dias têm horários livres:\n${numbered(labels)}\n\nResponda com o número ou escreva o dia (ex.: "amanhã", "dia 25").${more ? " Para ver mais dias, responda *mais*." : ""} Nenhum serve? Responda *0* para entrar na lista de espera.`,
  noMoreDays: "Esses eram os últimos dias com horários que encontrei. Para uma data mais adiante, escreva o dia (ex.: \"dia 20\"). De novo do começo:",
  noDayMatch: (wanted: string) => `Não tenho horário livre em ${wanted}. Veja os dias com horários:`,
  chooseTime: (day: string, labels: string[], more = false) =>
    `Horários livres em ${day}:\n${numbered(labels)}\n\nResponda com o número ou escreva o horário (ex.: 16h, à tarde).${more ? " Para ver os outros horários, responda *mais*." : ""} *0* escolhe outro dia.`,
  noneAsWished: "Não encontrei horário livre como você pediu. Veja os dias com horários:",
  noTimeMatch: (time: string) => `O horário das ${time} não está livre. Estes estão:`,
  summary: (lines: string[]) => `Confira o agendamento:\n${lines.join("\n")}\n\n1 - Confirmar\n2 - Escolher outro horário`,
  /** `reminder`: when the reminder goes ("segunda, 23/11 às 13:00"); null: none will, the time is too close. */
  booked: (when: string, who: string, reminder?: string | null, forName?: string) => `Pronto, agendado! ✅\n${when} com ${who}${forName ? `, para ${forName}` : ""}.\n${
    reminderPromise(reminder)} Para ver ou mudar, digite *menu* e escolha *2*.`,
  rescheduled: (when: string, who: string) => `Pronto, remarcado! ✅ Nova data: ${when} com ${who}. O horário anterior foi liberado.`,
  taken: "Puxa, esse horário acabou de ser ocupado. Estes são os mais próximos:",
  takenNoAlternatives: "Puxa, esse horário acabou de ser ocupado e não encontrei outro livre.",
  noSlots: "Não encontrei horários livres nos próximos dias. Quer entrar na lista de espera? Aviso assim que abrir uma vaga.\n1 - Sim, entrar na lista\n2 - Não, obrigado",
  invalidOption: (max: number) => `Não entendi. Responda com um número de 1 a ${max}.`,
  none: "Você não tem consultas marcadas. Digite *1* no menu para agendar.",
  myAppointments: (lines: string[]) => `Suas próximas consultas:\n${numbered(lines)}\n\nResponda com o número para confirmar, remarcar ou cancelar.`,
  actions: (line: string, canChange = true, note?: string) => canChange
    ? `${line}\n\n1 - Confirmar presença\n2 - Remarcar\n3 - Cancelar\n0 - Voltar${note ? `\n\n${note}` : ""}`
    : `${line}\n\n1 - Confirmar presença\n0 - Voltar\n\n${note ?? ""}`.trimEnd(),
  /** Why cancel and reschedule are not offered, and what to do instead. */
  changeClosed: (hours: number) => `Remarcar ou cancelar por aqui só ${noticeLabel(hours)}. Para remarcar ou cancelar agora, fale com a recepção: digite *atendente*.`,
  /** Inside the grace period right after booking. */
  changeUntil: (time: string) => `Você acabou de agendar: dá para remarcar ou cancelar por aqui até ${time}.`,
  confirmCancel: (line: string) => `Quer mesmo cancelar ${line}?\n1 - Sim, cancelar\n2 - Não`,
  cancelled: "Consulta cancelada. Se quiser marcar outra, é só digitar *1* no menu.",
  cancelTooLate: (hours: number, action: "cancel" | "reschedule" = "cancel") => {
    const verb = action === "cancel" ? "cancelar" : "remarcar";
    return `Por aqui, só dá para ${verb} ${noticeLabel(hours)}. Para ${verb} agora, fale com a recepção: digite *atendente*.`;
  },
  presenceConfirmed: "Presença confirmada. Até lá! 👋",
  appointmentGone: "Essa consulta não está mais ativa. Digite *menu* para ver as opções.",
  reminder: (when: string, who: string, what: string, canChange = true, hours = 24) => canChange
    ? `Lembrete: ${what} ${when} com ${who}.\n1 - Confirmo\n2 - Remarcar\n3 - Cancelar`
    : `Lembrete: ${what} ${when} com ${who}.\n1 - Confirmo\n\nRemarcar ou cancelar por aqui só ${noticeLabel(hours)}. Para isso agora, fale com a recepção: digite *atendente*.`,
  reminderInvalid: "Responda *1* para confirmar, *2* para remarcar ou *3* para cancelar.",
  reminderInvalidConfirmOnly: "Responda *1* para confirmar. Para remarcar ou cancelar, digite *atendente* e fale com a recepção.",
  waitlistOffer: (when: string, who: string, minutes: number) => `Abriu um horário: ${when} com ${who}. Quer ficar com ele? Seguro a vaga por ${minutes} minutos.\n1 - Sim, quero\n2 - Não, obrigado`,
  // Pix prepayment (src/payments/): the QR code image and the "copia e cola" code go first, then these.
  prepaymentLine: "💳 Pagamento antecipado por Pix para confirmar",
  pixCaption: (what: string, price: string) => `Pix de ${price}: ${what}. Leia o QR code no app do seu banco ou use o código "copia e cola" da próxima mensagem.`,
  pixSent: (deadline: string) => `Seu horário está reservado até ${deadline}. Pague o Pix até lá e eu confirmo o agendamento aqui assim que o pagamento cair.\n1 - Reenviar o código Pix\n2 - Cancelar`,
  pixWaiting: (deadline: string) => `Ainda estou aguardando o pagamento do Pix (prazo: ${deadline}).\n1 - Reenviar o código Pix\n2 - Cancelar`,
  pixUnavailable: "Não consegui gerar o Pix agora. Responda *1* para tentar de novo ou *2* para cancelar. Se preferir, escreva *atendente*.",
  pixCancelled: "Tudo bem, cancelei a reserva e o Pix. Se quiser agendar de novo, é só digitar *1* no menu.",
  pixExpiredInChat: "O prazo para pagar o Pix acabou e o horário foi liberado. Para agendar de novo, digite *1* no menu.",
  paymentReceived: (price: string, when: string, who: string, reminder?: string | null) =>
    `Pagamento recebido ✅ ${price} via Pix.\nConsulta agendada: ${when} com ${who}.\n${reminderPromise(reminder)} Para ver ou mudar, digite *menu* e escolha *2*.`,
  paymentLateBooked: (price: string, when: string, who: string) => `Recebemos seu Pix de ${price} depois do prazo, mas o horário ainda estava livre: consulta agendada ✅ ${when} com ${who}.`,
  paymentLateRefund: (price: string) => `Recebemos seu Pix de ${price} depois do prazo, e o horário já tinha sido ocupado. Vou devolver o valor pelo Pix; aviso aqui quando o estorno for feito. Para escolher outro horário, digite *1* no menu.`,
  paymentNotNeeded: (price: string) => `Recebemos um Pix de ${price} para uma reserva que não está mais ativa. Vou devolver o valor; aviso aqui quando o estorno for feito.`,
  paymentFailed: "O pagamento do Pix não foi aprovado. Responda *1* para gerar um novo código ou *2* para cancelar.",
  paymentExpired: (when: string) => `O prazo para pagar o Pix acabou e o horário de ${when} foi liberado. Para agendar de novo, digite *1* no menu.`,
  paymentRefunded: (price: string) => `Estorno feito: devolvemos ${price} do seu Pix. Pode levar alguns minutos para aparecer no seu banco.`,
} as const;
