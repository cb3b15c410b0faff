// Meta's side of a Cloud API chat in end-to-end tests: signed webhook
// deliveries (messages, taps on buttons and list rows, statuses, echoes) into
// a test service, and the Graph double told when the patient wrote, so its
// 24-hour window matches what the patient did.
import { createHmac } from "node:crypto";
import type { GraphDouble } from "./graph-double.js";
import type { TestService } from "./service.js";

export function cloudWebhook(service: () => TestService, graph: () => GraphDouble, options: { appSecret: string; phoneNumberId: string }) {
  let seq = 0;
  const change = (value: Record<string, unknown>, pnid = options.phoneNumberId) => ({
    object: "whatsapp_business_account",
    entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551140000000", phone_number_id: pnid }, ...value } }] }],
  });
  const webhook = async (body: unknown, secret = options.appSecret): Promise<number> => {
    const raw = Buffer.from(JSON.stringify(body));
    const res = await fetch(`${service().url}/webhooks/whatsapp`, {
      method: "POST", body: raw,
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}` },
    });
    return res.status;
  };
  /** A message from the patient (text by default; `message` gives another type: interactive, button). */
  const patientSends = async (waId: string, message: Record<string, unknown>, pnid = options.phoneNumberId, secret = options.appSecret): Promise<number> => {
    const now = service().clock.now();
    graph().patientWrote(waId, now);
    const ts = String(Math.floor(now.getTime() / 1000));
    return webhook(change({ contacts: [{ wa_id: waId, profile: { name: "Ana" } }], messages: [{ from: waId, id: `wamid.W${++seq}`, timestamp: ts, ...message }] }, pnid), secret);
  };
  return {
    change,
    webhook,
    patientSends,
    patientSays: (waId: string, text: string, pnid?: string, secret?: string) => patientSends(waId, { type: "text", text: { body: text } }, pnid, secret),
    /** A tap on a reply button (`button_reply`) or a list row (`list_reply`) of an interactive message. */
    patientTaps: (waId: string, reply: { id: string; title: string }, kind: "button_reply" | "list_reply" = "button_reply") =>
      patientSends(waId, { type: "interactive", interactive: { type: kind, [kind]: reply } }),
    /** A tap on a template's quick reply: Meta sends its payload. */
    patientTapsTemplate: (waId: string, button: { text: string; payload: string }) => patientSends(waId, { type: "button", button }),
  };
}
