import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentTexts } from "./documents.js";
import type { Effect, FlowEvent, FlowInput, InputKind } from "../types.js";
import type { PatientState } from "./state.js";
import { cleanName, firstName, patientStep, type PatientContext, type PatientView } from "./step.js";
import { bookingTexts } from "./booking-texts.js";
import { privacyTexts } from "./privacy-texts.js";
import { CONSENT_TEXT_VERSION, patientTexts as t } from "./texts.js";
import { voiceTexts } from "./voice-texts.js";

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const CLINIC = "Clínica Demo";

const stranger = null;
const consentedWithoutName: PatientView = { consentGranted: true };
const known: PatientView = { name: "Maria da Silva", consentGranted: true };
const revoked: PatientView = { name: "Maria da Silva", consentGranted: false };

function ctx(patient: PatientView | null, overrides: Partial<PatientContext> = {}): PatientContext {
  return {
    now,
    clinic: { name: CLINIC, timeZone: "America/Sao_Paulo" },
    lastInboundAt: minutesAgo(2),
    idleMinutes: 30,
    handoffMinutes: 480,
    patient,
    ...overrides,
  };
}

const text = (value: string): FlowInput => ({ kind: "text", text: value });
const media = (kind: InputKind): FlowInput => ({ kind, mediaId: "media-1" });
// The onboarding and menu states carry no data; booking states are tested in booking.test.ts.
const state = (type: PatientState["type"]): PatientState => ({ type }) as PatientState;
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const others = (effects: Effect[]) => effects.filter((e) => e.kind !== "reply");
const handoff: Effect = { kind: "handoff", minutes: 480, wait: false };
const consentGiven: Effect = { kind: "recordConsent", granted: true, textVersion: CONSENT_TEXT_VERSION };

interface Case {
  name: string;
  from: PatientState["type"];
  patient: PatientView | null;
  input: FlowInput;
  to: PatientState["type"];
  says: string[];
  does?: Effect[];
  extra?: Partial<PatientContext>;
}

function runTable(cases: Case[]) {
  for (const { name, from, patient, input, to, says, does = [], extra } of cases) {
    it(name, () => {
      const result = patientStep(state(from), input, ctx(patient, extra));
      expect(result.state).toEqual(state(to));
      expect(replies(result.effects)).toEqual(says);
      expect(others(result.effects)).toEqual(does);
    });
  }
}

describe("patientStep before consent", () => {
  const welcome = [t.welcome(CLINIC), t.consent(CLINIC)];
  runTable([
    { name: "greets a first contact and asks for consent", from: "start", patient: stranger, input: text("oi"), to: "awaitingConsent", says: welcome, extra: { lastInboundAt: undefined } },
    { name: "does not take a first '1' as consent to a text not yet shown", from: "start", patient: stranger, input: text("1"), to: "awaitingConsent", says: welcome },
    { name: "does not let 'menu' skip the consent question", from: "start", patient: stranger, input: text("menu"), to: "awaitingConsent", says: welcome },
    { name: "shows the consent question to a first audio, never transcribed", from: "start", patient: stranger, input: media("audio"), to: "awaitingConsent", says: [t.welcome(CLINIC), voiceTexts.beforeConsent, t.consent(CLINIC)] },
    { name: "asks for consent again when consent was revoked", from: "menu", patient: revoked, input: text("1"), to: "awaitingConsent", says: welcome },
    { name: "asks for consent when a chat in the menu has no patient", from: "privacy", patient: stranger, input: text("oi"), to: "awaitingConsent", says: welcome },
    { name: "records consent on 'sim'", from: "awaitingConsent", patient: stranger, input: text("sim"), to: "awaitingName", says: [t.askName], does: [consentGiven] },
    { name: "records consent on '1'", from: "awaitingConsent", patient: stranger, input: text("1"), to: "awaitingName", says: [t.askName], does: [consentGiven] },
    { name: "records consent on 'Aceito!'", from: "awaitingConsent", patient: stranger, input: text("Aceito!"), to: "awaitingName", says: [t.askName], does: [consentGiven] },
    { name: "records consent on 'opção 1.'", from: "awaitingConsent", patient: stranger, input: text("Opção 1."), to: "awaitingName", says: [t.askName], does: [consentGiven] },
    { name: "takes 'não' as a refusal and records nothing", from: "awaitingConsent", patient: stranger, input: text("não"), to: "consentDeclined", says: [t.consentDeclined] },
    { name: "takes '2' as a refusal", from: "awaitingConsent", patient: stranger, input: text("2"), to: "consentDeclined", says: [t.consentDeclined] },
    { name: "takes 'NAO' as a refusal", from: "awaitingConsent", patient: stranger, input: text("NAO"), to: "consentDeclined", says: [t.consentDeclined] },
    { name: "takes 'Ok, não concordo' as a refusal, never as consent", from: "awaitingConsent", patient: stranger, input: text("Ok, não concordo"), to: "consentDeclined", says: [t.consentDeclined] },
    { name: "takes 'pode ser que não' as a refusal", from: "awaitingConsent", patient: stranger, input: text("pode ser que não"), to: "consentDeclined", says: [t.consentDeclined] },
    { name: "does not take a name as an answer to the consent question", from: "awaitingConsent", patient: stranger, input: text("João Pereira"), to: "awaitingConsent", says: [t.consentRetry] },
    { name: "keeps asking for consent on 'menu'", from: "awaitingConsent", patient: stranger, input: text("menu"), to: "awaitingConsent", says: [t.consentRetry] },
    { name: "keeps asking for consent on 'sair'", from: "awaitingConsent", patient: stranger, input: text("sair"), to: "awaitingConsent", says: [t.consentRetry] },
    { name: "keeps asking for consent on 'cancelar'", from: "awaitingConsent", patient: stranger, input: text("cancelar"), to: "awaitingConsent", says: [t.consentRetry] },
    { name: "explains and repeats the question on 'ajuda'", from: "awaitingConsent", patient: stranger, input: text("ajuda"), to: "awaitingConsent", says: [t.help, t.consent(CLINIC)] },
    { name: "answers an audio while waiting for consent with the consent question", from: "awaitingConsent", patient: stranger, input: media("audio"), to: "awaitingConsent", says: [voiceTexts.beforeConsent, t.consent(CLINIC)] },
    { name: "answers an image while waiting for consent", from: "awaitingConsent", patient: stranger, input: media("image"), to: "awaitingConsent", says: [t.consentRetry] },
    { name: "repeats the whole consent question after a long silence", from: "awaitingConsent", patient: stranger, input: text("oi"), to: "awaitingConsent", says: welcome, extra: { lastInboundAt: minutesAgo(31) } },
    { name: "still takes '1' as consent after a long silence", from: "awaitingConsent", patient: stranger, input: text("1"), to: "awaitingName", says: [t.askName], does: [consentGiven], extra: { lastInboundAt: minutesAgo(300) } },
    { name: "accepts consent after declining, on 'aceito'", from: "consentDeclined", patient: stranger, input: text("ACEITO"), to: "awaitingName", says: [t.askName], does: [consentGiven] },
    { name: "stays declined on 'oi'", from: "consentDeclined", patient: stranger, input: text("oi"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "stays declined on 'menu'", from: "consentDeclined", patient: stranger, input: text("menu"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "stays declined on 'ajuda'", from: "consentDeclined", patient: stranger, input: text("ajuda"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "stays declined on 'cancelar'", from: "consentDeclined", patient: stranger, input: text("cancelar"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "stays declined on a second 'não'", from: "consentDeclined", patient: stranger, input: text("não"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "answers a sticker after declining", from: "consentDeclined", patient: stranger, input: media("sticker"), to: "consentDeclined", says: [t.stillDeclined] },
    { name: "hands off to the clinic on 'atendente' at first contact", from: "start", patient: stranger, input: text("atendente"), to: "menu", says: [], does: [handoff] },
    { name: "hands off to the clinic on 'atendente' while waiting for consent", from: "awaitingConsent", patient: stranger, input: text("Atendente!"), to: "menu", says: [], does: [handoff] },
    { name: "hands off to the clinic on 'falar com a recepção' after declining", from: "consentDeclined", patient: stranger, input: text("falar com a recepção"), to: "menu", says: [], does: [handoff] },
  ]);
});

describe("patientStep asking the name", () => {
  runTable([
    { name: "saves a clean name and shows the menu", from: "awaitingName", patient: consentedWithoutName, input: text("  maria  DA silva "), to: "menu", says: [t.niceToMeet("Maria"), t.menu], does: [{ kind: "savePatientName", name: "Maria da Silva" }] },
    { name: "rejects digits as a name", from: "awaitingName", patient: consentedWithoutName, input: text("123"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "rejects an empty name", from: "awaitingName", patient: consentedWithoutName, input: text(""), to: "awaitingName", says: [t.nameInvalid] },
    { name: "rejects symbols as a name", from: "awaitingName", patient: consentedWithoutName, input: text("@@"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "does not take 'menu' as a name", from: "awaitingName", patient: consentedWithoutName, input: text("menu"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "does not take 'cancelar' as a name", from: "awaitingName", patient: consentedWithoutName, input: text("cancelar"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "explains and asks the name again on 'ajuda'", from: "awaitingName", patient: consentedWithoutName, input: text("ajuda"), to: "awaitingName", says: [t.help, t.askName] },
    { name: "acknowledges an audio and asks to write the name", from: "awaitingName", patient: consentedWithoutName, input: media("audio"), to: "awaitingName", says: [t.audioNotSupported] },
    { name: "asks the name again after an image", from: "awaitingName", patient: consentedWithoutName, input: media("image"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "asks for the name in whatever state a nameless patient is", from: "menu", patient: consentedWithoutName, input: text("1"), to: "awaitingName", says: [t.nameInvalid] },
    { name: "hands off on 'atendente' before the name", from: "awaitingName", patient: consentedWithoutName, input: text("atendente"), to: "menu", says: [], does: [handoff] },
  ]);
});

describe("patientStep in the menu", () => {
  runTable([
    { name: "answers option 1 with booking", from: "menu", patient: known, input: text("1"), to: "menu", says: [bookingTexts.noProcedures] },
    { name: "understands 'quero marcar uma consulta' as option 1", from: "menu", patient: known, input: text("Quero marcar uma consulta"), to: "menu", says: [bookingTexts.noProcedures] },
    { name: "answers option 2 with the patient's appointments", from: "menu", patient: known, input: text("opção 2"), to: "menu", says: [bookingTexts.none] },
    { name: "understands 'quero remarcar minha consulta' as option 2, not 1", from: "menu", patient: known, input: text("quero remarcar minha consulta"), to: "menu", says: [bookingTexts.none] },
    { name: "understands 'cancelar consulta' as option 2, not as the word cancelar", from: "menu", patient: known, input: text("cancelar consulta"), to: "menu", says: [bookingTexts.none] },
    { name: "answers option 3 with documents", from: "menu", patient: known, input: text("3"), to: "menu", says: [documentTexts.none] },
    { name: "understands 'a receita da consulta' as option 3, not 1", from: "menu", patient: known, input: text("a receita da consulta"), to: "menu", says: [documentTexts.none] },
    { name: "hands off on option 4", from: "menu", patient: known, input: text("4"), to: "menu", says: [], does: [handoff] },
    { name: "opens privacy on option 5", from: "menu", patient: known, input: text("5"), to: "privacy", says: [t.privacy] },
    { name: "sends the patient's data on 'meus dados'", from: "menu", patient: known, input: text("meus dados"), to: "menu", says: [], does: [{ kind: "exportMyData" }] },
    { name: "opens privacy on 'privacidade'", from: "menu", patient: known, input: text("privacidade"), to: "privacy", says: [t.privacy] },
    { name: "shows the menu to a greeting", from: "menu", patient: known, input: text("Bom dia!"), to: "menu", says: [t.menu] },
    { name: "does not understand an option that does not exist", from: "menu", patient: known, input: text("9"), to: "menu", says: [t.notUnderstood] },
    { name: "does not understand free text it has no word for", from: "menu", patient: known, input: text("xablau zum zum"), to: "menu", says: [t.notUnderstood] },
    { name: "shows the menu on 'menu'", from: "menu", patient: known, input: text("MENU"), to: "menu", says: [t.menu] },
    { name: "helps on 'ajuda' and stays in the menu", from: "menu", patient: known, input: text("ajuda"), to: "menu", says: [t.help] },
    { name: "cancels on 'sair' and shows the menu", from: "menu", patient: known, input: text("sair"), to: "menu", says: [t.cancelled, t.menu] },
    { name: "cancels on 'cancelar' and shows the menu", from: "menu", patient: known, input: text("Cancelar."), to: "menu", says: [t.cancelled, t.menu] },
    { name: "hands off on 'atendente'", from: "menu", patient: known, input: text("atendente"), to: "menu", says: [], does: [handoff] },
    { name: "keeps silent on 'aguardar' after asking for a person, an hour at least in the text", from: "menu", patient: known, input: text("Aguardar"), to: "menu", says: [t.handoffWaiting(1)], does: [{ kind: "handoff", minutes: 20, wait: true }], extra: { handoffMinutes: 20 } },
    { name: "welcomes a known patient back from the start state", from: "start", patient: known, input: text("oi"), to: "menu", says: [t.welcomeBack("Maria"), t.menu] },
    { name: "welcomes a known patient back from a stale onboarding state", from: "awaitingName", patient: known, input: text("oi"), to: "menu", says: [t.welcomeBack("Maria"), t.menu] },
  ]);
});

describe("patientStep in privacy", () => {
  runTable([
    { name: "sends a copy of the data on 1", from: "privacy", patient: known, input: text("1"), to: "menu", says: [], does: [{ kind: "exportMyData" }] },
    { name: "asks to confirm an erasure request on 2", from: "privacy", patient: known, input: text("2"), to: "confirmingErasure", says: [privacyTexts.confirmErasure] },
    { name: "asks to confirm withdrawing consent on 3", from: "privacy", patient: known, input: text("3"), to: "confirmingWithdrawal", says: [privacyTexts.confirmWithdrawal] },
    { name: "records the erasure request once confirmed", from: "confirmingErasure", patient: known, input: text("1"), to: "menu", says: [], does: [{ kind: "requestErasure" }] },
    { name: "drops the erasure request on 'não'", from: "confirmingErasure", patient: known, input: text("não"), to: "menu", says: [t.menu] },
    { name: "withdraws consent once confirmed and stops", from: "confirmingWithdrawal", patient: known, input: text("sim"), to: "consentDeclined", says: [], does: [{ kind: "withdrawConsent" }] },
    { name: "understands 'quero apagar meus dados' from the menu", from: "menu", patient: known, input: text("quero apagar meus dados"), to: "confirmingErasure", says: [privacyTexts.confirmErasure] },
    { name: "understands 'revogar consentimento' from the menu", from: "menu", patient: known, input: text("Revogar consentimento"), to: "confirmingWithdrawal", says: [privacyTexts.confirmWithdrawal] },
    { name: "repeats the privacy options on an unknown answer", from: "privacy", patient: known, input: text("6"), to: "privacy", says: [t.notUnderstood, t.privacy] },
    { name: "goes back to the menu on 'menu'", from: "privacy", patient: known, input: text("menu"), to: "menu", says: [t.menu] },
    { name: "helps on 'ajuda' and stays in privacy", from: "privacy", patient: known, input: text("ajuda"), to: "privacy", says: [t.help] },
    { name: "cancels on 'cancelar' and shows the menu", from: "privacy", patient: known, input: text("cancelar"), to: "menu", says: [t.cancelled, t.menu] },
    { name: "hands off on 'atendente'", from: "privacy", patient: known, input: text("humano"), to: "menu", says: [], does: [handoff] },
    { name: "acknowledges an audio and stays in privacy", from: "privacy", patient: known, input: media("audio"), to: "privacy", says: [t.audioNotSupported] },
  ]);
});

describe("patientStep after a long silence", () => {
  runTable([
    { name: "goes back to the menu after more than 30 minutes idle", from: "privacy", patient: known, input: text("1"), to: "menu", says: [t.idleReset, t.menu], extra: { lastInboundAt: minutesAgo(31) } },
    { name: "does not reset after exactly 30 minutes", from: "privacy", patient: known, input: text("1"), to: "menu", says: [], does: [{ kind: "exportMyData" }], extra: { lastInboundAt: minutesAgo(30) } },
    { name: "does not reset after 29 minutes", from: "privacy", patient: known, input: text("6"), to: "privacy", says: [t.notUnderstood, t.privacy], extra: { lastInboundAt: minutesAgo(29) } },
    { name: "resets after the clinic's own idle time", from: "privacy", patient: known, input: text("6"), to: "menu", says: [t.idleReset, t.menu], extra: { idleMinutes: 10, lastInboundAt: minutesAgo(11) } },
    { name: "does not reset on first contact", from: "privacy", patient: known, input: text("6"), to: "privacy", says: [t.notUnderstood, t.privacy], extra: { lastInboundAt: undefined } },
    { name: "answers the menu choice directly when idle in the menu", from: "menu", patient: known, input: text("5"), to: "privacy", says: [t.privacy], extra: { lastInboundAt: minutesAgo(600) } },
  ]);
});

describe("patientStep with media and reactions", () => {
  it.each([
    ["audio", t.audioNotSupported],
    ["image", t.mediaNotExpected("sua imagem")],
    ["sticker", t.mediaNotExpected("sua figurinha")],
    ["video", t.mediaNotExpected("seu vídeo")],
    ["location", t.mediaNotExpected("sua localização")],
    ["document", t.mediaNotExpected("seu documento")],
    ["other", t.mediaNotExpected("sua mensagem")],
  ] as const)("acknowledges an unexpected %s in the menu", (kind, expected) => {
    const result = patientStep(state("menu"), media(kind), ctx(known));
    expect(result).toEqual({ state: state("menu"), effects: [{ kind: "reply", text: expected }] });
  });

  it.each(["start", "awaitingConsent", "consentDeclined", "awaitingName", "menu", "privacy"] as const)(
    "stays silent and keeps the state on a reaction in %s",
    (type) => {
      for (const patient of [stranger, consentedWithoutName, known]) {
        expect(patientStep(state(type), { kind: "reaction", text: "👍" }, ctx(patient))).toEqual({ state: state(type), effects: [] });
      }
    },
  );
});

describe("patientStep invariants", () => {
  const states = fc.constantFrom<PatientState>(...(["start", "awaitingConsent", "consentDeclined", "awaitingName", "menu", "privacy"] as const).map(state));
  const words = ["oi", "1", "2", "3", "4", "5", "sim", "não", "aceito", "menu", "ajuda", "sair", "cancelar", "atendente", "Maria da Silva", "", "@@", "quero marcar uma consulta"];
  const inputs = fc.oneof(
    fc.constantFrom(...words).map(text),
    fc.string({ maxLength: 30 }).map(text),
    fc.constantFrom<InputKind>("audio", "document", "image", "video", "sticker", "location", "other").map(media),
  );
  const patients = fc.constantFrom<PatientView | null>(stranger, consentedWithoutName, known, revoked, { consentGranted: false });
  const contexts = fc.record({
    patient: patients,
    idleMinutes: fc.integer({ min: 1, max: 120 }),
    silence: fc.option(fc.integer({ min: 0, max: 24 * 60 }), { nil: undefined }),
  }).map(({ patient, idleMinutes, silence }) => ctx(patient, { idleMinutes, lastInboundAt: silence === undefined ? undefined : minutesAgo(silence) }));

  it("never saves a name unless the patient has consented", () => {
    fc.assert(fc.property(states, inputs, contexts, (from, input, context) => {
      const saves = patientStep(from, input, context).effects.some((e) => e.kind === "savePatientName");
      return !saves || context.patient?.consentGranted === true;
    }), { seed: 20261123, numRuns: 2000 });
  });

  it("answers every text or media message with at least one reply", () => {
    fc.assert(fc.property(states, inputs, contexts, (from, input, context) => {
      // Asking for a person is answered by the handoffOpened event of the same turn.
      const effects = patientStep(from, input, context).effects;
      return replies(effects).length > 0 || effects.some((effect) => effect.kind === "handoff");
    }), { seed: 20261123, numRuns: 2000 });
  });

  it("records consent only when answering the consent question", () => {
    fc.assert(fc.property(states, inputs, contexts, (from, input, context) => {
      const records = patientStep(from, input, context).effects.some((e) => e.kind === "recordConsent");
      return !records || from.type === "awaitingConsent" || from.type === "consentDeclined";
    }), { seed: 20261123, numRuns: 2000 });
  });
});

describe("cleanName", () => {
  it.each([
    ["  maria  DA silva ", "Maria da Silva"],
    ["JOÃO DOS SANTOS", "João dos Santos"],
    ["ana e silva", "Ana e Silva"],
    ["Da Costa", "Da Costa"],
    ["Zé", "Zé"],
    ["maria\tclara", "Maria Clara"],
  ])("turns %j into %j", (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });

  it.each(["", "   ", "a", "123", "@@", "Maria 2", "maria@silva", "-maria", "x".repeat(81)])("rejects %j", (raw) => {
    expect(cleanName(raw)).toBeUndefined();
  });
});

describe("firstName", () => {
  it.each([
    ["Maria da Silva", "Maria"],
    ["Zé", "Zé"],
  ])("takes %j to %j", (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });
});

describe("patientStep when the reception was told", () => {
  const opened = (reception: Extract<FlowEvent, { type: "handoffOpened" }>["reception"], now: string) =>
    patientStep(state("menu"), { kind: "event", event: { type: "handoffOpened", reception } }, ctx(known, { now: new Date(now) }));

  it("says a person answers now while the reception is open", () => {
    expect(replies(opened({ kind: "open" }, "2026-11-23T12:00:00Z").effects)).toEqual([t.handoff(null)]);
    expect(t.handoff(null)).toContain("em instantes");
  });

  it("says when the reception opens on a Sunday, and where to call in an emergency", () => {
    const [text] = replies(opened({ kind: "opens", at: "2026-11-30T11:00:00.000Z" }, "2026-11-29T14:00:00Z").effects);
    expect(text).toContain("A recepção abre amanhã às 8h");
    expect(text).toContain("192");
  });

  it("names the weekday when the reception opens after tomorrow", () => {
    const [text] = replies(opened({ kind: "opens", at: "2026-11-30T11:00:00.000Z" }, "2026-11-28T14:00:00Z").effects);
    expect(text).toContain("A recepção abre segunda às 8h");
  });
});

describe("patientStep giving the CPF and address from the privacy menu", () => {
  const ctx = { now: new Date("2026-11-29T12:00:00Z"), clinic: { name: "Clínica", timeZone: "America/Sao_Paulo" }, idleMinutes: 30, handoffMinutes: 120,
    lastInboundAt: new Date("2026-11-29T11:59:00Z"), patient: { name: "Eva Ramos", consentGranted: true } };
  it("asks the CPF on 4, refuses one whose check digits fail, and stores a valid one with the address skipped", () => {
    const asked = patientStep({ type: "privacy" }, { kind: "text", text: "4" }, ctx);
    expect(asked.state).toMatchObject({ type: "givingData", fields: ["cpf", "address"] });
    const wrong = patientStep(asked.state, { kind: "text", text: "529.982.247-24" }, ctx);
    expect(wrong.state).toEqual(asked.state);
    const cpf = patientStep(asked.state, { kind: "text", text: "529.982.247-25" }, ctx);
    const done = patientStep(cpf.state, { kind: "text", text: "pular" }, ctx);
    expect(done).toEqual({ state: { type: "menu" }, effects: [{ kind: "answerPatientData", cpf: "52998224725" }] });
  });
});
