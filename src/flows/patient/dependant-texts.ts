// What the patient reads when booking for someone else (dependants.ts).

const numbered = (items: string[]) => items.map((item, i) => `${i + 1} - ${item}`).join("\n");

/** The relationships offered by number; any of RELATIONSHIP_WORDS may be typed instead. */
export const RELATIONSHIPS = ["filho", "filha", "mãe", "pai", "cônjuge", "outro"] as const;

export const dependantTexts = {
  whoFor: (self: string, others: string[]) => `Para quem é a consulta?\n${numbered([`Você (${self})`, ...others, "Outra pessoa"])}`,
  dependantLine: (name: string, relationship: string) => `${name} (${relationship})`,
  invalidOption: (max: number) => `Não entendi. Responda com um número de 1 a ${max}.`,
  askName: "Qual o nome completo de quem vai ser atendido?\n\nAo continuar, você confirma que é responsável por essa pessoa e autoriza a clínica a usar os dados dela para o atendimento, como explicado nos termos que você aceitou.",
  nameInvalid: "Não entendi o nome. Escreva o nome completo, só com letras (ex.: Pedro Souza Lima).",
  askBirthDate: (first: string) => `Qual a data de nascimento de ${first}? (ex.: 15/03/2018)`,
  birthDateInvalid: "Não entendi a data. Escreva dia, mês e ano (ex.: 15/03/2018).",
  askRelationship: (first: string) => `Qual o parentesco de ${first} com você?\n${numbered(RELATIONSHIPS.map((r) => r.charAt(0).toUpperCase() + r.slice(1)))}\n\nSe preferir, escreva (ex.: neto).`,
  relationshipInvalid: `Responda com um número de 1 a ${RELATIONSHIPS.length} ou escreva o parentesco (ex.: neto).`,
  saved: (first: string) => `Cadastro feito: ${first}. Agora vamos ao agendamento.`,
} as const;
