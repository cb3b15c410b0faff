// What the patient reads about the waitlist: joining (which days and times
// suit them), and the end of an offer (src/flows/patient/waitlist.ts).
const WEEKDAY_NAMES = ["domingo", "segunda", "terça", "quarta", "quinta", "sexta", "sábado"] as const;
const PERIOD_NAMES: Record<string, string> = { manha: "de manhã", tarde: "à tarde", noite: "à noite" };

const joined = (items: string[]) => items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} e ${items.at(-1)}`;

/** "segunda e quarta, de manhã"; "qualquer dia, qualquer horário". */
export function describeWaitlistTimes(weekdays: number[], periods: string[]): string {
  const days = weekdays.length === 0 ? "qualquer dia" : joined([...weekdays].sort().map((d) => WEEKDAY_NAMES[d] ?? ""));
  const times = periods.length === 0 ? "qualquer horário" : joined(periods.map((p) => PERIOD_NAMES[p] ?? p));
  return `${days}, ${times}`;
}

export const waitlistTexts = {
  askTimes: "Vou colocar você na lista de espera. Quais dias e horários servem para você?\nEscreva, por exemplo: *segunda e quarta de manhã*, *tarde*, *dias de semana* ou *qualquer horário*.",
  timesNotUnderstood: "Não entendi os dias ou horários. Escreva, por exemplo: *terça à tarde*, *sexta de manhã* ou *qualquer horário*.",
  joined: (times: string) => `Pronto! Você está na lista de espera (${times}). Assim que abrir um horário assim, eu ofereço a vaga aqui.`,
  updated: (times: string) => `Pronto! Atualizei sua lista de espera: ${times}. Assim que abrir um horário assim, eu ofereço a vaga aqui.`,
  declined: (passedOn: boolean) => passedOn
    ? "Tudo bem, ofereci a vaga para outra pessoa. Você continua na lista de espera para outros horários."
    : "Tudo bem, liberei a vaga. Você continua na lista de espera para outros horários.",
  /** `canAnswer`: the chat is free, so "1" books now; in the middle of something else the hint would steal their numbers. */
  expired: (passedOn: boolean, canAnswer: boolean) =>
    `O horário que separei para você não foi confirmado a tempo${passedOn ? " e foi oferecido a outra pessoa" : " e a reserva acabou"}. ` +
    `Você continua na lista de espera${canAnswer ? "; para agendar agora, responda *1*" : ""}.`,
  unavailable: "Essa vaga não está mais disponível. Vou mostrar os horários livres agora.",
} as const;
