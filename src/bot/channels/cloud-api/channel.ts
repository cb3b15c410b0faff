// Sending through Meta's Cloud API: text as it is; documents, images and
// audio uploaded first, then sent by media id. The outbox records the send
// intent before this call and the wamid right after it (outbox.ts).
//
// Meta takes a free-form message only within 24 hours of the person's last
// message. Outside that window a clinic-started message goes as its template
// (OutboxMessage.template: the flow that worded the message named it, with
// its parameters); a template that only announces (a document is ready: its
// button asks for what waits) goes and the message is held; anything else is
// held, behind one generic "you have a new message" template, until the
// person answers (contacts.ts releases it).
import type { Clock } from "../../../clock.js";
import type { Cipher } from "../../../crypto/encryption.js";
import { openColumn } from "../../../crypto/sealed-columns.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { SendHeldError, SendRefusedError, type Channel, type OutboundMessage, type SendResult } from "../../messages.js";
import type { CloudAccount, CloudAccounts } from "./accounts.js";
import { findSendContext } from "./cloud-api-statements.js";
import { GraphApiError, type GraphClient } from "./graph-client.js";
import { interactiveFor } from "./interactive.js";
import type { SendPacer } from "./pacer.js";
import { recordTemplateError, REOPEN_PAYLOAD, templateFor, templateMessage, type TemplatePurpose } from "./templates.js";

interface TemplateChoice {
  purpose: TemplatePurpose;
  params: string[];
}

const WINDOW_MS = 24 * 60 * 60_000;
/** A minute's margin: a message sent at 23:59:59 may reach Meta after the window closed. */
const WINDOW_MARGIN_MS = 60_000;

/** Meta's codes this channel acts on. */
export const META = {
  outsideWindow: 131047, undeliverable: 131026, throughput: 130429, pairRate: 131056, templateParams: 132000, templateMissing: 132001,
  invalidParameter: 131009,
} as const;

export interface CloudChannelDeps {
  db: Database;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  graph: GraphClient;
  accounts: CloudAccounts;
  pacer: SendPacer;
  onTemplateError?: (code: string) => void;
}

interface SendContext {
  template: string | null;
  templateParams: string | null;
  windowClosedAt: Date | null;
  waId: string | null;
  lastInboundAt: Date | null;
  /** The person already has a template to answer (one was sent since they last wrote, or a message is held). */
  awaitingAnswer: boolean;
}

export class CloudApiChannel implements Channel {
  constructor(private readonly deps: CloudChannelDeps) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const account = await this.deps.accounts.forClinic(message.clinicId);
    if (!account) throw new Error("no Cloud API number is configured for this clinic (admin API whatsapp/cloud, or WHATSAPP_CLOUD_PHONE_NUMBERS)");
    const context = await this.context(message.id);
    const to = context.waId ?? message.chatKey.replace(/\D/g, "");
    if (!this.windowOpen(context)) return this.sendOutsideWindow(account, message, context, to);
    const body = await this.body(account, message);
    try {
      return await this.post(account, to, message, body);
    } catch (error) {
      if (error instanceof GraphApiError && error.code === META.outsideWindow) return this.sendOutsideWindow(account, message, context, to);
      if (error instanceof GraphApiError && error.code === META.invalidParameter && body.type === "interactive") return this.sendAsText(account, to, message, error);
      throw refusal(error);
    }
  }

  /** Meta refused the buttons or the list (131009): the numbered text says the same, and typed numbers work. */
  private async sendAsText(account: CloudAccount, to: string, message: OutboundMessage, error: GraphApiError): Promise<SendResult> {
    this.deps.logger.warn({ clinicId: message.clinicId, outboxMessageId: message.id, err: error.message }, "interactive message refused by Meta: sent as numbered text");
    try {
      return await this.post(account, to, message, textBody(message.text));
    } catch (again) {
      throw refusal(again);
    }
  }

  private windowOpen(context: SendContext): boolean {
    if (context.windowClosedAt || !context.lastInboundAt) return false;
    return this.deps.clock.now().getTime() - context.lastInboundAt.getTime() < WINDOW_MS - WINDOW_MARGIN_MS;
  }

  // Meta has no idempotency key for sends; biz_opaque_callback_data comes back on every status webhook
  // of the message, so a wamid the outbox could not record (a crash right after Meta accepted) can be
  // told apart from a message never sent, and a failed status finds its row.
  private async post(account: CloudAccount, to: string, message: OutboundMessage, body: Record<string, unknown>): Promise<SendResult> {
    await this.deps.pacer.wait(account.phoneNumberId, to);
    const providerMessageId = await this.deps.graph.sendMessage(account.accessToken, account.phoneNumberId, { to, ...body, biz_opaque_callback_data: message.id });
    return { providerMessageId, status: "sent" };
  }

  /** The row's template; else the generic one (once per closed window) and the row is held. */
  private async sendOutsideWindow(account: CloudAccount, message: OutboundMessage, context: SendContext, to: string): Promise<SendResult> {
    const own = this.ownTemplate(message, context);
    if (own) {
      const sent = await this.trySendTemplate(account, message, to, own);
      if (sent?.announces) throw new SendHeldError(`outside WhatsApp's 24-hour window: the "${own.purpose}" template was sent; held until the patient answers`);
      if (sent) return sent.result;
    }
    if (context.awaitingAnswer) throw new SendHeldError("outside WhatsApp's 24-hour window: held until the patient answers the template already sent");
    const generic = await this.trySendTemplate(account, message, to, { purpose: "new_message", params: [] });
    throw new SendHeldError(generic
      ? "outside WhatsApp's 24-hour window: the \"new message\" template was sent; held until the patient answers"
      : "outside WhatsApp's 24-hour window and the \"new message\" template was refused (see the clinic's templates): held until the patient writes");
  }

  private ownTemplate(message: OutboundMessage, context: SendContext): TemplateChoice | undefined {
    if (!context.template) return undefined;
    const params = openColumn(this.deps.cipher, "OutboxMessage.templateParams", message.id, context.templateParams);
    return { purpose: context.template as TemplatePurpose, params: params ? (JSON.parse(params) as string[]) : [] };
  }

  /**
   * Sent (`announces`: its button only asks for what waits, so the message itself is still to go), or undefined
   * when Meta refused the template itself (132000, 132001: recorded on it and counted).
   */
  private async trySendTemplate(account: CloudAccount, message: OutboundMessage, to: string, choice: TemplateChoice): Promise<{ result: SendResult; announces: boolean } | undefined> {
    const template = await templateFor(this.deps.db, message.clinicId, choice.purpose);
    if (!template) return undefined;
    try {
      const result = await this.post(account, to, message, templateMessage(template, choice.params));
      return { result, announces: template.buttons.some((button) => button.payload === REOPEN_PAYLOAD) };
    } catch (error) {
      if (!(error instanceof GraphApiError) || (error.code !== META.templateParams && error.code !== META.templateMissing)) throw refusal(error);
      this.deps.onTemplateError?.(String(error.code));
      this.deps.logger.error({ clinicId: message.clinicId, template: template.name, code: error.code }, "WhatsApp template refused by Meta");
      await recordTemplateError(this.deps.db, template.id, error.code, error.message, this.deps.clock.now());
      return undefined;
    }
  }

  private async context(outboxId: string): Promise<SendContext> {
    const row = await findSendContext(this.deps.db.sql, outboxId);
    return row ?? { template: null, templateParams: null, windowClosedAt: null, waId: null, lastInboundAt: null, awaitingAnswer: false };
  }

  private async body(account: CloudAccount, message: OutboundMessage): Promise<Record<string, unknown>> {
    const media = message.media;
    if (message.kind === "text" || !media) {
      const interactive = message.choices && interactiveFor(message.choices);
      return interactive ? { type: "interactive", interactive } : textBody(message.text);
    }
    const filename = media.filename ?? (message.kind === "document" ? "documento.pdf" : message.kind);
    const id = await this.deps.graph.uploadMedia(account.accessToken, account.phoneNumberId, media.data, media.mimetype, filename);
    switch (message.kind) {
      case "document":
        return { type: "document", document: { id, filename, ...(message.caption ? { caption: message.caption } : {}) } };
      case "image":
        return { type: "image", image: { id, ...(message.caption ? { caption: message.caption } : {}) } };
      case "audio":
        return { type: "audio", audio: { id } };
    }
  }
}

const textBody = (text: string | undefined) => ({ type: "text", text: { body: text ?? "", preview_url: false } });

/** An undeliverable number is final (the outbox fails the row at once); throttling and the rest are retried with backoff. */
function refusal(error: unknown): unknown {
  if (error instanceof GraphApiError && error.code === META.undeliverable) {
    return new SendRefusedError(`undeliverable (131026): the number is not on WhatsApp, or cannot receive this message. ${error.message}`);
  }
  return error;
}
