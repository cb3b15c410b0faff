// What a booking message says besides the day: who ("com a Dra. Ana"),
// what ("uma limpeza") and whether any time will do ("a próxima vaga").

import type { When } from "../../scheduling/parse-when.js";
import { EARLIEST } from "./cues.js";
import { KNOWN_WORDS } from "./known-words.js";
import { findAny, findPhrase, sameWord } from "./match.js";
import { nameAt } from "./name-words.js";
import { prepareText, type Sentence } from "./text.js";

export interface Named {
  id: string;
  name: string;
}

/** A professional or procedure as the patient named it, with its id when it is the clinic's. */
export interface SpokenRef {
  name: string;
  id?: string;
}

export interface BookingWish {
  when?: When;
  /** "a próxima vaga": any day, the sooner the better. */
  earliest?: true;
  professional?: SpokenRef;
  procedure?: SpokenRef;
}

export function wishOf(sentence: Sentence, ctx: { professionals?: readonly Named[]; procedures?: readonly Named[] }): BookingWish {
  const wish: BookingWish = {};
  if (findAny(sentence.tokens, EARLIEST, KNOWN_WORDS)) wish.earliest = true;
  const professional = professionalOf(sentence, ctx.professionals);
  if (professional) wish.professional = professional;
  const procedure = ctx.procedures?.find((p) => namedIn(sentence, p.name, false));
  if (procedure) wish.procedure = { name: procedure.name, id: procedure.id };
  return wish;
}

const TITLES = new Set(["doutor", "doutora", "dr", "dra", "medico", "medica"]);

/** "com a Dra. Ana" → Ana; with the clinic's list, any word of a professional's name after a title or "com". */
function professionalOf(sentence: Sentence, professionals: readonly Named[] | undefined): SpokenRef | undefined {
  const known = professionals?.find((p) => namedIn(sentence, p.name, true));
  if (known) return { name: known.name, id: known.id };
  const title = sentence.tokens.findIndex((token) => TITLES.has(token));
  if (title < 0) return undefined;
  const named = nameAt(sentence.tokens, sentence.raw, title + 1);
  return named ? { name: named.name } : undefined;
}

/** Whether the sentence names this professional (after a title or "com") or this procedure. */
function namedIn(sentence: Sentence, name: string, afterTitle: boolean): boolean {
  const words = prepareText(name).sentences.flatMap((s) => s.tokens).filter((w) => w.length > 2 && !TITLES.has(w));
  if (!afterTitle) return words.length > 0 && findPhrase(sentence.tokens, words.join(" "), KNOWN_WORDS) !== undefined;
  return sentence.tokens.some((token, i) => {
    const before = sentence.tokens.slice(Math.max(0, i - 2), i);
    const introduced = before.some((w) => TITLES.has(w) || w === "com");
    return introduced && words.some((word) => sameWord(token, word, KNOWN_WORDS));
  });
}

