// A patient's message made ready for matching: sentences of plain tokens, no
// accents or case, letters stretched for emphasis squeezed back ("oiii" is
// "oi", "obrigadaaa" is "obrigada"), chat abbreviations spelt out ("vc" is
// "voce", "hj" is "hoje"), and the emoji kept apart ("👍" carries meaning).

import { normalize } from "../understand.js";

export interface Sentence {
  /** The tokens joined by single spaces. */
  text: string;
  tokens: string[];
  /** The patient's own spelling of each token (same index), for names. */
  raw: string[];
  /** True where a token follows a comma: "sou a Fernanda, mãe do Lucas" ends the name at the comma. */
  clauseStarts: boolean[];
  question: boolean;
}

export interface PreparedText {
  sentences: Sentence[];
  emoji: string[];
}

// Spelt-out words keep the index of the word typed (raw repeats it), so a name
// read from the tokens can be given back as the patient wrote it.
const ABBREVIATIONS: Record<string, string> = {
  vc: "voce", vcs: "voces", voce: "voce", ce: "voce", pq: "porque", q: "que", oq: "o que", td: "tudo", tds: "todos",
  hj: "hoje", amnha: "amanha", amanh: "amanha", tb: "tambem", tbm: "tambem", qdo: "quando", qnd: "quando", qd: "quando",
  msg: "mensagem", obg: "obrigado", obgd: "obrigado", obgda: "obrigada", brigado: "obrigado", brigada: "obrigada",
  dps: "depois", vlw: "valeu", blz: "beleza", pra: "para", pro: "para", p: "para", mt: "muito", mto: "muito",
  mta: "muita", agr: "agora", cmg: "comigo", ngm: "ninguem", qto: "quanto", qnto: "quanto", qual: "qual",
  kd: "cade", tmj: "valeu", to: "estou", tou: "estou", ta: "esta", tao: "estao", tava: "estava", dr: "doutor",
  dra: "doutora", drs: "doutores", hr: "hora", hrs: "horas", min: "minutos", sab: "sabado", ok: "ok", okay: "ok",
  okk: "ok", oks: "ok", bjs: "beijos", add: "adicionar", fds: "fim de semana", n: "nao", s: "sim", nn: "nao", "p/": "para",
  ss: "sim", aki: "aqui", aq: "aqui", eh: "e", eae: "e ai", eai: "e ai", tlgd: "entendi", entao: "entao",
};

const EMOJI = /\p{Extended_Pictographic}/gu;
// Letters Portuguese writes doubled on purpose ("carro", "passar", "leem", "voo").
const DOUBLED_ON_PURPOSE = new Set(["r", "s", "e", "o", "c"]);

export function prepareText(message: string): PreparedText {
  const emoji = [...message.matchAll(EMOJI)].map((m) => m[0]);
  const sentences = splitSentences(message.replace(EMOJI, " ")).map(prepareSentence).filter((s) => s.tokens.length > 0);
  return { sentences, emoji };
}

/** "Oi. Quanto custa? E tem horário amanhã" → three sentences; "Dra. Ana" and "14.30" stay whole. */
function splitSentences(message: string): { text: string; question: boolean }[] {
  const parts: { text: string; question: boolean }[] = [];
  const pattern = /[^?!;\n]+?(?:(?<!\b(?:dr|dra|sr|sra|dona|s|n))\.(?=\s|$)|[?!;\n]+|$)/giu;
  for (const match of message.matchAll(pattern)) {
    const text = match[0].trim();
    if (text.length > 0) parts.push({ text, question: /\?[?!]*$/.test(text) });
  }
  return parts;
}

function prepareSentence(part: { text: string; question: boolean }): Sentence {
  const raw: string[] = [];
  const tokens: string[] = [];
  const clauseStarts: boolean[] = [];
  let afterComma = false;
  for (const word of part.text.split(/\s+|(?<=,)/)) {
    if (word === ",") {
      afterComma = true;
      continue;
    }
    // "D'Ávila" is one word.
    const plain = normalize(word.replace(/['’]/g, "")).replace(/-/g, " ").trim();
    if (plain.length === 0) continue;
    // "sesta-feira" is two words; "14:30" and "25/12" are one.
    const spelt = word.replace(/^[^\p{Letter}\p{Number}]+|[^\p{Letter}\p{Number}]+$/gu, "");
    for (const piece of plain.split(" ").flatMap((p) => expand(squeeze(p)).split(" "))) {
      tokens.push(piece);
      raw.push(spelt);
      clauseStarts.push(afterComma);
      afterComma = false;
    }
    if (word.endsWith(",")) afterComma = true;
  }
  return { text: tokens.join(" "), tokens, raw, clauseStarts, question: part.question };
}

/** "oiii" → "oi", "simm" → "sim", "carro" stays. */
export function squeeze(word: string): string {
  return word
    .replace(/(\p{Letter})\1{2,}/gu, "$1")
    .replace(/(\p{Letter})\1/gu, (pair, letter: string) => (DOUBLED_ON_PURPOSE.has(letter) ? pair : letter));
}

function expand(word: string): string {
  return ABBREVIATIONS[word] ?? word;
}
