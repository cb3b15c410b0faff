// Signing from the doctor's chat with a cloud certificate, through the
// simulator and a local PSC: the push approved in the VIDaaS app or denied,
// the BirdID app's code right and wrong, a session reused for the next
// document, and "sair da assinatura". Nothing reaches the patient unsigned.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCloudCertificate, type PscProvider } from "../src/documents/psc/cloud-certificates.js";
import { hasUsableCertificate } from "../src/documents/signers.js";
import { pdfsig, pdftotext } from "../src/documents/test-tools.js";
import { sealerOf } from "../src/records/deps.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { PscDouble } from "./support/psc-double.js";
import { toPem } from "./support/test-pki.js";
import { addPatient, demoProfessional, outgoing, TEST_ENCRYPTION_KEY, testCipher, type ChatMessage } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

const CPF = "52998224725";
const MARIA = { name: "Maria Aparecida Silva", phone: "+5511933330011", cpf: "529.982.247-25", address: "Rua das Flores, 10 - São Paulo/SP" };
const withPoppler = itNeeds(...POPPLER);
let testDb: TestDatabase;
let service: TestService;
let psc: PscDouble;
let professionalId: string;

beforeAll(async () => {
  testDb = await createTestDatabase("cloud_signing_chat");
  psc = await new PscDouble({ holders: { [CPF]: "ANA BEATRIZ SOUZA" }, maxHashesPerRequest: 5 }).start();
  psc.otp = "480913"; // not the demo doctor's CRM (123456), so finding it anywhere means the code leaked
  const rootFile = join(mkdtempSync(join(tmpdir(), "zelo-psc-")), "test-root.pem");
  writeFileSync(rootFile, toPem(psc.pki.get(CPF)!.root));
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PSC_TEST_ROOTS_PATH: rootFile }) });
  psc.useClock(() => service.clock.now().getTime());
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
  professionalId = (await demoProfessional(testDb.db, service.clinicId)).id;
  await addPatient(testDb.db, service.clinicId, MARIA);
  await service.say(MARIA.phone, "oi");
  await service.say(DOCTOR, "oi");
});

afterAll(async () => {
  await service?.stop();
  await psc?.stop();
  await testDb?.close();
});

async function link(provider: PscProvider): Promise<void> {
  await saveCloudCertificate(testDb.db.sql, sealerOf(testCipher), {
    clinicId: service.clinicId, professionalId, provider, baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret,
    cpf: CPF, preferredSigner: "cloud", sessionLifetimeSeconds: 12 * 3600,
  }, service.clock.now());
}

/** The doctor issues an exam request for Maria; the answer is the turn's reply. */
async function issueExamRequest(exam: string): Promise<string[]> {
  service.clock.advance(60_000);
  await service.say(DOCTOR, "paciente Maria Aparecida");
  await service.say(DOCTOR, `exames ${exam}`);
  return texts(await service.say(DOCTOR, "1"));
}

/** Runs the due jobs while the doctor answers the next push on the phone. */
async function runJobsAnsweringPush(answer: "approve" | "deny"): Promise<void> {
  const pushed = psc.nextPush();
  const running = service.jobs.runDue();
  const push = await Promise.race([pushed, running.then(() => Promise.reject(new Error("the jobs ended without a push to the doctor's phone")))]);
  if (answer === "approve") psc.approve(push.code);
  else psc.deny(push.code);
  await running;
}

const documents = async (phone: string) => (await outgoing(service, phone)).filter((m) => m.type === "document");
const doctorTexts = async () => (await outgoing(service, DOCTOR)).filter((m) => m.type === "text").map((m) => m.text ?? "");
const pushesSent = () => psc.requests.filter((r) => r.path === "/v0/oauth/authorize").length;
const sessions = () => testDb.db.prisma.pscSignatureSession.count({ where: { professionalId } });
const statusOf = async (exam: string) => {
  const docs = await testDb.db.prisma.document.findMany({ where: { professionalId }, orderBy: { createdAt: "desc" } });
  for (const doc of docs) if ((JSON.parse(testCipher.decrypt(doc.contentSealed)).exams as string[]).includes(exam)) return doc.status;
  return undefined;
};

async function pdfOf(message: ChatMessage | undefined): Promise<Buffer> {
  expect(message).toMatchObject({ type: "document", mimetype: "application/pdf" });
  return Buffer.from(await (await fetch(`${service.url}${message!.url}`)).arrayBuffer());
}

describe("signing from the doctor's chat with a cloud certificate", () => {
  withPoppler("asks to approve in the VIDaaS app, then delivers a PDF pdfsig reports valid, and reuses the session for the next document", async () => {
    await link("vidaas");
    expect(await issueExamRequest("hemograma completo")).toEqual(["Emitindo e assinando o documento..."]);
    const before = (await documents(MARIA.phone)).length;
    await runJobsAnsweringPush("approve");
    const said = await doctorTexts();
    expect(said).toContain("Aprove a assinatura no app VIDaaS. 1 documento espera sua assinatura.");
    expect(said.at(-1)).toContain("Assinatura autorizada por 12 h.");
    const delivered = await documents(MARIA.phone);
    expect(delivered).toHaveLength(before + 1);
    const pdf = await pdfOf(delivered.at(-1));
    const report = pdfsig(pdf);
    expect(report).toContain("Signature is Valid");
    expect(report).toContain("ANA BEATRIZ SOUZA");
    expect(pdftotext(pdf)).toContain("hemograma completo");
    expect((await documents(DOCTOR)).at(-1)?.url).toBe(delivered.at(-1)?.url);
    expect(await statusOf("hemograma completo")).toBe("signed");

    // Same session: the next document is signed without a new push.
    const pushes = pushesSent();
    await issueExamRequest("glicemia de jejum");
    await service.jobs.runDue();
    expect(pushesSent()).toBe(pushes);
    expect(await statusOf("glicemia de jejum")).toBe("signed");
    expect(await documents(MARIA.phone)).toHaveLength(before + 2);
  });

  it("ends the session on \"sair da assinatura\"", async () => {
    await link("vidaas");
    await issueExamRequest("TSH");
    await runJobsAnsweringPush("approve");
    expect(await sessions()).toBe(1);
    expect(texts(await service.say(DOCTOR, "sair da assinatura"))).toEqual(["Sessão de assinatura encerrada. O próximo documento vai pedir sua aprovação de novo."]);
    expect(await sessions()).toBe(0);
  });

  it("tells the doctor once when the push is denied, sends nothing to the patient, never retries, and signs after a later approval", async () => {
    await link("vidaas");
    const before = (await documents(MARIA.phone)).length;
    await issueExamRequest("ferritina");
    await runJobsAnsweringPush("deny");
    const refused = (await doctorTexts()).filter((text) => text.includes("recusada"));
    expect(refused).toEqual(["A assinatura foi recusada no app. Nada foi enviado ao paciente. Envie *assinar* para tentar de novo."]);
    expect(await documents(MARIA.phone)).toHaveLength(before);
    expect(await statusOf("ferritina")).toBe("awaiting_signature");

    // Nothing runs again behind the doctor's back: no job left, no second push.
    const pushes = pushesSent();
    service.clock.advance(3600_000);
    expect(await service.jobs.runDue()).toBe(0);
    expect(pushesSent()).toBe(pushes);
    expect((await doctorTexts()).filter((text) => text.includes("recusada"))).toHaveLength(1);

    expect(texts(await service.say(DOCTOR, "assinar"))).toEqual(["Aprove a assinatura no app VIDaaS. 1 documento espera sua assinatura."]);
    await runJobsAnsweringPush("approve");
    expect(await statusOf("ferritina")).toBe("signed");
    expect(await documents(MARIA.phone)).toHaveLength(before + 1);
  });

  it("asks for the BirdID app's code, refuses a wrong one without sending anything, and signs with the right one; the code is kept nowhere", async () => {
    await link("birdid");
    const before = (await documents(MARIA.phone)).length;
    await issueExamRequest("vitamina D");
    await service.jobs.runDue();
    expect((await doctorTexts()).at(-1)).toBe("Digite o código do app BirdID para assinar. 1 documento espera sua assinatura.");

    expect(texts(await service.say(DOCTOR, "987654"))).toEqual(["Código não aceito. Digite o código novo do app BirdID."]);
    await service.jobs.runDue();
    expect(await documents(MARIA.phone)).toHaveLength(before);
    expect(await statusOf("vitamina D")).toBe("awaiting_signature");

    expect(texts(await service.say(DOCTOR, psc.otp))[0]).toContain("Assinatura autorizada por 12 h.");
    await service.jobs.runDue();
    expect(await statusOf("vitamina D")).toBe("signed");
    expect(await documents(MARIA.phone)).toHaveLength(before + 1);

    // Neither code is in the doctor's conversation state, the outbox, or a job's payload; the inbox keeps it only sealed.
    const conversation = await testDb.db.sql.query<{ state: unknown }>(`SELECT state FROM "Conversation" WHERE "chatKey" = $1`, [DOCTOR]);
    const outbox = await testDb.db.sql.query<{ text: unknown }>(`SELECT text FROM "OutboxMessage" WHERE "chatKey" = $1`, [DOCTOR]);
    const jobs = await testDb.db.sql.query<{ data: unknown }>(`SELECT data FROM pgboss.job`);
    const inbox = await testDb.db.sql.query<{ payload: unknown }>(`SELECT payload FROM "InboxMessage" WHERE "chatKey" = $1`, [DOCTOR]);
    const stored = JSON.stringify([conversation, outbox, jobs, inbox]);
    expect(stored).toContain(professionalId); // the rows were read
    for (const code of [psc.otp, "987654"]) expect(stored).not.toContain(code);
  });
});

describe("a PSC that fails", () => {
  it("is tried twice more within the job, then the doctor is told once; \"assinar\" resumes with the session still valid", async () => {
    await link("birdid");
    const before = (await documents(MARIA.phone)).length;
    await issueExamRequest("ureia");
    await service.jobs.runDue();
    expect(texts(await service.say(DOCTOR, psc.otp))[0]).toContain("Assinatura autorizada por 12 h.");
    psc.down = true;
    const requestsBefore = psc.requests.length;
    try {
      await service.jobs.runDue();
    } finally {
      psc.down = false;
    }
    // Three attempts, each stopped at its first request (the certificate), and one message.
    expect(psc.requests.slice(requestsBefore).map((r) => r.path)).toEqual(Array(3).fill("/v0/oauth/certificate-discovery"));
    const failed = (await doctorTexts()).filter((text) => text.includes("não respondeu"));
    expect(failed).toEqual(["O serviço do certificado em nuvem não respondeu. Nada foi enviado ao paciente. Envie *assinar* para tentar de novo."]);
    expect(await documents(MARIA.phone)).toHaveLength(before);
    expect(await statusOf("ureia")).toBe("awaiting_signature");
    expect(await service.jobs.runDue()).toBe(0);

    expect(texts(await service.say(DOCTOR, "assinar"))).toEqual(["Assinando o documento que esperava."]);
    await service.jobs.runDue();
    expect(await statusOf("ureia")).toBe("signed");
    expect(await documents(MARIA.phone)).toHaveLength(before + 1);
  });
});

describe("a doctor with only a cloud certificate", () => {
  it("may issue documents in production: the PSC is asked at signing time", async () => {
    const other = await testDb.db.prisma.professional.create({
      data: { clinicId: service.clinicId, name: "Dra. Nuvem", crm: "654321", crmUf: "SP", phone: "+5511900000077" },
    });
    expect(await hasUsableCertificate(testDb.db.sql, other.id, true, service.clock.now())).toBe(false);
    await saveCloudCertificate(testDb.db.sql, sealerOf(testCipher), {
      clinicId: service.clinicId, professionalId: other.id, provider: "birdid", baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret,
      cpf: CPF, preferredSigner: "cloud", sessionLifetimeSeconds: 12 * 3600,
    }, service.clock.now());
    expect(await hasUsableCertificate(testDb.db.sql, other.id, true, service.clock.now())).toBe(true);
  });
});
