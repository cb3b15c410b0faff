import { describe, expect, it } from "vitest";
import { understandMessage, type Intent } from "./intents.js";
import { prepareText, squeeze } from "./text.js";

// Monday 2026-11-23, 09:00 in São Paulo.
const ctx = {
  now: new Date("2026-11-23T12:00:00Z"),
  timeZone: "America/Sao_Paulo",
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }, { id: "bruno", name: "Dr. Bruno Lima" }],
  procedures: [{ id: "limpeza", name: "Limpeza" }, { id: "clareamento", name: "Clareamento dental" }],
};

describe("understandMessage", () => {
  const cases: { name: string; text: string; expected: Intent[] }[] = [
    { name: "asks the address at the menu", text: "qual o endereço da clínica?", expected: [{ kind: "question", topic: "address" }] },
    { name: "asks the price", text: "quanto custa a consulta?", expected: [{ kind: "question", topic: "price" }] },
    { name: "names the plan asked about", text: "vocês aceitam unimed?", expected: [{ kind: "question", topic: "insurance", plan: "Unimed" }] },
    { name: "names a two-word plan", text: "atende bradesco saude", expected: [{ kind: "question", topic: "insurance", plan: "Bradesco Saúde" }] },
    { name: "reads a plan the clinic list does not know", text: "vcs atendem pelo convênio Cemig Saúde?", expected: [{ kind: "question", topic: "insurance", plan: "Cemig Saúde" }] },
    { name: "books a day of the month in the afternoon", text: "pode ser dia 25 à tarde?", expected: [{ kind: "book", when: { date: "2026-11-25", period: "tarde" } }] },
    { name: "keeps a greeting, a price question and a booking apart", text: "oi, quanto custa a consulta? e tem horário amanhã?", expected: [{ kind: "greeting" }, { kind: "question", topic: "price" }, { kind: "book", when: { date: "2026-11-24" } }] },
    { name: "cancels the Tuesday appointment", text: "quero desmarcar a de terça", expected: [{ kind: "cancel", when: { date: "2026-11-24" } }] },
    { name: "reschedules to Thursday", text: "posso passar para quinta?", expected: [{ kind: "reschedule", when: { date: "2026-11-26" } }] },
    { name: "cancels one day and books another in one sentence", text: "quero desmarcar a de terça e marcar na quinta", expected: [{ kind: "cancel", when: { date: "2026-11-24" } }, { kind: "book", when: { date: "2026-11-26" } }] },
    { name: "reads a lower bound of time", text: "tem horário sexta depois das 17h?", expected: [{ kind: "book", when: { date: "2026-11-27", after: "17:00" } }] },
    { name: "finds the clinic's professional", text: "com a Dra. Ana", expected: [{ kind: "book", professional: { name: "Dra. Ana Souza", id: "ana" } }] },
    { name: "finds the clinic's procedure", text: "queria marcar uma limpeza", expected: [{ kind: "book", procedure: { name: "Limpeza", id: "limpeza" } }] },
    { name: "asks for the earliest time", text: "a próxima vaga", expected: [{ kind: "book", earliest: true }] },
    { name: "reads next week in the morning", text: "semana que vem de manhã", expected: [{ kind: "book", when: { from: "2026-11-30", to: "2026-12-06", period: "manha" } }] },
    { name: "counts days from today", text: "daqui a 15 dias", expected: [{ kind: "book", when: { date: "2026-12-08" } }] },
    { name: "reads amanha alone as a booking wish", text: "amanha", expected: [{ kind: "book", when: { date: "2026-11-24" } }] },
    { name: "reads a weekday typed with a slip", text: "sesta-feira", expected: [{ kind: "book", when: { date: "2026-11-27" } }] },
    { name: "reads thanks", text: "obrigadaaa!", expected: [{ kind: "thanks" }] },
    { name: "reads vlw as thanks", text: "vlw", expected: [{ kind: "thanks" }] },
    { name: "reads a thumbs up as an acknowledgement", text: "👍", expected: [{ kind: "ack" }] },
    { name: "reads blz as an acknowledgement", text: "blz", expected: [{ kind: "ack" }] },
    { name: "asks for a person", text: "quero falar com uma pessoa", expected: [{ kind: "human" }] },
    { name: "confirms an appointment", text: "sim, vou", expected: [{ kind: "confirm" }] },
    { name: "asks about parking", text: "tem estacionamento", expected: [{ kind: "question", topic: "parking" }] },
    { name: "asks about parking, not a time, with the word vaga", text: "tem vaga no estacionamento?", expected: [{ kind: "question", topic: "parking" }] },
    { name: "asks about card payment", text: "aceita cartão", expected: [{ kind: "question", topic: "payment", method: "card" }] },
    { name: "flags chest pain", text: "estou com dor no peito", expected: [{ kind: "emergency", signs: ["chestPain"], suicideRisk: false }] },
    { name: "flags stroke signs", text: "minha mãe ta com a boca torta e formigamento de um lado", expected: [{ kind: "emergency", signs: ["stroke"], suicideRisk: false }] },
    { name: "flags thoughts of suicide", text: "não quero mais viver", expected: [{ kind: "emergency", signs: ["suicide"], suicideRisk: true }] },
    { name: "does not give medical advice", text: "posso tomar dipirona?", expected: [{ kind: "clinical" }] },
    { name: "reads a name statement", text: "meu nome é Maria", expected: [{ kind: "name", name: "Maria" }] },
    { name: "says goodbye without asking for tomorrow", text: "obrigada, até amanhã", expected: [{ kind: "thanks" }, { kind: "goodbye" }] },
    { name: "asks when the appointment is, not for a new one", text: "qdo é minha consulta com a dra ana?", expected: [{ kind: "appointmentInfo" }] },
    { name: "asks a price without booking", text: "quanto custa uma consulta com a dra ana?", expected: [{ kind: "question", topic: "price" }] },
    { name: "folds booking words into a reschedule", text: "quero remarcar minha consulta para semana que vem", expected: [{ kind: "reschedule", when: { from: "2026-11-30", to: "2026-12-06" } }] },
    { name: "finds nothing in small talk about the weather", text: "que calor hein", expected: [] },
  ];

  it.each(cases)("$name: $text", ({ text, expected }) => {
    expect(understandMessage(text, ctx)).toEqual(expected);
  });

  it("gives the same answer for the same message", () => {
    const text = "oi, tem horário amanhã depois das 17h com o dr bruno? aceita pix?";
    expect(understandMessage(text, ctx)).toEqual(understandMessage(text, ctx));
  });
});

describe("prepareText", () => {
  it("splits sentences at question marks but keeps Dra. Ana whole", () => {
    const { sentences } = prepareText("Oi. Com a Dra. Ana? E amanhã");
    expect(sentences.map((s) => s.text)).toEqual(["oi", "com a doutora ana", "e amanha"]);
    expect(sentences.map((s) => s.question)).toEqual([false, true, false]);
  });

  it("spells out abbreviations and keeps emoji apart", () => {
    const { sentences, emoji } = prepareText("vc tb atende hj? 👍");
    expect(sentences[0]?.tokens).toEqual(["voce", "tambem", "atende", "hoje"]);
    expect(emoji).toEqual(["👍"]);
  });

  it.each([
    ["oiii", "oi"],
    ["simm", "sim"],
    ["obrigadaaaa", "obrigada"],
    ["carro", "carro"],
    ["passar", "passar"],
    ["enjoo", "enjoo"],
    ["11h", "11h"],
  ])("squeezes %j into %j", (word, expected) => {
    expect(squeeze(word)).toBe(expected);
  });
});
