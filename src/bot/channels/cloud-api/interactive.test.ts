import { describe, expect, it } from "vitest";
import { choicesOf } from "../../../flows/choices.js";
import { bookingTexts } from "../../../flows/patient/booking-texts.js";
import { patientTexts } from "../../../flows/patient/texts.js";
import { fit, interactiveFor } from "./interactive.js";

const of = (text: string) => interactiveFor(choicesOf(text)!);

describe("menus on the Cloud API", () => {
  it("shows up to three short options as reply buttons, over the text without its numbered lines", () => {
    expect(of(bookingTexts.confirmCancel("terça, 24/11 às 15:00"))).toEqual({
      type: "button",
      body: { text: "Quer mesmo cancelar terça, 24/11 às 15:00?" },
      action: { buttons: [{ type: "reply", reply: { id: "1", title: "Sim, cancelar" } }, { type: "reply", reply: { id: "2", title: "Não" } }] },
    });
  });

  it("shows a longer menu as a list with the words on its button", () => {
    const list = of(patientTexts.menu) as { type: string; action: { button: string; sections: { rows: { id: string; title: string }[] }[] } };
    expect(list.type).toBe("list");
    expect(list.action.button).toBe("Ver opções");
    expect(list.action.sections[0]!.rows.map((r) => r.id)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("takes a list for three options when one title passes 20 characters", () => {
    expect(of(patientTexts.consent("Clínica Demo"))?.type).toBe("button");
    expect(of(bookingTexts.chooseProfessional(["Dra. Ana Souza", "Dr. Bruno Lima"]))?.type).toBe("list");
  });

  it("puts what follows a long row's dash or bracket in its description", () => {
    const rows = (text: string) => (of(text) as { action: { sections: { rows: { title: string; description?: string }[] }[] } }).action.sections[0]!.rows;
    expect(rows(bookingTexts.chooseTime("terça, 24/11", ["09:00 - Dra. Ana Beatriz Souza Mendes", "09:30 - Dr. Bruno Lima"]))).toEqual([
      { id: "1", title: "09:00", description: "Dra. Ana Beatriz Souza Mendes" },
      { id: "2", title: "09:30 - Dr. Bruno Lima" },
    ]);
    expect(rows(bookingTexts.chooseProcedure(["Consulta clínica geral (30 min, R$ 250,00)", "Retorno (20 min, sem custo)"]))).toEqual([
      { id: "1", title: "Consulta clínica geral", description: "30 min, R$ 250,00" },
      { id: "2", title: "Retorno", description: "20 min, sem custo" },
    ]);
  });

  it("cuts a long row title at a word, within 24 characters, and keeps the whole line as its description", () => {
    const line = "segunda-feira, 30 de novembro de 2026";
    const [row] = (of(bookingTexts.chooseDay([line, "terça"])) as { action: { sections: { rows: { title: string; description?: string }[] }[] } }).action.sections[0]!.rows;
    expect(row).toEqual({ id: "1", title: "segunda-feira, 30 de…", description: line });
    expect([...row!.title].length).toBeLessThanOrEqual(24);
  });

  it("leaves more than ten options, or a body past 1024 characters, as numbered text", () => {
    const times = Array.from({ length: 11 }, (_, i) => `${String(8 + i).padStart(2, "0")}:00`);
    expect(of(bookingTexts.chooseTime("terça, 24/11", times))).toBeUndefined();
    expect(of(`${"a".repeat(1100)}\n1 - Sim\n2 - Não`)).toBeUndefined();
  });

  it("cuts by characters as Meta counts them, emoji included", () => {
    expect(fit("Consulta de retorno com Dra. Ana", 24)).toBe("Consulta de retorno com…");
    expect([...fit("😀".repeat(30), 24)].length).toBe(24);
  });
});
