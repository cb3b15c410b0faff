import { describe, expect, it } from "vitest";
import { looksLikeCpf, readAddress, readCpf } from "./patient-data-input.js";

describe("reading a CPF typed in the chat", () => {
  it.each([
    ["529.982.247-25", "52998224725"],
    ["52998224725", "52998224725"],
    ["cpf 529 982 247 25", "52998224725"],
    ["529.982.247-24", undefined],
    ["111.111.111-11", undefined],
    ["1234", undefined],
  ])("reads %s as %s", (typed, expected) => expect(readCpf(typed)).toBe(expected));

  it("tells digits meant as a CPF from an address", () => {
    expect(looksLikeCpf("529.982.247-24")).toBe(true);
    expect(looksLikeCpf("Rua das Flores, 10")).toBe(false);
  });
});

describe("reading an address typed in one line", () => {
  it("recognises the CEP with or without its hyphen and writes it out", () => {
    expect(readAddress("Rua das Flores, 10 - Centro, São Paulo/SP 01310100")).toBe("Rua das Flores, 10 - Centro, São Paulo/SP, CEP 01310-100");
    expect(readAddress("Av. Paulista 1000, São Paulo, cep: 01310-100")).toBe("Av. Paulista 1000, São Paulo, CEP 01310-100");
  });

  it("keeps an address without CEP as written", () => {
    expect(readAddress("  Rua   Bahia, 45, Belo Horizonte ")).toBe("Rua Bahia, 45, Belo Horizonte");
  });

  it("refuses what cannot be an address", () => {
    expect(readAddress("sim")).toBeUndefined();
    expect(readAddress("Rua sem número nenhum")).toBeUndefined();
  });
});
