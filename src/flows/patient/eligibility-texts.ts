// What the patient reads about who may book a procedure (eligibility-step.ts).

const years = (n: number) => `${n} ${n === 1 ? "ano" : "anos"}`;
const instead = (name: string) => (name ? ` Você pode escolher ${name}.` : "");

export const eligibilityTexts = {
  noRecentVisit: (name: string, days: number, other: string) =>
    `${name} é para quem teve atendimento aqui nos últimos ${days} dias.${other ? ` Para a primeira vez, escolha ${other}.` : ""} Dúvidas? Digite *atendente*.`,
  tooYoung: (name: string, min: number, other: string) => `${name} é para pacientes a partir de ${years(min)}.${instead(other)} Dúvidas? Digite *atendente*.`,
  tooOld: (name: string, max: number, other: string) => `${name} é para pacientes de até ${years(max)}.${instead(other)} Dúvidas? Digite *atendente*.`,
  notOffered: (name: string) => `${name} não está disponível para agendar por aqui. Dúvidas? Digite *atendente*.`,
  askBirthDate: (procedure: string, forName?: string) =>
    `${procedure} tem limite de idade. Qual a data de nascimento ${forName ? `de ${forName}` : "do paciente"}? (ex.: 15/03/1990)`,
  birthDateInvalid: "Não entendi a data. Escreva dia, mês e ano (ex.: 15/03/1990).",
  referralLine: "📄 Precisa de encaminhamento médico: traga o encaminhamento no dia (ou envie uma foto dele aqui antes). Sem ele, fale com a recepção: digite *atendente*.",
  referralTag: "precisa de encaminhamento",
} as const;
