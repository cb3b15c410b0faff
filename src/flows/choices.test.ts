import { describe, expect, it } from "vitest";
import { choicesOf, menu } from "./choices.js";
import { bookingTexts } from "./patient/booking-texts.js";
import { patientTexts } from "./patient/texts.js";
import { doctorTexts } from "./doctor/texts.js";

describe("menus as choices", () => {
  it("takes the patient menu's numbered lines as options and keeps the rest as the body", () => {
    expect(choicesOf(patientTexts.menu)).toEqual({
      body: "Como posso ajudar? Responda com o número:",
      options: [
        { id: "1", title: "Agendar consulta" }, { id: "2", title: "Minhas consultas" }, { id: "3", title: "Meus documentos" },
        { id: "4", title: "Falar com a recepção" }, { id: "5", title: "Privacidade e meus dados" },
      ],
      listButton: "Ver opções",
    });
  });

  it("keeps the words around the options, and a 0 option among them", () => {
    const choices = choicesOf(bookingTexts.actions("terça, 24/11 às 15:00 com Dra. Ana", true, "Você acabou de agendar."));
    expect(choices?.options.map((o) => o.id)).toEqual(["1", "2", "3", "0"]);
    expect(choices?.body).toBe("terça, 24/11 às 15:00 com Dra. Ana\n\nVocê acabou de agendar.");
  });

  it("reads the doctor's *1* style too", () => {
    const choices = choicesOf(doctorTexts.choosePatient([{ id: "a", name: "Maria Souza" }, { id: "b", name: "Maria Lima" }] as never));
    expect(choices?.options).toEqual([{ id: "1", title: "Maria Souza" }, { id: "2", title: "Maria Lima" }]);
    expect(choices?.body).toBe("Encontrei mais de um paciente:\n\nResponda com o número.");
  });

  it("leaves a text without numbered lines a plain reply, with its text untouched", () => {
    expect(menu("Olá!")).toEqual({ kind: "reply", text: "Olá!" });
    const effect = menu(patientTexts.menu);
    expect(effect).toMatchObject({ kind: "reply", text: patientTexts.menu });
  });

  it("does not take a text whose numbers repeat as choices", () => {
    expect(choicesOf("1 - a\n1 - b")).toBeUndefined();
  });
});
