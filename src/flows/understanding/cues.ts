// The words patients use for each thing they want, as they type them after
// text.ts (no accents, "vc" spelt "voce", "pra" spelt "para"). Phrase syntax
// is in match.ts. Kept as data so a reviewer can read the whole vocabulary.

export type EmergencySign = "chestPain" | "breathing" | "fainting" | "seizure" | "bleeding" | "stroke" | "suicide" | "poisoning" | "allergy";
export type ClinicTopic = "address" | "hours" | "price" | "insurance" | "parking" | "payment";
export type PaymentMethod = "card" | "pix" | "cash" | "installments" | "boleto";

export const GREETING = ["oi", "ola", "oie", "opa", "bom dia", "boa tarde", "boa noite", "e ai", "hello", "hey", "salve", "alo", "oii"];
export const HOW_ARE_YOU = ["tudo bem", "tudo bom", "como vai", "como voce esta", "tudo certo"];
export const THANKS = ["obrigado", "obrigada", "obrigadao", "agradeco", "agradecida", "agradecido", "grato", "grata", "valeu", "gratidao", "muito obrigado"];
export const ACK = ["ok", "beleza", "certo", "esta bom", "esta certo", "esta otimo", "combinado", "entendi", "entendido", "show", "perfeito", "otimo", "fechado", "pode deixar", "tranquilo", "joia", "ciente", "blz", "certinho", "anotado", "esta", "sim sim"];
export const GOODBYE = ["tchau", "ate mais", "ate logo", "ate amanha", "ate la", "ate breve", "ate segunda", "ate sexta", "falou", "beijos", "abracos", "fui"];
export const AFFIRM = ["sim", "aceito", "concordo", "claro", "isso", "isso mesmo", "com certeza", "pode ser", "pode", "positivo", "uhum", "aham", "yes", "quero", "bora"];
export const DENY = ["nao", "recuso", "negativo", "nope", "nem", "nao quero", "nao obrigado", "nao obrigada"];

export const HUMAN = [
  "atendente", "humano", "humana", "recepcionista", "secretaria", "recepcao", "falar com * pessoa", "pessoa de verdade",
  "falar com alguem", "falar com uma moca", "me liga", "me ligar", "ligar para mim", "liga para mim", "nao quero falar com robo",
  "voce e um robo", "e robo", "atendimento humano", "falar com gente", "falar comigo", "alguem para falar", "alguem ai para",
];

export const CONFIRM = [
  "confirmo", "confirmar", "confirmado", "confirmada", "confirmando", "vou sim", "sim vou", "sim eu vou", "estarei la",
  "estarei ai", "estarei presente", "vou comparecer", "vou estar la", "vou estar ai", "presenca confirmada", "confirma+",
  "pode contar comigo", "vou la sim", "eu vou sim",
];

export const CANCEL = [
  "desmarcar", "desmarca", "desmarque", "desmarquei", "cancelar", "cancela", "cancelamento", "cancele", "nao vou poder ir",
  "nao vou conseguir ir", "nao vou poder comparecer", "nao vou conseguir comparecer", "nao poderei ir", "nao poderei comparecer",
  "nao posso ir", "nao vou mais", "nao vou poder", "nao vou conseguir", "desistir", "desisto", "nao consigo ir",
];

export const RESCHEDULE = [
  "remarcar", "remarca", "remarque", "reagendar", "reagenda", "mudar * horario", "trocar * horario", "mudar * data", "trocar * data",
  "mudar * consulta", "mudar * dia", "trocar * dia", "passar para", "passar a consulta", "adiar", "transferir", "antecipar", "mudar para",
  "trocar para", "outro dia", "outra data",
];

export const BOOK = [
  "marcar", "marca", "agendar", "agenda", "agendamento", "marcacao", "tem horario", "tem vaga", "tem vagas", "horario disponivel",
  "horarios disponiveis", "tem disponibilidade", "consigo * horario", "consigo * vaga", "encaixe", "encaixar", "encaixa",
  "preciso de * horario", "tem como me atender", "quero ser atendido", "quero ser atendida", "tem algum horario", "algum horario",
  "que dia tem", "quais horarios", "qual horario tem", "marcar consulta", "quero * horario", "queria * horario", "quero uma vaga",
  "queria uma vaga",
];

/**
 * Booking words that only name the thing: "preciso cancelar minha consulta"
 * and "quanto custa uma consulta com a Dra. Ana?" book nothing. They count
 * when the sentence asks nothing else ("queria uma consulta").
 */
export const BOOK_BY_NOUN = [
  "quero * consulta", "queria * consulta", "gostaria * consulta", "preciso * consulta", "uma consulta para", "consulta com",
  "fazer * consulta", "primeira consulta",
];

/** "a próxima vaga": the earliest time, whatever the day. */
export const EARLIEST = [
  "proxima vaga", "primeira vaga", "primeiro horario", "proximo horario", "mais cedo possivel", "quanto antes", "mais rapido possivel",
  "horario mais proximo", "data mais proxima", "qualquer dia", "qualquer horario", "mais proximo", "primeira data",
];

export const APPOINTMENT_INFO = [
  "esqueci * horario", "esqueci * dia", "esqueci quando",
  "minha consulta e", "que horas e minha", "que horas e a minha", "quando e minha", "quando e a minha", "horario da minha",
  "qual o horario da minha", "qual dia e minha", "qual dia e a minha", "tenho consulta", "tenho horario marcado", "minhas consultas",
  "meu agendamento", "minha consulta esta marcada", "esta marcado", "que dia ficou", "que horas ficou",
];

export const QUESTIONS: Record<ClinicTopic, readonly string[]> = {
  address: [
    "endereco", "onde fica", "onde ficam", "onde e a clinica", "onde e o consultorio", "onde voces ficam", "onde voces estao",
    "localizacao", "localizado", "localizada", "como chego", "como chegar", "qual a rua", "que rua", "fica onde", "ficam onde",
    "ponto de referencia", "qual o bairro", "que bairro", "localiza+", "mapa", "maps", "onde e ai", "onde e",
  ],
  hours: [
    "horario de funcionamento", "horario de atendimento", "horarios de atendimento", "funcionamento", "funciona+ * sabado",
    "funciona+ * domingo", "funciona+ * feriado", "funciona+ hoje", "funciona+ ate", "tem atendimento", "horario+ voces atendem",
    "voces atendem ate", "que horas abre", "que horas fecha",
    "que horas voces abrem", "que horas voces fecham", "abre que horas", "fecha que horas", "ate que horas", "expediente",
    "abre+ * sabado", "abre+ * domingo", "abre+ * feriado", "abre+ hoje", "atende+ * sabado", "atende+ * domingo",
    "atende+ * feriado", "que horas voces atendem", "qual horario voces atendem", "que horario voces atendem", "estao abertos",
    "esta aberto", "abre+ amanha", "atende+ de noite", "atende+ a noite", "horario de voces",
  ],
  price: [
    "quanto custa", "quanto custaria", "quanto e", "quanto fica", "quanto sai", "quanto cobra+", "quanto esta a", "custa quanto",
    "valor+", "preco+", "custo", "qual o investimento", "e caro", "tabela de precos", "quanto vou pagar", "quanto pago",
  ],
  insurance: [
    "convenio+", "plano de saude", "plano", "planos", "particular", "reembolso", "carteirinha", "cobertura", "cobre",
  ],
  parking: [
    "estacionamento", "estacionar", "estaciono", "estaciona", "garagem", "vaga de carro", "vaga para carro", "vaga para estacionar",
    "onde paro * carro", "parar o carro", "deixar o carro", "manobrista", "valet",
  ],
  payment: [
    "cartao", "credito", "debito", "pix", "dinheiro", "boleto", "parcel+", "forma de pagamento", "formas de pagamento",
    "como pago", "como faco * pagamento", "pagar com", "pagamento", "em especie", "vezes sem juros", "maquininha",
  ],
};

export const PAYMENT_METHODS: [PaymentMethod, readonly string[]][] = [
  ["pix", ["pix"]],
  ["installments", ["parcel+", "vezes sem juros", "sem juros"]],
  ["card", ["cartao", "credito", "debito", "maquininha"]],
  ["cash", ["dinheiro", "em especie"]],
  ["boleto", ["boleto"]],
];

/** Each plan as patients type it, with its name as the clinic lists it. */
export const PLANS: [string, readonly string[]][] = [
  ["Unimed", ["unimed"]],
  ["Bradesco Saúde", ["bradesco saude", "bradesco"]],
  ["SulAmérica", ["sulamerica", "sul america"]],
  ["Amil", ["amil"]],
  ["Hapvida", ["hapvida", "hap vida"]],
  ["NotreDame Intermédica", ["notredame", "notre dame", "intermedica", "gndi"]],
  ["Porto Seguro", ["porto seguro"]],
  ["Golden Cross", ["golden cross", "golden"]],
  ["Cassi", ["cassi"]],
  ["Geap", ["geap"]],
  ["Prevent Senior", ["prevent senior", "prevent"]],
  ["Care Plus", ["care plus", "careplus"]],
  ["Omint", ["omint"]],
  ["Allianz", ["allianz"]],
  ["Mediservice", ["mediservice"]],
  ["São Francisco", ["sao francisco saude", "sao francisco"]],
  ["Saúde Caixa", ["saude caixa"]],
  ["Postal Saúde", ["postal saude"]],
  ["Ipsemg", ["ipsemg"]],
  ["Iamspe", ["iamspe"]],
  ["Planserv", ["planserv"]],
  ["Cabesp", ["cabesp"]],
  ["Alice", ["alice"]],
  ["SUS", ["sus"]],
];

/** Words that ask whether the clinic takes something ("aceita unimed?"). */
export const TAKES = ["aceita+", "atende+", "trabalha+ com", "pega+", "pelo", "pela", "tem", "cobre"];

export const EMERGENCY: [EmergencySign, readonly string[]][] = [
  ["chestPain", ["dor * peito", "aperto no peito", "pressao no peito", "peito apertado", "dor no coracao", "infarto", "enfarto", "enfartando", "infartando"]],
  ["breathing", [
    "falta de ar", "nao consigo respirar", "nao consegue respirar", "dificuldade para respirar", "dificuldade de respirar", "sem ar",
    "sufocando", "sufoco", "respirar direito", "garganta fechando", "garganta esta fechando",
  ]],
  ["fainting", ["desmai+", "perdeu a consciencia", "perdi a consciencia", "nao acorda", "inconsciente"]],
  ["seizure", ["convulsao", "convulsionando", "convulsionou", "ataque epiletico"]],
  ["bleeding", ["sangramento forte", "sangrando muito", "muito sangue", "hemorragia", "sangue sem parar", "sangrando sem parar", "nao para de sangrar", "sangramento intenso"]],
  ["stroke", [
    "boca torta", "rosto torto", "cara torta", "formigamento de um lado", "formigamento * lado", "formigando * lado", "dormente * lado",
    "um lado do corpo", "fala enrolada", "fala arrastada", "falando enrolado", "nao consigo mexer", "nao consegue mexer",
    "avc", "derrame",
  ]],
  ["suicide", [
    "me matar", "nao quero mais viver", "tirar minha vida", "tirar a minha vida", "acabar com minha vida", "acabar com a minha vida",
    "suicid+", "quero morrer", "queria morrer", "vontade de morrer", "sem vontade de viver", "melhor morto", "melhor morta",
    "nao aguento mais viver", "me cortar", "me machucar", "sumir para sempre",
  ]],
  ["poisoning", ["envenen+", "overdose", "tomou remedio demais", "tomei remedio demais", "engoliu produto", "bebeu agua sanitaria", "tomou veneno"]],
  ["allergy", ["choque anafilatico", "anafila+", "inchou a garganta", "garganta inchada", "lingua inchada", "alergia grave"]],
];

export const CLINICAL = [
  "posso tomar", "pode tomar", "devo tomar", "posso usar", "pode usar", "posso passar pomada", "posso passar creme", "posso misturar", "posso parar de tomar",
  "qual remedio", "que remedio", "qual medicamento", "que medicamento", "qual antibiotico", "qual a dose", "qual dose", "que dose",
  "quantas gotas", "quantos comprimidos", "quantos mg", "e normal", "e grave", "o que pode ser", "o que eu tomo", "o que eu faco",
  "tomo ou nao", "meu exame deu", "resultado do meu exame", "resultado do exame", "estou com febre", "estou com dor", "estou com tosse",
  "estou sentindo", "estou tossindo", "estou gripad+", "esta inflamad+", "infeccionou", "inflamou", "faz mal", "pode fazer mal",
  "dor de cabeca", "dor de garganta", "dor de dente", "dor nas costas", "dor de barriga", "estou com enjoo", "estou enjoad+",
  "sintoma+", "diagnostico", "receitar", "prescrever",
];

/** Ways of stating one's name; what follows is the name. */
export const NAME_STATEMENTS = [
  "meu nome e", "meu nome", "me chamo", "eu me chamo", "sou a", "sou o", "aqui e a", "aqui e o", "aqui quem fala e",
  "quem fala e", "pode me chamar de", "nome e", "eu sou a", "eu sou o",
];
