import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { understandMessage } from "./intents.js";
import { readName } from "./names.js";

const ctx = { now: new Date("2026-11-23T12:00:00Z"), timeZone: "America/Sao_Paulo" };

// Words patients mix in a message, so the generated text looks like a chat and hits many rules at once.
const WORDS = [
  "oi", "bom", "dia", "quero", "marcar", "desmarcar", "remarcar", "consulta", "amanha", "hj", "sexta", "dia", "25", "as", "14h",
  "depois", "das", "17h", "semana", "que", "vem", "com", "a", "dra", "ana", "quanto", "custa", "aceita", "unimed", "pix",
  "estacionamento", "dor", "no", "peito", "obrigada", "ok", "sim", "nao", "maria", "da", "silva", "meu", "nome", "e", "sou",
  "?", ",", "!", "👍", "🙏", "daqui", "15", "dias", "sesta-feira", "confirmo", "atendente", "posso", "tomar", "dipirona",
];
const chat = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((words) => words.join(" "));

describe("understanding, on any message", () => {
  it("never throws, gives one intent per kind (per topic for questions) and the same answer twice", () => {
    fc.assert(
      fc.property(fc.oneof(chat, fc.string({ unit: "grapheme", maxLength: 60 })), (message) => {
        const intents = understandMessage(message, ctx);
        const keys = intents.map((i) => (i.kind === "question" ? `question:${i.topic}` : i.kind));
        expect(new Set(keys).size).toBe(keys.length);
        expect(understandMessage(message, ctx)).toEqual(intents);
      }),
      { numRuns: 500 },
    );
  });

  it("never takes a message that asks for something as a name, unless the name is stated in it", () => {
    fc.assert(
      fc.property(chat, (message) => {
        const reading = readName(message, ctx);
        const intents = understandMessage(message, ctx);
        if (reading.kind !== "name") return;
        expect(reading.name).not.toMatch(/\d|[?!,]/);
        // "meu nome é Maria, quero marcar" states a name beside a request.
        if (intents.some((i) => i.kind === "name")) return;
        expect(intents).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
