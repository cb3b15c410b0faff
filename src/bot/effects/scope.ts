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
  /** The turn shares its transaction with other chats' turns (group commit, engine.ts). */
  batched?: boolean;
}

/**
 * Thrown by an effect that would wait on a service outside (the FAQ model,
 * up to seconds) while its turn shares a transaction: the batch is rolled
 * back and the chats are taken alone, this one last, so the others' turns
 * do not wait for it.
 */
export class WaitsOutside extends Error {
  constructor(readonly clinicId: string, readonly chatKey: string) {
    super("this turn waits on a service outside: it is taken in a transaction of its own");
  }
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
