// Signing a doctor's waiting documents with a cloud certificate, through a
// local PSC: one approval for the shift, a batch of hashes per request, and
// failures that stop and wait for the doctor instead of retrying.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { approveByPush, approveWithCode, endSignatureSession } from "../src/documents/psc/approve-signature.js";
import { saveCloudCertificate, type PscProvider } from "../src/documents/psc/cloud-certificates.js";
import { signPendingForProfessional, type SignPendingDeps } from "../src/documents/psc/sign-pending.js";
import { samplePrescription } from "../src/documents/test-fixtures.js";
import { pdfsig } from "../src/documents/test-tools.js";
import { openMedia } from "../src/crypto/sealed-columns.js";
import { sealerOf } from "../src/records/deps.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { PscDouble } from "./support/psc-double.js";
import { addPatient, demoProfessional, testCipher } from "./support/records.js";

const CPF = "52998224725";
const withPoppler = itNeeds(...POPPLER);
let testDb: TestDatabase;
let psc: PscDouble;
let deps: SignPendingDeps;
let clinicId: string;
let professionalId: string;
let patientId: string;
const clock = new ManualClock(new Date("2026-11-30T12:00:00Z"));
const sealer = sealerOf(testCipher);

beforeAll(async () => {
  testDb = await createTestDatabase("cloud_signing");
  psc = await new PscDouble({ holders: { [CPF]: "ANA BEATRIZ SOUZA" }, maxHashesPerRequest: 5 }).start();
  psc.useClock(() => clock.now().getTime());
  ({ clinicId } = await seedDemo(testDb.db));
  professionalId = (await demoProfessional(testDb.db, clinicId)).id;
  patientId = (await addPatient(testDb.db, clinicId, { name: "Carla Mendes", phone: "+5511944440009" })).id;
  deps = {
    db: testDb.db, sealer, clock, cipher: testCipher, verifyBaseUrl: "https://zelo.example",
    store: { roots: [], testRoots: [psc.pki.get(CPF)!.root] },
  };
});

afterAll(async () => {
  await psc?.stop();
  await testDb?.close();
});

async function link(provider: PscProvider): Promise<void> {
  await saveCloudCertificate(testDb.db.sql, sealer, {
    clinicId, professionalId, provider, baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret,
    cpf: CPF, preferredSigner: "cloud", sessionLifetimeSeconds: 12 * 3600,
  }, clock.now());
}

async function waitingDocuments(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    await testDb.db.sql.query(
      `INSERT INTO "Document" (id, "clinicId", "professionalId", "patientId", kind, status, "contentSealed", "verificationCode", "secretCode", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, 'prescription', 'signing', $5, $6, '123456', $7, $7)`,
      [id, clinicId, professionalId, patientId, await sealer.seal(JSON.stringify(samplePrescription)), `C${id.slice(0, 9).toUpperCase()}`, clock.now()],
    );
    ids.push(id);
  }
  // Documents of one instant are signed in id order.
  return ids.sort();
}

const statuses = async (ids: string[]) =>
  (await testDb.db.sql.query<{ status: string }>(`SELECT status FROM "Document" WHERE id = ANY($1) ORDER BY id`, [ids])).map((r) => r.status);
const sessions = () => testDb.db.sql.query<{ accessTokenSealed: string; expiresAt: Date }>(`SELECT "accessTokenSealed", "expiresAt" FROM "PscSignatureSession"`);

beforeEach(async () => {
  await testDb.db.sql.query(`UPDATE "Document" SET status = 'failed' WHERE status IN ('signing', 'awaiting_signature')`);
  await endSignatureSession(deps, professionalId);
});

describe("signing a doctor's waiting documents with a cloud certificate", () => {
  withPoppler("asks for approval once, then signs seven documents in two requests, each PDF valid for pdfsig", async () => {
    await link("vidaas");
    const ids = await waitingDocuments(7);
    expect(await signPendingForProfessional(deps, professionalId)).toEqual({ outcome: "authorization_needed", approval: "push", documentIds: expect.arrayContaining(ids) });
    expect(await statuses(ids)).toEqual(Array(7).fill("awaiting_signature"));

    const pushed = psc.nextPush();
    await approveByPush(deps, professionalId, { sleep: async () => psc.approve((await pushed).code) });
    expect((await pushed).scope).toBe("signature_session");
    const [session] = await sessions();
    expect(session!.expiresAt.getTime() - clock.now().getTime()).toBe(12 * 3600 * 1000);

    const before = psc.signatureRequests.length;
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "signed", documentIds: ids });
    expect(psc.signatureRequests.slice(before)).toEqual([{ hashes: 5 }, { hashes: 2 }]);
    expect(await statuses(ids)).toEqual(Array(7).fill("signed"));
    const [media] = await testDb.db.sql.query<{ id: string; data: Uint8Array }>(
      `SELECT m.id, m.data FROM "Media" m JOIN "Document" d ON d."pdfMediaId" = m.id WHERE d.id = $1`, [ids[0]]);
    const report = pdfsig(openMedia(testCipher, media!.id, Buffer.from(media!.data)));
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Total document signed");
  });

  it("keeps the access token only sealed", async () => {
    await link("birdid");
    await approveWithCode(deps, professionalId, psc.otp);
    const [session] = await sessions();
    expect(session!.accessTokenSealed).toMatch(/^v1:/);
    const requestBodies = psc.requests.map((r) => r.body).join("\n");
    const token = await sealer.open(session!.accessTokenSealed);
    expect(requestBodies).not.toContain(token);
  });

  it("leaves the documents awaiting signature after a denial on the phone, sends nothing again, and signs them after a later approval", async () => {
    await link("vidaas");
    const ids = await waitingDocuments(2);
    await signPendingForProfessional(deps, professionalId);
    const denied = psc.nextPush();
    await expect(approveByPush(deps, professionalId, { sleep: async () => psc.deny((await denied).code) })).rejects.toMatchObject({ failure: "denied" });
    const pushesSoFar = psc.requests.filter((r) => r.path === "/v0/oauth/authorize").length;
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "authorization_needed" });
    expect(psc.requests.filter((r) => r.path === "/v0/oauth/authorize").length).toBe(pushesSoFar);
    expect(await statuses(ids)).toEqual(["awaiting_signature", "awaiting_signature"]);

    const approved = psc.nextPush();
    await approveByPush(deps, professionalId, { sleep: async () => psc.approve((await approved).code) });
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "signed", documentIds: ids });
  });

  it("takes a wrong code as final: no session, documents still waiting", async () => {
    await link("birdid");
    const ids = await waitingDocuments(1);
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "authorization_needed", approval: "code" });
    await expect(approveWithCode(deps, professionalId, "999999")).rejects.toMatchObject({ failure: "wrong_code" });
    expect(await sessions()).toEqual([]);
    expect(await statuses(ids)).toEqual(["awaiting_signature"]);
  });

  it("drops a session the PSC no longer accepts and asks for approval again", async () => {
    await link("birdid");
    await approveWithCode(deps, professionalId, psc.otp);
    psc.expireTokens();
    const ids = await waitingDocuments(1);
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "authorization_needed", documentIds: ids });
    expect(await sessions()).toEqual([]);
  });

  it("does not use a session past the lifetime the clinic set", async () => {
    await link("birdid");
    await approveWithCode(deps, professionalId, psc.otp);
    clock.advance(12 * 3600 * 1000);
    const ids = await waitingDocuments(1);
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "authorization_needed", documentIds: ids });
  });

  it("refuses a signature that does not verify with the certificate and stores no PDF", async () => {
    await link("birdid");
    await approveWithCode(deps, professionalId, psc.otp);
    const ids = await waitingDocuments(2);
    psc.corruptSignatures = true;
    try {
      expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "failed", failure: "bad_signature", documentIds: ids });
    } finally {
      psc.corruptSignatures = false;
    }
    expect(await statuses(ids)).toEqual(["awaiting_signature", "awaiting_signature"]);
  });

  it("leaves the documents waiting, to be resumed, when the PSC does not answer", async () => {
    await link("birdid");
    await approveWithCode(deps, professionalId, psc.otp);
    const ids = await waitingDocuments(1);
    psc.silent = true;
    try {
      expect(await signPendingForProfessional({ ...deps, timeoutMs: 300 }, professionalId)).toMatchObject({ outcome: "unavailable", documentIds: ids });
    } finally {
      psc.silent = false;
    }
    expect(await signPendingForProfessional(deps, professionalId)).toMatchObject({ outcome: "signed", documentIds: ids });
  });
});
