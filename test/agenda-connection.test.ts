// A slot search runs inside a turn, on the transaction's one connection:
// its statements go one after another (node-postgres queues overlapping ones
// and warns that pg@9 will refuse them; PGlite has no such warning, so the
// overlap is counted here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreeSlots, loadAgendaProfessionals, loadProcedure } from "../src/scheduling/agenda.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { countingOverlap } from "./support/overlap.js";

describe("a slot search on a transaction's connection", () => {
  let testDb: TestDatabase;
  let clinicId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase("agenda_connection");
    ({ clinicId } = await seedDemo(testDb.db));
  });
  afterAll(() => testDb?.close());

  it("asks one query at a time and finds free times", async () => {
    const procedure = await testDb.db.prisma.procedure.findFirstOrThrow({ where: { clinicId, active: true } });
    let mostAtOnce = 0;
    const slots = await testDb.db.transaction(async (sql) => {
      const { sql: counted, mostAtOnce: most } = countingOverlap(sql);
      const row = await loadProcedure(counted, clinicId, procedure.id);
      const professionals = await loadAgendaProfessionals(counted, clinicId, row!.professionalIds);
      const found = await findFreeSlots(counted, { timeZone: "America/Sao_Paulo", now: new Date(), procedure: row!, professionals, limitPerProfessional: 20 });
      mostAtOnce = most();
      return found;
    });
    expect(slots.length).toBeGreaterThan(0);
    expect(mostAtOnce).toBe(1);
  });
});
