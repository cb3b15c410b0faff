// A new embedded database starts from a prepared copy instead of running
// initdb: PGlite's initdb runs a second WASM PostgreSQL and takes most of a
// first start (about 14 s against under 4 s to unpack the copy on a 2-core
// machine). `npm run build` (and the image's build stage) writes the copy:
// an initialised cluster with the migrations of that build applied and the
// job queue's own schema created; a start applies whatever came after it, as
// on any other database. src/db/database.ts loads it (PGLITE_TEMPLATE).
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLITE_TEMPLATE, pgliteDatabase } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import { JobQueue } from "./jobs/queue.js";
import { createLogger } from "./logger.js";

const SHARED_BUFFERS = "16MB";

/** Writes the prepared data folder to `dir` (replacing what is there). */
export async function writePgliteTemplate(dir = PGLITE_TEMPLATE): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const engine = new PGlite({ dataDir: dir, extensions: { btree_gist } });
  await engine.waitReady;
  const db = await pgliteDatabase(engine, { ownsEngine: true });
  await applyMigrations(db);
  // pg-boss creates its schema on its first start: done here, a first start does not.
  const queue = new JobQueue(db, createLogger({ level: "silent", logPhi: false }), { poll: false });
  await queue.start([]);
  await queue.stop();
  // PGlite keeps initdb's 128 MB of shared buffers, touched at start: most of its idle memory. One clinic's
  // working set fits in far less (and the operating system caches the files beneath).
  await engine.exec(`ALTER SYSTEM SET shared_buffers = '${SHARED_BUFFERS}'`);
  await db.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writePgliteTemplate();
