// A new embedded database starts from a prepared copy instead of running
// initdb: PGlite's initdb runs a second WASM PostgreSQL and takes most of a
// first start (about 14 s against under 4 s to unpack the copy on a 2-core
// machine). `npm run build` (and the image's build stage) writes the copy:
// an initialised cluster with the migrations of that build applied; a start
// applies whatever came after it, as on any other database. database.ts
// loads it (PGLITE_TEMPLATE).
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PGLITE_TEMPLATE, pgliteDatabase } from "./database.js";
import { applyMigrations } from "./migrate.js";

const SHARED_BUFFERS = "16MB";

export async function writePgliteTemplate(file = PGLITE_TEMPLATE): Promise<void> {
  const engine = new PGlite({ extensions: { btree_gist } });
  await engine.waitReady;
  const db = await pgliteDatabase(engine, { ownsEngine: true });
  await applyMigrations(db);
  // PGlite keeps initdb's 128 MB of shared buffers, touched at start: most of its idle memory. One clinic's
  // working set fits in far less (and the operating system caches the files beneath).
  await engine.exec(`ALTER SYSTEM SET shared_buffers = '${SHARED_BUFFERS}'`);
  const dump = await engine.dumpDataDir("gzip");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writePgliteTemplate();
