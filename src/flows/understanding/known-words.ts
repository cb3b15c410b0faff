// Every word of every cue, plus a few that are words in their own right, so a
// token that is one of them is read as itself and never as a typo of another.

import * as cue from "./cues.js";

const PHRASE_LISTS = [
  cue.GREETING, cue.HOW_ARE_YOU, cue.THANKS, cue.ACK, cue.GOODBYE, cue.AFFIRM, cue.DENY, cue.HUMAN, cue.CONFIRM, cue.CANCEL,
  cue.RESCHEDULE, cue.BOOK, cue.BOOK_BY_NOUN, cue.EARLIEST, cue.APPOINTMENT_INFO, cue.CLINICAL, cue.NAME_STATEMENTS, cue.TAKES,
  ...Object.values(cue.QUESTIONS), ...cue.EMERGENCY.map(([, phrases]) => phrases), ...cue.PLANS.map(([, phrases]) => phrases),
];

/** Words we know as themselves, so they are never taken as a typo of another ("custo" is not "custa"). */
export const KNOWN_WORDS: ReadonlySet<string> = new Set([
  ...PHRASE_LISTS.flat().flatMap((phrase) => phrase.split(" ")).map((word) => word.replace(/[+?]$/, "")).filter((w) => w !== "*"),
  "costa", "consulta", "consultas", "exame", "exames", "horarios", "semana", "amanha", "segunda", "terca", "quarta", "quinta",
  "sexta", "sabado", "domingo", "manha", "tarde", "noite", "marcado", "marcada", "passado", "passada", "obrigatorio",
]);

