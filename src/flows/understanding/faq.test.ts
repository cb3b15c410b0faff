import { describe, expect, it } from "vitest";
import { faqScore, matchFaq, type FaqEntry } from "./faq.js";

const FAQ: FaqEntry[] = [
  { id: "parking", question: "Tem estacionamento?" },
  { id: "children", question: "Atendem crianças?" },
  { id: "fasting", question: "Precisa de jejum para exame de sangue?" },
];

describe("matchFaq", () => {
  it.each([
    ["vcs tem estacionamento?", "parking"],
    ["tem estacionamnto aí?", "parking"],
    ["onde eu paro o carro?", "parking"],
    ["da pra estacionar perto?", "parking"],
    ["atende criança?", "children"],
    ["meu filho tem 5 anos, vcs atendem?", "children"],
    ["a dra atende bebê?", "children"],
    ["vcs atendem criancas", "children"],
    ["preciso ficar em jejum pro exame de sangue?", "fasting"],
    ["precisa jejum?", "fasting"],
    ["posso comer antes do exame de sangue?", "fasting"],
    ["pode tomar café antes do exame?", "fasting"],
  ])("matches %j to the entry %s", (message, id) => {
    expect(matchFaq(message, FAQ)?.id).toBe(id);
  });

  it.each([
    "quanto custa o exame de sangue?",
    "tem wifi?",
    "quanto custa?",
    "qual o endereço",
    "vcs atendem sabado?",
    "tem vaga amanha?",
    "oi",
    "",
  ])("matches nothing for %j", (message) => {
    expect(matchFaq(message, FAQ)).toBeUndefined();
  });

  it("finds nothing in a clinic without entries", () => {
    expect(matchFaq("tem estacionamento?", [])).toBeUndefined();
  });

  it("scores the same words 1 and unrelated words 0", () => {
    expect(faqScore("Tem estacionamento?", "Tem estacionamento?")).toBe(1);
    expect(faqScore("qual o valor?", "Tem estacionamento?")).toBe(0);
  });

  it("prefers the entry that covers more of the message", () => {
    const entries: FaqEntry[] = [
      { id: "exam", question: "Vocês fazem exame de sangue?" },
      { id: "fasting", question: "Precisa de jejum para exame de sangue?" },
    ];
    expect(matchFaq("precisa de jejum pro exame de sangue?", entries)?.id).toBe("fasting");
  });
});
