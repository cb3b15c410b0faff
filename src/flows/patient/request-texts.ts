// What the patient reads back of a request typed or spoken in their own
// words (requests.ts): "Entendi: consulta amanhã de manhã."
import { parseLocalDate } from "../../scheduling/local-date.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import type { BookingContext } from "./booking.js";
import { dayLabel } from "./slot-view.js";
import type { Wish } from "./state.js";

const PERIODS = { manha: "de manhã", tarde: "à tarde", noite: "à noite" } as const;

/** "amanhã", "hoje", else "sexta, 27/11". */
function dayWords(date: string, ctx: BookingContext): string {
  const today = makeZone(ctx.clinic.timeZone).localPartsOf(ctx.now.getTime()).dayNumber;
  const day = parseLocalDate(date);
  if (day === today) return "hoje";
  if (day === today + 1) return "amanhã";
  return dayLabel(date);
}

/** "amanhã de manhã com Dra. Ana Souza", "entre segunda, 30/11 e domingo, 06/12 depois das 17:00". */
export function wishWords(wish: Wish, ctx: BookingContext): string {
  const words: string[] = [];
  if (wish.date) words.push(dayWords(wish.date, ctx));
  else if (wish.from && wish.to) words.push(`entre ${dayLabel(wish.from)} e ${dayLabel(wish.to)}`);
  else if (wish.from) words.push(`a partir de ${dayLabel(wish.from)}`);
  else if (wish.earliest) words.push("no primeiro horário livre");
  if (wish.time) words.push(`às ${wish.time}`);
  else if (wish.period) words.push(PERIODS[wish.period]);
  if (wish.after) words.push(`depois das ${wish.after}`);
  if (wish.before) words.push(`antes das ${wish.before}`);
  const professional = ctx.scheduling.professionals.find((p) => p.id === wish.professionalId);
  if (professional) words.push(`com ${professional.name}`);
  return words.join(" ");
}

/** "Entendi: consulta amanhã de manhã." (`bare`: only the day and time, for a reschedule's new time). */
export function understood(wish: Wish, ctx: BookingContext, procedureId?: string, bare = false): string {
  const details = wishWords(wish, ctx);
  if (bare) return details;
  const procedure = ctx.scheduling.procedures.find((p) => p.id === procedureId);
  const what = procedure ? procedure.name.toLocaleLowerCase("pt-BR") : "agendamento";
  return `Entendi: ${what}${details ? ` ${details}` : ""}.`;
}

export const requestTexts = {
  noneOn: (date: string, ctx: BookingContext) => {
    const words = dayWords(date, ctx);
    return `Não encontrei consulta sua marcada para ${words === dayLabel(date) ? words : `${words} (${dayLabel(date)})`}.`;
  },
  /** "Entendi: remarcar a consulta de quinta, 26/11 às 10:00 para sexta, 27/11." */
  rescheduling: (what: string, when: string, to?: string) => `Entendi: remarcar ${what} de ${when}${to ? ` para ${to}` : ""}.`,
} as const;
