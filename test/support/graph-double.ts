// A local stand-in for Meta's Graph API (POST /<phone-number-id>/messages),
// on 127.0.0.1, that several service processes send through. It records
// every send it accepted, with the outbox row it came from
// (biz_opaque_callback_data), so duplicates are counted outside the process
// that made them. Each caller gets its own base path (/<caller>/v21.0), so a
// send is known by who made it, and one caller's answers can be held back:
// Meta accepted the message, the answer never reached the sender.
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
  close(): Promise<void>;
}

const read = (req: IncomingMessage) => new Promise<Buffer>((resolve, reject) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => resolve(Buffer.concat(chunks)));
  req.on("error", reject);
});

export async function startGraphDouble(options: { token: string; phoneNumberId: string; answerDelayMs?: () => number }): Promise<GraphDouble> {
  const sends: GraphSend[] = [];
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
    const message = JSON.parse(body.toString("utf8")) as { to?: string; biz_opaque_callback_data?: string };
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

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sends,
    baseUrl: (caller) => `${url}/${caller}/v21.0`,
    holdAnswers: (caller, which = "all") => void holding.set(caller, { which, seen: 0 }),
    releaseAnswers: (caller) => void holding.delete(caller),
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
