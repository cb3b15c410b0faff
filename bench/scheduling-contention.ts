// Many patients racing for the same few times, through the real booking use
// cases on PostgreSQL: bookings per second, and double bookings (must be 0).
import { randomUUID } from "node:crypto";
import { holdSlot, confirmHold } from "../src/scheduling/hold-and-book.js";
import { seedDemo } from "../src/seed-demo.js";
import { freshPostgres, percentile, round } from "./support.js";

const ATTEMPTS = Number(process.env.BENCH_BOOKING_ATTEMPTS ?? 2000);
const CONCURRENCY = 32;
const SLOTS = 200;

export async function benchSchedulingContention(): Promise<Record<string, unknown>> {
  const db = await freshPostgres("zelo_bench_contention");
  const { clinicId } = await seedDemo(db);
  const professional = await db.prisma.professional.findFirstOrThrow({ where: { clinicId } });
  const procedure = await db.prisma.procedure.findFirstOrThrow({ where: { clinicId, name: "Retorno" } });
  const patients = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    db.prisma.patient.create({ data: { id: randomUUID(), clinicId, phone: `+55119${String(30000000 + i)}`, consentGrantedAt: new Date() } })));
  const now = new Date("2026-11-23T12:00:00Z");
  const base = Date.parse("2026-12-01T11:00:00Z");
  const latencies: number[] = [];
  let booked = 0;
  let next = 0;
  const worker = async () => {
    while (next < ATTEMPTS) {
      const attempt = next++;
      // Every attempt aims at one of SLOTS times, so each time is fought over ~10 times.
      const startsAt = new Date(base + (attempt % SLOTS) * 20 * 60_000);
      const started = performance.now();
      const ok = await db.transaction(async (sql) => {
        const held = await holdSlot(sql, {
          clinicId, patientId: patients[attempt % patients.length]!.id, procedureId: procedure.id, professionalId: professional.id,
          startsAt, endsAt: new Date(startsAt.getTime() + 20 * 60_000), holdMinutes: 10, source: "whatsapp",
        }, now);
        if (!held) return false;
        return "booked" in (await confirmHold(sql, held.id, { reminder24h: true, reminder2h: false }, now, { type: "bench" }));
      });
      latencies.push(performance.now() - started);
      if (ok) booked += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  const [overlaps] = await db.sql.query<{ count: string }>(
    `SELECT count(*) AS count FROM "Appointment" a JOIN "Appointment" b
       ON a."professionalId" = b."professionalId" AND a.id < b.id
      AND a.status IN ('held', 'booked', 'confirmed') AND b.status IN ('held', 'booked', 'confirmed')
      AND tsrange(a."startsAt", a."endsAt") && tsrange(b."startsAt", b."endsAt")`);
  await db.close();
  latencies.sort((a, b) => a - b);
  return {
    bench: "scheduling.contention",
    database: "postgres",
    attempts: ATTEMPTS,
    concurrency: CONCURRENCY,
    distinct_slots: SLOTS,
    bookings: booked,
    attempts_per_s: round(ATTEMPTS / elapsedS, 1),
    bookings_per_s: round(booked / elapsedS, 1),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    double_bookings: Number(overlaps?.count ?? -1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSchedulingContention()));
}
