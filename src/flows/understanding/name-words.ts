// Which words can be part of a person's name. "Maria da Silva", "João
// Pedro" and "Ana Clara de Souza" are names; "quero", "consulta", "aceito"
// and "oi" never are. Names that are also words stay names: Rosa, Luz,
// Vitória, Maria das Dores, Maria do Socorro, Abril.

/** Words no Brazilian name is made of, as text.ts spells them. */
const NEVER_IN_A_NAME = new Set([
  // greetings, courtesy, consent
  "oi", "ola", "oie", "opa", "bom", "boa", "dia", "tarde", "noite", "tudo", "bem", "obrigado", "obrigada", "valeu", "tchau",
  "sim", "nao", "ok", "aceito", "concordo", "claro", "pode", "isso", "beleza", "certo", "combinado", "entendi", "quero", "queria",
  "gostaria", "preciso", "posso", "uhum", "aham", "hello", "hi", "hey", "salve", "alo", "show", "perfeito", "otimo", "legal",
  // words of a request
  "eu", "voce", "voces", "meu", "minha", "meus", "minhas", "o", "a", "os", "as", "um", "uma", "para", "com", "sem", "que", "como",
  "onde", "quando", "qual", "quanto", "quanta", "por", "porque", "se", "mas", "ou", "ja", "muito", "muita", "aqui", "ali", "la",
  "hoje", "ontem", "amanha", "agora", "depois", "antes", "ainda", "so", "tambem", "mais", "menos", "estou", "esta", "estao",
  "sou", "ser", "ter", "tem", "tenho", "fazer", "faz", "vou", "vai", "ir", "no", "na", "nos", "nas", "num", "numa", "ao", "pelo",
  "pela", "em", "nome", "chamo", "chama", "sobre", "favor", "gente", "ai", "entao", "tipo", "ne", "algo", "alguem",
  // the clinic's business
  "marcar", "agendar", "remarcar", "desmarcar", "cancelar", "confirmar", "consulta", "consultas", "exame", "exames", "horario",
  "horarios", "vaga", "semana", "mes", "hora", "horas", "doutor", "doutora", "medico", "medica", "clinica", "consultorio",
  "paciente", "retorno", "receita", "atestado", "dor", "teste", "testando", "menu", "ajuda", "atendente", "humano", "endereco",
  "valor", "preco", "convenio", "plano", "pix", "cartao", "dinheiro", "segunda", "terca", "quarta", "quinta", "sexta", "sabado",
  "domingo", "lgpd", "dados", "privacidade", "documentos", "mensagem", "audio", "foto",
]);

/** Small words inside a name, never first or last: "Ana Clara de Souza". */
const CONNECTORS = new Set(["da", "de", "do", "das", "dos", "e", "d"]);

export function canBeInName(token: string): boolean {
  return /^\p{Letter}[\p{Letter}']*$/u.test(token) && !NEVER_IN_A_NAME.has(token) && (token.length > 1 || /^[a-z]$/.test(token));
}

/**
 * The longest run of name words from `from`, as the patient spelt them, or
 * undefined when the first word cannot start a name. Stops at six words.
 */
export function nameAt(
  tokens: readonly string[],
  raw: readonly string[],
  from: number,
  clauseStarts: readonly boolean[] = [],
): { name: string; end: number } | undefined {
  let end = from;
  while (end < tokens.length && end - from < 6 && !(end > from && clauseStarts[end])) {
    const token = tokens[end]!;
    const next = tokens[end + 1];
    if (CONNECTORS.has(token) && end > from && next !== undefined && canBeInName(next) && !CONNECTORS.has(next)) {
      end += 1;
      continue;
    }
    if (!canBeInName(token) || CONNECTORS.has(token)) break;
    end += 1;
  }
  if (end === from) return undefined;
  return { name: formatName(raw.slice(from, end)), end };
}

/** "maria DA silva" → "Maria da Silva"; "Mariaaa" → "Maria". */
export function formatName(words: readonly string[]): string {
  return words
    .map((word, index) => {
      const lower = word.toLocaleLowerCase("pt-BR").replace(/(\p{Letter})\1{2,}/gu, "$1");
      if (index > 0 && CONNECTORS.has(lower)) return lower;
      return lower.charAt(0).toLocaleUpperCase("pt-BR") + lower.slice(1);
    })
    .join(" ");
}
