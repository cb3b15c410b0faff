// The words Brazilian doctors use in a prescription line, in the folded form
// the parser reads (lower case, no accents: "capsula", "a noite").

/** Lower case without accents, keeping the length, so positions map back to the original text. */
export function fold(text: string): string {
  return text.split("").map((c) => {
    const lower = c.toLowerCase();
    return lower.length === 1 ? lower.normalize("NFD")[0]! : c;
  }).join("");
}

export interface Unit {
  singular: string;
  plural: string;
  /** Counted one by one at the pharmacy, so a quantity can be computed. */
  countable: boolean;
  /** The form printed when the doctor gave only the dose ("1 cp" -> comprimido). */
  form?: string;
}

const unit = (singular: string, plural: string, countable: boolean, form?: string): Unit => ({ singular, plural, countable, form });

export const UNITS: Record<string, Unit> = {
  comprimido: unit("comprimido", "comprimidos", true, "comprimido"),
  capsula: unit("cápsula", "cápsulas", true, "cápsula"),
  dragea: unit("drágea", "drágeas", true, "drágea"),
  sache: unit("sachê", "sachês", true, "sachê"),
  envelope: unit("envelope", "envelopes", true, "envelope"),
  ampola: unit("ampola", "ampolas", true, "ampola"),
  supositorio: unit("supositório", "supositórios", true, "supositório"),
  adesivo: unit("adesivo", "adesivos", true, "adesivo"),
  gota: unit("gota", "gotas", false, "gotas"),
  ml: unit("mL", "mL", false),
  jato: unit("jato", "jatos", false),
  aplicacao: unit("aplicação", "aplicações", false),
  ui: unit("UI", "UI", false),
  g: unit("g", "g", false),
  mg: unit("mg", "mg", false),
  mcg: unit("mcg", "mcg", false),
};

/** Folded spellings of each dose unit: cp, cps, comp, gts, caps... */
export const UNIT_WORDS: readonly (readonly [pattern: string, unit: string])[] = [
  ["comprimidos?|comps?|cpr|cps?|compr", "comprimido"],
  ["capsulas?|caps?", "capsula"],
  ["drageas?|drg", "dragea"],
  ["saches?", "sache"],
  ["envelopes?", "envelope"],
  ["ampolas?|amps?", "ampola"],
  ["supositorios?", "supositorio"],
  ["adesivos?", "adesivo"],
  ["gotas?|gts?", "gota"],
  ["ml", "ml"],
  ["jatos?|puffs?|borrifadas?", "jato"],
  ["aplicac(?:ao|oes)", "aplicacao"],
  ["ui", "ui"],
  ["mcg|ug", "mcg"],
  ["mg", "mg"],
  ["g", "g"],
];

/** Forms written on their own ("500 mg comprimido", "xarope"), folded -> printed. */
export const FORM_WORDS: readonly (readonly [pattern: string, form: string])[] = [
  ["comprimidos? revestidos?", "comprimido revestido"],
  ["comprimidos?|comp|cp", "comprimido"],
  ["capsulas?|caps", "cápsula"],
  ["drageas?", "drágea"],
  ["solucao oral em gotas|gotas", "gotas"],
  ["xarope", "xarope"],
  ["suspensao oral|suspensao|susp", "suspensão oral"],
  ["solucao oral|sol oral", "solução oral"],
  ["solucao injetavel|injetavel", "solução injetável"],
  ["creme", "creme"], ["pomada", "pomada"], ["gel", "gel"], ["locao", "loção"], ["colirio", "colírio"],
  ["spray|aerossol", "spray"], ["saches?", "sachê"], ["ampolas?", "ampola"], ["supositorios?", "supositório"],
  ["adesivos?", "adesivo"],
];

export const TOPICAL_FORMS = new Set(["creme", "pomada", "gel", "loção"]);

/** Routes as written -> as printed. */
export const ROUTE_WORDS: readonly (readonly [pattern: string, route: string])[] = [
  ["via oral|vo|oral", "via oral"],
  ["via sublingual|sublingual|sl", "via sublingual"],
  ["via intramuscular|intramuscular|im", "via intramuscular"],
  ["via endovenosa|endovenosa|endovenoso|intravenosa|intravenoso|ev|iv", "via endovenosa"],
  ["via subcutanea|subcutanea|subcutaneo|sc", "via subcutânea"],
  ["uso topico|topico|via topica", "uso tópico"],
  ["via retal|retal", "via retal"],
  ["via vaginal|vaginal", "via vaginal"],
  ["via inalatoria|inalatoria|inalatorio", "via inalatória"],
  ["via nasal|nasal", "via nasal"],
];

/** Times of day and relation to meals, folded -> printed. */
export const TIMING_WORDS: readonly (readonly [pattern: string, timing: string])[] = [
  ["a noite|de noite|a noitinha", "à noite"],
  ["ao deitar|antes de dormir", "ao deitar"],
  ["pela manha|de manha|pela manhazinha", "pela manhã"],
  ["em jejum|de jejum", "em jejum"],
  ["apos (?:as |o )?(?:refeicoes|refeicao)|depois (?:das|da) (?:refeicoes|refeicao)", "após as refeições"],
  ["antes (?:das|da) (?:refeicoes|refeicao)", "antes das refeições"],
  ["apos o almoco|depois do almoco", "após o almoço"],
  ["antes do cafe(?: da manha)?", "antes do café da manhã"],
];

export const NUMBER_WORDS: Record<string, number> = {
  meio: 0.5, meia: 0.5, um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6,
};

/** Words that start a posology, never a drug: a line or part that begins with one continues the item before. */
export const NOT_A_DRUG_START = new Set([
  "tomar", "usar", "aplicar", "pingar", "inalar", "se", "por", "durante", "uso", "via", "de", "a", "ao", "as", "em", "x",
  "sos", "apos", "antes", "depois", "pela", "pelo", "com", "sem", "ate", "ou", "e", "mais", "cada", "conforme", "manter",
  "dose", "noite", "manha", "jejum", "qtd", "quantidade", "dias", "dia", "horas", "vo", "oral", "continuo", "caso",
  "febre", "dor", "tosse", "nausea", "nauseas", "vomitos", "diarreia", "crise", "enjoo", "obs", "fazer", "diluir",
  "sn", "bid", "tid", "qid", "caixa", "caixas", "frasco", "frascos", "tubo", "cx", "no", "na", "nos", "nas", "para",
  "suspender", "repetir", "retorno", "ingerir", "mastigar", "dissolver",
]);

/** Second halves of fixed combinations: "sulfametoxazol e trimetoprima" is one drug. */
export const COMBINATION_PARTNERS = new Set(["clavulanato", "acido clavulanico", "tazobactam", "sulbactam", "trimetoprima", "codeina"]);
