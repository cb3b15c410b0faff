// What the chat says about the clinic itself: address, hours, prices, plans,
// payment, parking, preparation, and what it says when it does not know.
const WEEKDAYS = ["Domingo", "Segunda", "Terça", "Quarta", "Quinta", "Sexta", "Sábado"] as const;

const METHODS: Record<string, string> = {
  pix: "Pix", card: "cartão de crédito e débito", cash: "dinheiro", installments: "parcelamento no cartão", boleto: "boleto",
};

const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} e ${items.at(-1)}`);

export const clinicInfoTexts = {
  weekday: (weekday: number) => WEEKDAYS[weekday] ?? "",
  method: (method: string) => METHODS[method] ?? method,
  list,
  address: (address: string, link: string | null) => `📍 Endereço: ${address}${link ? `\nMapa: ${link}` : ""}`,
  noAddress: "Ainda não tenho o endereço da clínica por aqui. Digite *atendente* para falar com a recepção.",
  phone: (phone: string) => `📞 Telefone: ${phone}`,
  hours: (lines: string[]) => `🕒 Horário de atendimento:\n${lines.join("\n")}\nNão abrimos nos feriados nacionais.`,
  noHours: "Ainda não tenho o horário de atendimento por aqui. Digite *atendente* para falar com a recepção.",
  prices: (lines: string[]) => `💰 Valores (particular):\n${lines.join("\n")}`,
  price: (name: string, price: string) => `💰 ${name}: ${price} (particular).`,
  noPrices: "Ainda não tenho os valores por aqui. Digite *atendente* para falar com a recepção.",
  plansTaken: (plans: string[]) => `Atendemos os convênios: ${list(plans)}. Também atendemos particular.`,
  privateOnly: "Atendemos só particular, sem convênio.",
  takesPlan: (plan: string) => `Sim, atendemos ${plan}! ✅ Traga a carteirinha e um documento com foto.`,
  planNotTaken: (plan: string, others: string[]) =>
    `Não atendemos ${plan}, desculpe.${others.length ? ` Os convênios aceitos são: ${list(others)}.` : ""} Você pode se consultar como particular.`,
  refund: "Se o seu plano reembolsa consultas, emitimos o recibo para você pedir o reembolso.",
  payment: (methods: string[]) => `💳 Formas de pagamento: ${list(methods)}.`,
  paymentYes: (method: string) => `Sim, aceitamos ${method}.`,
  paymentNo: (method: string, methods: string[]) => `Não aceitamos ${method}. Formas de pagamento: ${list(methods)}.`,
  noPayment: "Ainda não tenho as formas de pagamento por aqui. Digite *atendente* para falar com a recepção.",
  parking: (text: string) => `🚗 ${text}`,
  noParking: "Não tenho essa informação sobre estacionamento. Digite *atendente* para falar com a recepção.",
  preparation: (name: string, text: string) => `📝 Preparo para ${name}: ${text}`,
  noPreparation: "Não há preparo especial cadastrado. Se tiver dúvida, digite *atendente* para falar com a recepção.",
  closedOn: (date: string, reason: string) => `Não atendemos em ${date} (${reason}).`,
  // After an answer at the menu: what the patient may do next.
  afterAnswer: "Posso ajudar em algo mais? Para agendar, digite *1*; para ver as opções, *menu*.",
  // After an answer in the middle of something: back to the question that was open.
  backTo: "Voltando ao que estávamos fazendo:",
  // Before consent: general information needs no personal data; the consent question comes again.
  beforeConsent: "Para agendar, preciso antes do seu consentimento:",
} as const;

/** The question that was open, asked again after an answer given in the middle of it. */
export const resumeTexts = {
  confirmBooking: "Responda *1* para confirmar o agendamento ou *2* para escolher outro horário.",
  pickAppointment: "Responda com o número da consulta, ou *0* para voltar.",
  appointmentActions: "Responda *1* para confirmar presença, *2* para remarcar, *3* para cancelar ou *0* para voltar.",
  confirmCancel: "Responda *1* para cancelar a consulta ou *2* para mantê-la.",
  waitlistOffer: "Responda *1* para ficar com o horário ou *2* para recusar.",
  rebook: "Responda *1* para agendar de novo ou digite *menu* para outras opções.",
  yesNo: "Responda *1* para confirmar ou *2* para desistir.",
  pickDocument: "Responda com o número do documento, ou digite *menu*.",
  other: "Pode responder à pergunta anterior, ou digite *menu* para ver as opções.",
} as const;
