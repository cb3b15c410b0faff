// A local stand-in for Meta's Graph API (POST /<phone-number-id>/messages),
// on 127.0.0.1, that several service processes send through. It records
// every send it accepted, with the outbox row it came from
// (biz_opaque_callback_data), so duplicates are counted outside the process
// that made them. Each caller gets its own base path (/<caller>/v21.0), so a
// send is known by who made it, and one caller's answers can be held back:
// Meta accepted the message, the answer never reached the sender. It
// enforces what Meta enforces: the 24-hour window (131047), approved
// templates and their parameter counts (132001, 132000), and the limits of
// reply buttons and lists (131009, with Meta's details).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphSend {
  caller: string;
  to: string;
  /** The outbox row id the service put in biz_opaque_callback_data. */
  row: string;
  wamid: string;
  /** The answer (with the wamid) was written to the caller. */
  answered: boolean;
}

export interface GraphDouble {
  sends: GraphSend[];
  /** Base URL for WHATSAPP_CLOUD_BASE_URL, one per caller. */
  baseUrl(caller: string): string;
  /** From now on, accept this caller's sends but never answer them ("every other": answer one, hold the next). */
  holdAnswers(caller: string, which?: "all" | "every other"): void;
  releaseAnswers(caller: string): void;
  /** The next sends are refused with these Meta error codes, in order (130429, 131056, 131026, ...). */
  failNext(...codes: number[]): void;
  /** Meta's 24-hour window: the recipient (wa_id) wrote at this time; free-form messages after 24 h are refused (131047). */
  patientWrote(waId: string, at: Date): void;
  /** Every request body the double accepted or refused, parsed. */
  bodies: Record<string, unknown>[];
  /** The sends it refused, with Meta's code and details. */
  refused: { code: number; details: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** Meta's error bodies (Graph API), as the Cloud API answers them. */
export const META_ERRORS: Record<number, { status: number; message: string; details: string }> = {
  130429: { status: 400, message: "(#130429) Rate limit hit", details: "Cloud API message throughput has been reached." },
  131056: { status: 400, message: "(#131056) (Business Account, Consumer Account) pair rate limit hit", details: "Too many messages sent from this phone number to the same phone number in a short period of time." },
  131026: { status: 400, message: "(#131026) Message Undeliverable.", details: "Message could not be delivered." },
  131047: { status: 400, message: "(#131047) Re-engagement message", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
  132000: { status: 400, message: "(#132000) Number of parameters does not match the expected number of params", details: "body: number of localizable_params (1) does not match the expected number of params (3)" },
  131009: { status: 400, message: "(#131009) Parameter value is not valid", details: "Interactive message is not valid." },
  132001: { status: 404, message: "(#132001) Template name does not exist in the translation", details: "template name (zelo_x) does not exist in pt_BR" },
};

interface OutgoingBody {
  to?: string;
  type?: string;
  biz_opaque_callback_data?: string;
  template?: { name?: string; components?: { type: string; parameters?: unknown[] }[] };
  interactive?: Interactive;
}

interface Interactive {
  type?: string;
  body?: { text?: string };
  action?: {
    button?: string;
    buttons?: { type?: string; reply?: { id?: string; title?: string } }[];
    sections?: { title?: string; rows?: { id?: string; title?: string; description?: string }[] }[];
  };
}

const chars = (text: string | undefined) => [...(text ?? "")].length;

/** Meta's rules for reply buttons and list messages; the first one broken, in Meta's words, or undefined. */
export function interactiveProblem(interactive: Interactive | undefined): string | undefined {
  if (!interactive) return "interactive is required";
  const body = chars(interactive.body?.text);
  if (body < 1 || body > 1024) return `Body text length invalid. Min length: 1, Max length: 1024`;
  const action = interactive.action ?? {};
  if (interactive.type === "button") {
    const buttons = action.buttons ?? [];
    if (buttons.length < 1 || buttons.length > 3) return `Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3`;
    const ids = buttons.map((b) => b.reply?.id ?? "");
    if (new Set(ids).size !== ids.length || ids.some((id) => id.length < 1 || id.length > 256)) return "Button id is invalid or not unique";
    const titles = buttons.map((b) => b.reply?.title ?? "");
    if (titles.some((t) => chars(t) < 1 || chars(t) > 20)) return "Button title length invalid. Min length: 1, Max length: 20";
    if (new Set(titles).size !== titles.length) return "Button title must be unique";
    return undefined;
  }
  if (interactive.type === "list") {
    if (chars(action.button) < 1 || chars(action.button) > 20) return "Button label length invalid. Min length: 1, Max length: 20";
    const sections = action.sections ?? [];
    if (sections.length < 1 || sections.length > 10) return "Invalid sections count. Min: 1, Max: 10";
    if (sections.length > 1 && sections.some((section) => chars(section.title) < 1)) return "Section title is required when there is more than one section";
    const rows = sections.flatMap((section) => section.rows ?? []);
    if (rows.length < 1 || rows.length > 10) return `Total row count exceed max allowed count: 10`;
    const ids = rows.map((r) => r.id ?? "");
    if (new Set(ids).size !== ids.length || ids.some((id) => id.length < 1 || id.length > 200)) return "Row id is invalid or not unique";
    if (rows.some((r) => chars(r.title) < 1 || chars(r.title) > 24)) return "Row title length invalid. Min length: 1, Max length: 24";
    if (rows.some((r) => chars(r.description) > 72)) return "Row description length invalid. Max length: 72";
    return undefined;
  }
  return `Unknown interactive type ${String(interactive.type)}`;
}

const read = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => resolve(Buffer.concat(chunks)));
  req.on("error", reject);
});

export interface GraphDoubleOptions {
  token: string;
  phoneNumberId: string;
  answerDelayMs?: () => number;
  /** Meta's clock, for the 24-hour window (the service's ManualClock in tests); without it the window is not enforced. */
  now?: () => Date;
  /** Approved templates: name -> number of body parameters. Others are refused with 132001, a wrong count with 132000. */
  templates?: Record<string, number>;
}

export async function startGraphDouble(options: GraphDoubleOptions): Promise<GraphDouble> {
  const sends: GraphSend[] = [];
  const bodies: Record<string, unknown>[] = [];
  const refused: GraphDouble["refused"] = [];
  const failures: number[] = [];
  const lastInbound = new Map<string, number>();
  const holding = new Map<string, { which: "all" | "every other"; seen: number }>();
  const held: ServerResponse[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => void handle(req, res));
  const json = (res: ServerResponse, status: number, value: unknown): void =>
    void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await read(req).catch(() => Buffer.alloc(0));
    const [, caller, , phoneNumberId, what] = new URL(req.url ?? "/", "http://x").pathname.split("/");
    if (req.headers.authorization !== `Bearer ${options.token}`) return json(res, 401, { error: { message: "bad token" } });
    if (req.method !== "POST" || phoneNumberId !== options.phoneNumberId || what !== "messages" || !caller) {
      return json(res, 404, { error: { message: "unknown route" } });
    }
    const message = JSON.parse(body.toString("utf8")) as OutgoingBody;
    bodies.push(message as Record<string, unknown>);
    const broken = message.type === "interactive" ? interactiveProblem(message.interactive) : undefined;
    const refusal = failures.shift() ?? (broken ? 131009 : refusalFor(message));
    if (refusal) {
      const known = META_ERRORS[refusal]!;
      const details = refusal === 131009 && broken ? broken : known.details;
      refused.push({ code: refusal, details, body: message as Record<string, unknown> });
      return json(res, known.status, { error: { message: known.message, type: "OAuthException", code: refusal, error_data: { messaging_product: "whatsapp", details }, fbtrace_id: "AbCdEf" } });
    }
    counter += 1;
    const send: GraphSend = { caller, to: message.to ?? "", row: message.biz_opaque_callback_data ?? "", wamid: `wamid.DOUBLE${counter}`, answered: false };
    sends.push(send);
    const hold = holding.get(caller);
    if (hold && (hold.which === "all" || hold.seen++ % 2 === 1)) {
      held.push(res);
      return;
    }
    const delay = options.answerDelayMs?.() ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    res.on("finish", () => (send.answered = true));
    json(res, 200, { messaging_product: "whatsapp", contacts: [{ input: send.to, wa_id: send.to }], messages: [{ id: send.wamid }] });
  }

  function refusalFor(message: OutgoingBody): number | undefined {
    if (message.type === "template") {
      const wanted = options.templates?.[message.template?.name ?? ""];
      if (options.templates && wanted === undefined) return 132001;
      const given = message.template?.components?.find((c) => c.type === "body")?.parameters?.length ?? 0;
      return options.templates && given !== wanted ? 132000 : undefined;
    }
    if (!options.now) return undefined;
    const wrote = lastInbound.get(message.to ?? "");
    return wrote === undefined || options.now().getTime() - wrote > 24 * 3600_000 ? 131047 : undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sends,
    baseUrl: (caller) => `${url}/${caller}/v21.0`,
    holdAnswers: (caller, which = "all") => void holding.set(caller, { which, seen: 0 }),
    releaseAnswers: (caller) => void holding.delete(caller),
    failNext: (...codes) => void failures.push(...codes),
    patientWrote: (waId, at) => void lastInbound.set(waId, at.getTime()),
    bodies,
    refused,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
