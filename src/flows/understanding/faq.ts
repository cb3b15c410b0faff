// Matches a patient's question to one of the clinic's own FAQ entries, without
// a model: the content words of both (no "o", "de", "vocês"), with synonyms
// ("filho" is "criança", "carro" is "estacionamento"), shared stems
// ("estaciono" and "estacionamento") and typos, scored as the F1 of how much
// of each is covered by the other. Returns the entry's id or nothing; the
// answer is the clinic's text, never written here.
//
// Generic clinic words ("exame", "consulta", "atende") weigh half, so "quanto
// custa o exame de sangue?" does not land on "Precisa de jejum para exame de
// sangue?" for sharing two of its words.

import { editDistance } from "../../scheduling/edit-distance.js";
import { prepareText } from "./text.js";

export interface FaqEntry {
  id: string;
  question: string;
}

export interface FaqMatch {
  id: string;
  /** 0 to 1. */
  score: number;
}

export const FAQ_THRESHOLD = 0.55;

const STOPWORDS = new Set([
  "o", "a", "os", "as", "um", "uma", "de", "do", "da", "dos", "das", "para", "por", "com", "sem", "em", "no", "na", "nos", "nas",
  "ao", "e", "ou", "que", "qual", "quais", "como", "se", "eu", "voce", "voces", "meu", "minha", "seu", "sua", "tem", "ter",
  "tenho", "ha", "precisa", "preciso", "precisar", "posso", "pode", "podem", "e", "esta", "estou", "ai", "la", "aqui", "oi",
  "ola", "bom", "dia", "boa", "tarde", "noite", "favor", "gostaria", "queria", "quero", "saber", "sobre", "algum", "alguma",
  "isso", "isto", "essa", "esse", "ja", "tambem", "mais", "muito", "antes", "depois", "vcs", "vc", "clinica", "ne", "entao", "so", "obrigado", "obrigada",
]);

const SYNONYMS: Record<string, string> = {
  estacionar: "estacionamento", estaciono: "estacionamento", estaciona: "estacionamento", garagem: "estacionamento",
  carro: "estacionamento", paro: "estacionamento", parar: "estacionamento", manobrista: "estacionamento", valet: "estacionamento",
  criancas: "crianca", filho: "crianca", filha: "crianca", filhos: "crianca", filhas: "crianca", bebe: "crianca", bebes: "crianca",
  infantil: "crianca", pediatria: "crianca", pediatrico: "crianca", menor: "crianca", menores: "crianca", nenem: "crianca",
  comer: "jejum", comendo: "jejum", alimentar: "jejum", alimento: "jejum", beber: "jejum", cafe: "jejum",
  atende: "atender", atendem: "atender", atendimento: "atender", consultam: "atender", aceita: "aceitar", aceitam: "aceitar",
  exames: "exame", hemograma: "sangue", wifi: "internet", acessibilidade: "cadeirante", rampa: "cadeirante", elevador: "cadeirante",
  acompanhante: "acompanhar", acompanhar: "acompanhar", levar: "acompanhar",
};

const GENERIC = new Set(["exame", "consulta", "atender", "medico", "medica", "doutor", "doutora", "fazer", "horario", "aceitar"]);

interface Word {
  word: string;
  weight: number;
}

function contentWords(text: string): Word[] {
  const tokens = prepareText(text).sentences.flatMap((s) => s.tokens);
  const words = tokens.filter((t) => !STOPWORDS.has(t) && !/^\d+$/.test(t)).map((t) => SYNONYMS[t] ?? t);
  return [...new Set(words)].map((word) => ({ word, weight: GENERIC.has(word) ? 0.5 : 1 }));
}

/** 1 for the same word or stem ("estaciono", "estacionamento"), 0.8 for a typo, else 0. */
function likeness(a: string, b: string): number {
  if (a === b) return 1;
  const stem = Math.min(a.length, b.length, 6);
  if (stem >= 5 && a.slice(0, stem) === b.slice(0, stem)) return 1;
  if (Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1) return 0.8;
  return 0;
}

/** Weighted share of `words` found in `other`. */
function coverage(words: readonly Word[], other: readonly Word[]): number {
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return 0;
  const covered = words.reduce((sum, w) => sum + w.weight * Math.max(0, ...other.map((o) => likeness(w.word, o.word))), 0);
  return covered / total;
}

export function faqScore(message: string, question: string): number {
  const said = contentWords(message);
  const asked = contentWords(question);
  const precision = coverage(said, asked);
  const recall = coverage(asked, said);
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** The best entry at or above the threshold; on a tie, the first entry. */
export function matchFaq(message: string, entries: readonly FaqEntry[], threshold = FAQ_THRESHOLD): FaqMatch | undefined {
  let best: FaqMatch | undefined;
  for (const entry of entries) {
    const score = faqScore(message, entry.question);
    if (score >= threshold && (!best || score > best.score)) best = { id: entry.id, score };
  }
  return best;
}
