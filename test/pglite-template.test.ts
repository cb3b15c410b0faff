// A new embedded data folder starts as a copy of the folder `npm run build`
// prepares (src/pglite-template.ts): the migrations applied, the job queue's
// schema created, small shared buffers. Written and copied here as the build
// and a first start do. PGlite only: it is the embedded database's own path.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPgliteEngine, pgliteDatabase } from "../src/db/database.js";
import { pendingMigrations } from "../src/db/migrate.js";
import { writePgliteTemplate } from "../src/pglite-template.js";
import { testDatabaseKind } from "./support/db.js";

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe.skipIf(testDatabaseKind() !== "pglite")("the embedded database's prepared copy", () => {
  it("starts a new data folder migrated, with the job queue's schema and small shared buffers", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "zelo-template-"));
    folders.push(root);
    const template = path.join(root, "template");
    await writePgliteTemplate(template);
    const engine = await openPgliteEngine(path.join(root, "data"), template);
    const db = await pgliteDatabase(engine, { ownsEngine: true });
    try {
      expect(await pendingMigrations(db)).toEqual([]);
      const [boss] = await db.sql.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'pgboss'`);
      expect(Number(boss!.n)).toBeGreaterThan(0);
      const [buffers] = await db.sql.query<{ shared_buffers: string }>("SHOW shared_buffers");
      expect(buffers!.shared_buffers).toBe("16MB");
    } finally {
      await db.close();
    }
  }, 60_000);
});
