// Finds a cue phrase in a sentence's tokens. A phrase is words separated by
// spaces, where "marc+" is any word starting with "marc", "uma?" may be
// missing, and "*" skips up to two words: "dor * peito" finds "dor forte no
// peito". A cue word of six letters or more also matches a token one typing
// slip away ("endereso", "estacionamnto"; two slips from ten letters), unless
// that token is itself a word we know: "custo" is not a typo of "custa".
// Five-letter words are too close to names and other words to guess:
// "maria" is one letter from "marca", "costa" from "custa".

import { editDistance } from "../../scheduling/edit-distance.js";

type Part = { kind: "word"; word: string; prefix: boolean; optional: boolean } | { kind: "gap" };

export interface Hit {
  /** Index of the first token matched. */
  start: number;
  /** Index after the last token matched. */
  end: number;
}

function compile(phrase: string): Part[] {
  return phrase.split(" ").map((piece): Part => {
    if (piece === "*") return { kind: "gap" };
    const optional = piece.endsWith("?");
    const bare = optional ? piece.slice(0, -1) : piece;
    const prefix = bare.endsWith("+");
    return { kind: "word", word: prefix ? bare.slice(0, -1) : bare, prefix, optional };
  });
}

export function sameWord(token: string, word: string, known: ReadonlySet<string>): boolean {
  if (token === word) return true;
  if (word.length < 6 || token.length < 5 || known.has(token) || /\d/.test(token)) return false;
  const allowed = word.length >= 10 ? 2 : 1;
  return editDistance(token, word, allowed) <= allowed;
}

function matchesPart(token: string, part: Extract<Part, { kind: "word" }>, known: ReadonlySet<string>): boolean {
  return part.prefix ? token.startsWith(part.word) : sameWord(token, part.word, known);
}

/** The end index when `parts` match from token `at`, else -1. */
function matchFrom(tokens: readonly string[], at: number, parts: Part[], known: ReadonlySet<string>): number {
  const [part, ...rest] = parts;
  if (part === undefined) return at;
  if (part.kind === "gap") {
    for (let skip = 0; skip <= 2 && at + skip <= tokens.length; skip++) {
      const end = matchFrom(tokens, at + skip, rest, known);
      if (end >= 0) return end;
    }
    return -1;
  }
  const token = tokens[at];
  if (token !== undefined && matchesPart(token, part, known)) {
    const end = matchFrom(tokens, at + 1, rest, known);
    if (end >= 0) return end;
  }
  return part.optional ? matchFrom(tokens, at, rest, known) : -1;
}

export function findPhrase(tokens: readonly string[], phrase: string, known: ReadonlySet<string>): Hit | undefined {
  const parts = compile(phrase);
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(tokens, start, parts, known);
    if (end > start) return { start, end };
  }
  return undefined;
}

/** The first of the phrases found, earliest in the sentence. */
export function findAny(tokens: readonly string[], phrases: readonly string[], known: ReadonlySet<string>): Hit | undefined {
  let best: Hit | undefined;
  for (const phrase of phrases) {
    const hit = findPhrase(tokens, phrase, known);
    if (hit && (!best || hit.start < best.start)) best = hit;
  }
  return best;
}
