// What an effect handler is given, and the shape of the table that holds one
// handler per effect kind (src/bot/interpreter.ts): a kind added to Effect
// without its handler does not compile.
import type { QuestionMatcher } from "../../ai/ports.js";
import type { ChatEvents } from "../../chat-events/raise.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Sql } from "../../db/database.js";
import type { Effect, FlowEvent } from "../../flows/types.js";
import type { CloudSignDeps } from "../../documents/psc/sign-cloud.js";
import type { PaymentsDeps } from "../../payments/deps.js";
import type { RecordsDeps } from "../../records/deps.js";

/** What effects may use besides the transaction. */
export interface EffectServices {
  enqueueJob(sql: Sql, name: string, data: Record<string, unknown>, singletonKey?: string): Promise<unknown>;
  /** Dictation, records and documents (src/records/, src/documents/issue-*.ts). */
  records?: RecordsDeps;
  /** Pix prepayment (src/payments/). */
  payments?: PaymentsDeps;
  /** Cloud certificate approval from the doctor's chat (src/documents/psc/). */
  signatures?: CloudSignDeps;
  /** Matches a patient's question to the clinic's entries when no rule did (OPENAI_API_KEY set). */
  questionMatcher?: QuestionMatcher;
}

export interface TurnScope {
  cipher: Cipher;
  services?: EffectServices;
  /** Raises events in other chats (a freed time offered to the waitlist); the engine drains them after the commit. */
  events: ChatEvents;
  clinicId: string;
  chatKey: string;
  inboxMessageId: string;
  senderLid?: string | null;
  now: Date;
}

export interface ConversationPatch {
  handoffUntil?: Date | null;
}

/** An effect's outcome: an event the flow must see in the same turn, and what it changes on the conversation row. */
export interface EffectResult {
  event?: FlowEvent;
  patch?: ConversationPatch;
}

export type EffectKind = Effect["kind"];

export type EffectHandler<K extends EffectKind> = (sql: Sql, effect: Extract<Effect, { kind: K }>, scope: TurnScope) => Promise<EffectResult | void>;

export type EffectHandlers<K extends EffectKind> = { [P in K]: EffectHandler<P> };

/** An outcome that is only an event. */
export const event = (flowEvent: FlowEvent | undefined): EffectResult => ({ event: flowEvent });
