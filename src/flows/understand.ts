// Small helpers to read what a person typed: case, accents and punctuation
// do not matter ("Não!" and "nao" are the same answer).

export function normalize(text: string | undefined): string {
  return (text ?? "")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}\s:/-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the normalized text is one of the words, or starts with one of them followed by a space. */
export function saysAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text === word || text.startsWith(`${word} `));
}

export function containsAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => ` ${text} `.includes(` ${word} `));
}

/** "2", "2.", "opção 2" -> 2 */
export function menuNumber(text: string): number | undefined {
  const match = /^(?:opcao |numero )?(\d{1,2})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export type GlobalWord = "menu" | "help" | "cancel" | "human";

const GLOBAL_WORDS: Record<GlobalWord, readonly string[]> = {
  menu: ["menu", "inicio", "voltar ao menu", "menu principal"],
  help: ["ajuda", "help", "socorro"],
  cancel: ["sair", "cancelar", "cancela", "parar"],
  human: ["atendente", "humano", "recepcao", "falar com atendente", "falar com a recepcao", "pessoa"],
};

/** Words that work in any state. Only the whole message counts, so "cancelar consulta" is not "cancelar". */
export function globalWord(text: string): GlobalWord | undefined {
  for (const [word, forms] of Object.entries(GLOBAL_WORDS) as [GlobalWord, readonly string[]][]) {
    if (forms.includes(text)) return word;
  }
  return undefined;
}

export function isGreeting(text: string): boolean {
  return saysAny(text, ["oi", "ola", "oie", "bom dia", "boa tarde", "boa noite", "hello", "hi", "e ai", "opa"]);
}

export function isIdle(ctx: { now: Date; lastInboundAt?: Date; idleMinutes: number }): boolean {
  if (!ctx.lastInboundAt) return false;
  return ctx.now.getTime() - ctx.lastInboundAt.getTime() > ctx.idleMinutes * 60_000;
}
