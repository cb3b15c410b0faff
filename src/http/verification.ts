// The public verification page of signed documents, printed as a QR code on
// each PDF: GET /v/<code> answers people with HTML (who signed what, when,
// and whether it still stands) and the ITI validator with JSON when called
// with `_format=application/validador-iti+json&_secretCode=...` (ITI QR
// protocol: 401 for a wrong code, 404 for an unknown document).
//
// The PDF itself is the whole prescription, so the printed code alone does
// not open it: GET /v/<code>?_format=application/pdf&_secretCode=... (how the
// ITI validator fetches the signed file) and GET /v/<code>/pdf?_secretCode=...
// need the secret code that only the patient's chat received. Wrong codes
// are limited per document (secret-attempts.ts): 429 once they are too many.
import { timingSafeEqual } from "node:crypto";
import { Router, type Request, type Response } from "express";
import type { Database } from "../db/database.js";
import type { Cipher } from "../crypto/encryption.js";
import { loadMedia } from "../db/media.js";
import { findSignedDocument, type VerifiedDocument } from "./http-statements.js";
import { sendMedia } from "./send-media.js";
import { checkSecretAttempt } from "./secret-attempts.js";
import type { Clock } from "../clock.js";
import { DOCUMENT_TITLE } from "../documents/health-oids.js";
import { itiQrResponse } from "../documents/verification-code.js";
import type { RecordsSettings } from "../records/deps.js";

export const ITI_FORMAT = "application/validador-iti+json";
export const PDF_FORMAT = "application/pdf";


const findSigned = (db: Database, code: string): Promise<VerifiedDocument | undefined> => findSignedDocument(db.sql, code);

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given.toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

interface VerificationContext {
  db: Database;
  cipher: Cipher;
  clock: Clock;
}

export function verificationRouter(db: Database, settings: RecordsSettings, cipher: Cipher, clock: Clock): Router {
  const router = Router();
  const ctx: VerificationContext = { db, cipher, clock };
  const base = () => settings.verifyBaseUrl.replace(/\/+$/, "");
  router.get("/v/:code", async (req: Request<{ code: string }>, res: Response) => {
    if (req.query._format === PDF_FORMAT) return servePdf(ctx, req, res);
    const doc = await findSigned(db, req.params.code);
    if (req.query._format === ITI_FORMAT) {
      if (!doc) return void res.status(404).json({ error: "document not found" });
      if (!(await secretAccepted(ctx, doc, req, res, false))) return;
      // The validator proved it holds the secret; the file's URL carries it back so the download passes too.
      const query = new URLSearchParams({ _format: PDF_FORMAT, _secretCode: doc.secretCode });
      return void res.json(itiQrResponse(`${base()}/v/${encodeURIComponent(doc.verificationCode)}?${query}`));
    }
    if (!doc) return void res.status(404).type("html").send(page("Documento não encontrado", "<p>Não há documento assinado com este código.</p>"));
    res.type("html").send(page(DOCUMENT_TITLE[doc.kind], describe(doc)));
  });
  router.get("/v/:code/pdf", (req: Request<{ code: string }>, res: Response) => servePdf(ctx, req, res));
  return router;
}

const secretOf = (req: Request): string => (typeof req.query._secretCode === "string" ? req.query._secretCode.trim() : "");

/** 404 for an unknown code, 401 for a missing or wrong secret (JSON, or HTML for a browser), else the PDF. */
async function servePdf(ctx: VerificationContext, req: Request<{ code: string }>, res: Response): Promise<void> {
  const wantsHtml = req.accepts(["json", "html"]) === "html";
  const doc = await findSigned(ctx.db, req.params.code);
  const media = doc ? await loadMedia(ctx.db.sql, ctx.cipher, doc.pdfMediaId) : null;
  if (!doc || !media) {
    if (wantsHtml) return void res.status(404).type("html").send(page("Documento não encontrado", "<p>Não há documento assinado com este código.</p>"));
    return void res.status(404).json({ error: "document not found" });
  }
  if (!(await secretAccepted(ctx, doc, req, res, wantsHtml))) return;
  sendMedia(res, { data: media.data, mimetype: "application/pdf", filename: `${doc.verificationCode}.pdf` });
}

/** True when the secret is right and not locked out; otherwise the 401 or 429 has been answered. */
async function secretAccepted(ctx: VerificationContext, doc: VerifiedDocument, req: Request, res: Response, wantsHtml: boolean): Promise<boolean> {
  const outcome = await checkSecretAttempt(ctx.db.sql, doc.verificationCode, sameSecret(secretOf(req), doc.secretCode), ctx.clock.now());
  if (outcome.kind === "ok") return true;
  if (outcome.kind === "locked") {
    res.status(429).setHeader("Retry-After", String(outcome.retryAfterSeconds));
    if (wantsHtml) res.type("html").send(page("Muitas tentativas", "<p>Código de acesso errado muitas vezes. Tente de novo mais tarde.</p>"));
    else res.json({ error: "too many attempts" });
    return false;
  }
  if (wantsHtml) res.status(401).type("html").send(page("Código de acesso inválido", `<p>O código de acesso não confere.</p>${accessForm(doc.verificationCode)}`));
  else res.status(401).json({ error: "invalid secret code" });
  return false;
}
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** "Maria da Silva" -> "M. d. S.": the page is public, the patient's name is not. */
const initials = (name: string | null): string => (name ?? "").split(/\s+/).filter(Boolean).map((w) => `${w[0]}.`).join(" ");

function describe(doc: VerifiedDocument): string {
  const signedAt = new Date(doc.signedAt).toLocaleString("pt-BR", { timeZone: doc.timeZone, dateStyle: "short", timeStyle: "short" });
  const status = doc.revokedAt
    ? `<p class="bad"><strong>REVOGADO</strong> em ${escape(new Date(doc.revokedAt).toLocaleDateString("pt-BR", { timeZone: doc.timeZone }))}${doc.revokeReason ? `: ${escape(doc.revokeReason)}` : ""}</p>`
    : `<p class="ok"><strong>VÁLIDO</strong>: assinado e não revogado.</p>`;
  const test = doc.isTest ? `<p class="bad"><strong>DOCUMENTO DE TESTE - SEM VALIDADE</strong> (certificado de desenvolvimento).</p>` : "";
  return `${status}${test}
<dl>
<dt>Documento</dt><dd>${escape(DOCUMENT_TITLE[doc.kind])}</dd>
<dt>Assinado por</dt><dd>${escape(doc.professionalName)} — CRM ${escape(doc.crm)}/${escape(doc.crmUf)}</dd>
<dt>Clínica</dt><dd>${escape(doc.clinicName)}</dd>
<dt>Paciente</dt><dd>${escape(initials(doc.patientName))}</dd>
<dt>Data da assinatura</dt><dd>${escape(signedAt)}</dd>
<dt>Código</dt><dd>${escape(doc.verificationCode)}</dd>
<dt>SHA-256 do PDF</dt><dd><code>${escape(doc.sha256)}</code></dd>
</dl>
${accessForm(doc.verificationCode)}
<p>A assinatura ICP-Brasil também pode ser conferida em <a href="https://validar.iti.gov.br">validar.iti.gov.br</a>.</p>`;
}

/** The PDF opens only with the access code sent to the patient with the document ("Código para a farmácia"). */
function accessForm(code: string): string {
  return `<form method="get" action="/v/${escape(encodeURIComponent(code))}/pdf">
<label>Código para a farmácia (enviado ao paciente com o documento): <input name="_secretCode" required autocomplete="off" maxlength="32"></label>
<button type="submit">Baixar o PDF assinado</button></form>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} - verificação</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
.ok{color:#11632b}.bad{color:#a11}dt{font-weight:600;margin-top:.5rem}dd{margin:0}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}
