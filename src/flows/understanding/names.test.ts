import { describe, expect, it } from "vitest";
import { readName } from "./names.js";

// Monday 2026-11-23, 09:00 in São Paulo.
const ctx = { now: new Date("2026-11-23T12:00:00Z"), timeZone: "America/Sao_Paulo" };

describe("readName", () => {
  it.each([
    ["maria da silva", "Maria da Silva"],
    ["João Pedro", "João Pedro"],
    ["Ana Clara de Souza", "Ana Clara de Souza"],
    ["  JOSÉ   carlos ", "José Carlos"],
    ["Maria do Socorro", "Maria do Socorro"],
    ["Maria das Dores", "Maria das Dores"],
    ["Rosa", "Rosa"],
    ["Francisco", "Francisco"],
    ["D'Ávila Costa", "D'ávila Costa"],
    ["Mariaaa", "Maria"],
    ["meu nome é Maria", "Maria"],
    ["Meu nome é maria da silva, quero marcar", "Maria da Silva"],
    ["sou a Joana", "Joana"],
    ["oi, sou o Pedro", "Pedro"],
    ["me chamo joão carlos", "João Carlos"],
  ])("reads %j as the name %j", (message, name) => {
    expect(readName(message, ctx)).toEqual({ kind: "name", name });
  });

  it.each([
    ["oi", "greeting"],
    ["Bom dia!", "greeting"],
    ["oiii tudo bem", "greeting"],
    ["aceito", "consent"],
    ["sim", "consent"],
    ["concordo", "consent"],
    ["ok", "consent"],
    ["não", "consent"],
    ["quero marcar uma consulta pra amanha", "request"],
    ["Quero Marcar Uma Consulta Pra Amanha", "request"],
    ["quanto custa?", "request"],
    ["menu", "request"],
    ["teste", "request"],
    ["qual seu nome?", "question"],
    ["123", "symbols"],
    ["maria@gmail.com", "symbols"],
    ["", "empty"],
    ["👍", "consent"],
  ])("never takes %j as a name (%s)", (message, reason) => {
    expect(readName(message, ctx)).toEqual({ kind: "notName", reason });
  });
});
