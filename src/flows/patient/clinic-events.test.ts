// What the clinic starts in a patient's chat, answered by the pure flow: the
// state the chat is left in and what it says, for each kind of state the
// patient may be in. Fixed now.
import { describe, expect, it } from "vitest";
import type { AppointmentFacts, PatientChatEvent } from "../../chat-events/types.js";
import type { Effect, FlowInput } from "../types.js";
import type { PatientState } from "./state.js";
import { patientStep, type PatientContext } from "./step.js";

const now = new Date("2026-11-23T12:00:00Z");
const slot = { startsAt: "2026-11-24T17:00:00.000Z", endsAt: "2026-11-24T17:30:00.000Z", professionalId: "pro-1" };
const appointment: AppointmentFacts = {
  appointmentId: "appt-1", startsAt: "2026-11-25T13:00:00.000Z", endsAt: "2026-11-25T13:30:00.000Z",
  professionalId: "pro-1", professionalName: "Dra. Ana Souza", procedureName: "Consulta",
};

function ctx(overrides: Partial<PatientContext> = {}): PatientContext {
  return {
    now, clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" }, lastInboundAt: new Date(now.getTime() - 60_000), idleMinutes: 30, handoffMinutes: 120,
    patient: { name: "Maria", consentGranted: true },
    scheduling: { procedures: [], professionals: [{ id: "pro-1", name: "Dra. Ana Souza" }], upcoming: [], cancellationNoticeHours: 24 },
    ...overrides,
  };
}

const states = {
  menu: { type: "menu" },
  choosingTime: { type: "choosingTime", procedureId: "proc-1", professionalId: null, date: "2026-11-24", options: [slot], slots: [slot] },
  confirmingBooking: { type: "confirmingBooking", procedureId: "proc-1", appointmentId: "held-1", slot, slots: [slot] },
  awaitingPayment: { type: "awaitingPayment", appointmentId: "appt-1", procedureId: "proc-1" },
  answeringOffer: { type: "answeringWaitlistOffer", entryId: "entry-1", appointmentId: "appt-1" },
  answeringReminder: { type: "answeringReminder", appointmentId: "appt-7" },
  answeringCid: { type: "answeringCid", requestId: "cid-1", cid10: "J11", daysOff: 2 },
} satisfies Record<string, PatientState>;

const events = {
  reminder: { type: "reminderDue", which: "24h", appointment },
  offer: { type: "waitlistOfferOpened", entryId: "entry-2", appointment, holdMinutes: 15 },
  offerExpired: { type: "waitlistOfferExpired", entryId: "entry-1", appointmentId: "appt-1", passedOn: true, procedureId: "proc-1", professionalId: "pro-1" },
  offerExpiredUnclaimed: { type: "waitlistOfferExpired", entryId: "entry-1", appointmentId: "appt-1", passedOn: false, procedureId: "proc-1", professionalId: "pro-1" },
  cancelledByClinic: { type: "appointmentCancelledByClinic", appointment, procedureId: "proc-1", reason: "a médica adoeceu" },
  bookedForYou: { type: "appointmentBookedForYou", appointment },
  paid: { type: "paymentApproved", appointment, amountCents: 15_000, late: false },
  rejected: { type: "paymentRejected", appointmentId: "appt-1" },
  refunded: { type: "paymentRefunded", appointmentId: "appt-1", amountCents: 15_000 },
  cid: { type: "cidAuthorizationRequested", requestId: "cid-2", cid10: "J11", daysOff: 2, professionalName: "Dra. Ana Souza" },
} satisfies Record<string, PatientChatEvent>;

const clinic = (event: PatientChatEvent): FlowInput => ({ kind: "clinicEvent", clinicEvent: event });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));

describe("clinic-started events in a patient's chat", () => {
  it.each([
    ["menu", "reminder", "answeringReminder", "1 - Confirmo\n2 - Remarcar\n3 - Cancelar"],
    ["choosingTime", "reminder", "choosingTime", "responda *confirmo presença*"],
    ["answeringCid", "reminder", "answeringCid", "responda *confirmo presença*"],
    ["menu", "offer", "answeringWaitlistOffer", "1 - Sim, quero"],
    ["choosingTime", "offer", "choosingTime", "responda *quero a vaga*"],
    ["answeringOffer", "offerExpired", "offeredRebooking", "não foi confirmado a tempo e foi oferecido a outra pessoa. Você continua na lista de espera; para agendar agora, responda *1*."],
    ["answeringOffer", "offerExpiredUnclaimed", "offeredRebooking", "não foi confirmado a tempo e a reserva acabou."],
    ["choosingTime", "offerExpired", "choosingTime", "não foi confirmado a tempo e foi oferecido a outra pessoa. Você continua na lista de espera."],
    ["answeringReminder", "offerExpired", "answeringReminder", "Você continua na lista de espera."],
    ["menu", "cancelledByClinic", "offeredRebooking", "Motivo: a médica adoeceu. Desculpe o transtorno.\nQuer marcar outro horário? Responda *1* ou *sim*."],
    ["choosingTime", "cancelledByClinic", "choosingTime", "digite *menu* e escolha *1* quando terminar aqui"],
    ["menu", "bookedForYou", "menu", "A clínica agendou para você ✅\nConsulta: quarta, 25/11 às 10:00 com Dra. Ana Souza."],
    ["choosingTime", "bookedForYou", "choosingTime", "Vou mandar um lembrete antes."],
    ["awaitingPayment", "paid", "menu", "Pagamento recebido ✅ R$ 150,00 via Pix."],
    ["choosingTime", "paid", "choosingTime", "Pagamento recebido ✅"],
    ["awaitingPayment", "rejected", "awaitingPayment", "Responda *1* para gerar um novo código"],
    ["menu", "rejected", "menu", "não foi aprovado. Para tentar de novo, digite *menu*"],
    ["choosingTime", "refunded", "choosingTime", "Estorno feito"],
    ["menu", "cid", "answeringCid", "*1* Autorizo incluir o CID"],
    ["answeringReminder", "cid", "answeringCid", "*1* Autorizo incluir o CID"],
    ["choosingTime", "cid", "choosingTime", "escreva *autorizo CID* ou *não autorizo CID*"],
    ["confirmingBooking", "cid", "confirmingBooking", "escreva *autorizo CID* ou *não autorizo CID*"],
    ["awaitingPayment", "cid", "awaitingPayment", "escreva *autorizo CID* ou *não autorizo CID*"],
    ["answeringCid", "cid", "answeringCid", "*1* Autorizo incluir o CID"],
  ] as const)("a patient in %s told of %s is left in %s and reads %j", (state, event, expected, words) => {
    const result = patientStep(states[state], clinic(events[event]), ctx());
    expect(result.state.type).toBe(expected);
    expect(replies(result.effects).join("\n")).toContain(words);
  });

  it("keeps a held slot and the patient's numbers when the CID question comes in the middle of a booking", () => {
    const asked = patientStep(states.confirmingBooking, clinic(events.cid), ctx());
    expect(asked.state).toEqual(states.confirmingBooking);
    expect(asked.effects.map((e) => e.kind)).toEqual(["reply"]);
    const choosing = patientStep(states.choosingTime, clinic(events.cid), ctx());
    // The next "1" still picks the time it picked before the question came.
    expect(patientStep(choosing.state, { kind: "text", text: "1" }, ctx())).toEqual(patientStep(states.choosingTime, { kind: "text", text: "1" }, ctx()));
  });

  it("takes a question about the CID in the middle of a booking for no answer", () => {
    const result = patientStep(states.choosingTime, { kind: "text", text: "não sei o que é CID" }, ctx());
    expect(result.effects.map((e) => e.kind)).not.toContain("answerCidAuthorization");
  });

  it.each([
    ["Autorizo CID", true, "Autorizo CID (Autorizo incluir o CID no atestado)"],
    ["não autorizo o cid", false, "não autorizo o cid (Não autorizo incluir o CID no atestado)"],
  ] as const)("answers the CID question asked aside with %j and stays where the patient was", (text, granted, recorded) => {
    const result = patientStep(states.choosingTime, { kind: "text", text }, ctx());
    expect(result).toEqual({ state: states.choosingTime, effects: [{ kind: "answerCidAuthorization", granted, text: recorded }] });
    const thanked = patientStep(result.state, { kind: "event", event: { type: "cidAnswer", outcome: { kind: "recorded", granted } } }, ctx());
    expect(thanked.state).toEqual(states.choosingTime);
    expect(replies(thanked.effects).join("\n")).toContain(granted ? "Registrei sua autorização" : "registrei que você não autoriza");
  });

  it("takes the chat over after a long silence, as the next message would start over anyway", () => {
    const result = patientStep(states.choosingTime, clinic(events.reminder), ctx({ lastInboundAt: new Date(now.getTime() - 3 * 3_600_000) }));
    expect(result.state).toEqual({ type: "answeringReminder", appointmentId: "appt-1" });
  });

  it.each(Object.keys(events) as (keyof typeof events)[])("says nothing of %s to a patient who withdrew consent, and leaves the chat as it was", (event) => {
    const result = patientStep(states.choosingTime, clinic(events[event]), ctx({ patient: { name: "Maria", consentGranted: false, consentWithdrawn: true } }));
    expect(result).toEqual({ state: states.choosingTime, effects: [] });
  });

  it("sends a signed document as a file with its codes, wherever the chat is", () => {
    const pdf = { documentId: "doc-1", kind: "prescription", mediaId: "media-1", filename: "receita-ABC.pdf", verificationCode: "ABC" } as const;
    const result = patientStep(states.choosingTime, clinic({ type: "documentIssued", pdf, professionalName: "Dra. Ana Souza", secretCode: "123456" }), ctx());
    expect(result.state).toEqual(states.choosingTime);
    expect(result.effects).toEqual([expect.objectContaining({ kind: "sendMedia", media: "document", mediaId: "media-1", caption: "Sua receita, assinada digitalmente por Dra. Ana Souza. Código de verificação: ABC. Código de acesso para a farmácia: 123456." })]);
  });

  it("never answers an event with 'não entendi'", () => {
    for (const state of Object.values(states)) {
      for (const event of Object.values(events)) {
        expect(replies(patientStep(state, clinic(event), ctx()).effects).join("\n")).not.toMatch(/Não entendi/i);
      }
    }
  });

  it("never says the time went to someone else when nobody was offered it", () => {
    const result = patientStep(states.answeringOffer, clinic(events.offerExpiredUnclaimed), ctx());
    expect(replies(result.effects).join("\n")).not.toContain("outra pessoa");
  });

  it("remembers what to book again after the clinic cancels: the same procedure and professional", () => {
    const result = patientStep(states.menu, clinic(events.cancelledByClinic), ctx());
    expect(result.state).toEqual({ type: "offeredRebooking", procedureId: "proc-1", professionalId: "pro-1", lapsedOffer: false });
  });

  it("takes a waitlist offer from the middle of a booking with 'quero a vaga'", () => {
    const result = patientStep(states.choosingTime, { kind: "text", text: "quero a vaga" }, ctx({ openOffer: { entryId: "entry-2", appointmentId: "appt-9" } }));
    expect(result.effects).toEqual([{ kind: "answerWaitlistOffer", entryId: "entry-2", appointmentId: "appt-9", accept: true }]);
  });
});

describe("the WhatsApp template of a clinic-started message", () => {
  const templateOf = (state: PatientState, event: PatientChatEvent) =>
    patientStep(state, clinic(event), ctx()).effects.flatMap((e) => (e.kind === "reply" || e.kind === "sendMedia") && e.template ? [e.template] : []);

  it.each([
    ["reminder", "menu", { purpose: "appointment_reminder", params: ["consulta", "quarta, 25/11 às 10:00", "Dra. Ana Souza"] }],
    ["reminder", "choosingTime", { purpose: "appointment_reminder", params: ["consulta", "quarta, 25/11 às 10:00", "Dra. Ana Souza"] }],
    ["offer", "menu", { purpose: "waitlist_offer", params: ["consulta quarta, 25/11 às 10:00", "Dra. Ana Souza", "15"] }],
    ["bookedForYou", "menu", { purpose: "booking_confirmed", params: ["consulta", "quarta, 25/11 às 10:00", "Dra. Ana Souza"] }],
    ["paid", "awaitingPayment", { purpose: "payment_approved", params: ["R$ 150,00", "consulta quarta, 25/11 às 10:00"] }],
  ] as const)("names it for %s (chat at %s), with parameters from the event's facts", (event, state, template) => {
    expect(templateOf(states[state], events[event])).toEqual([template]);
  });

  it("names none for news that has no template of its own (it waits behind the generic one)", () => {
    expect(templateOf(states.menu, events.cancelledByClinic)).toEqual([]);
    expect(templateOf(states.menu, events.refunded)).toEqual([]);
  });

  it("names the document's template on the PDF itself, and the prescription data template only for a prescription", () => {
    const pdf = { documentId: "doc-1", kind: "prescription" as const, mediaId: "media-1", filename: "receita.pdf", verificationCode: "ABC" };
    expect(templateOf(states.menu, { type: "documentIssued", pdf, professionalName: "Dra. Ana Souza", secretCode: "123" }))
      .toEqual([{ purpose: "document_ready", params: ["Dra. Ana Souza"] }]);
    const asked = { type: "patientDataRequested" as const, requestId: "req-1", fields: ["cpf" as const, "address" as const], professionalName: "Dra. Ana Souza" };
    expect(templateOf(states.menu, { ...asked, documentKind: "prescription" })).toEqual([{ purpose: "prescription_details", params: ["Dra. Ana Souza"] }]);
    expect(templateOf(states.menu, { ...asked, documentKind: "certificate" })).toEqual([]);
  });
});
describe("a confirmation the clinic sends promises only a reminder that is scheduled", () => {
  // The appointment is on Wednesday 25/11 at 10:00 in São Paulo.
  it.each([
    ["a Pix approved with the 24 h reminder due", { type: "paymentApproved", appointment, amountCents: 15_000, late: false, reminderAt: "2026-11-24T13:00:00.000Z" }, "Vou mandar um lembrete (terça, 24/11 às 10:00)."],
    ["a Pix approved too close for any reminder", { type: "paymentApproved", appointment, amountCents: 15_000, late: false, reminderAt: null }, "Como é em breve, não vou mandar lembrete: anote o horário."],
    ["a booking by the reception with the 2 h reminder due", { type: "appointmentBookedForYou", appointment, reminderAt: "2026-11-25T11:00:00.000Z" }, "Vou mandar um lembrete (quarta, 25/11 às 08:00)."],
    ["a booking by the reception too close for any reminder", { type: "appointmentBookedForYou", appointment, reminderAt: null }, "Como é em breve, não vou mandar lembrete: anote o horário."],
  ] as const)("%s", (_name, event, promise) => {
    const text = replies(patientStep(states.menu, clinic(event), ctx()).effects).join("\n");
    expect(text).toContain(promise);
    if (promise.startsWith("Como")) expect(text).not.toContain("Vou mandar um lembrete");
  });
});

