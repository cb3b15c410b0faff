// `npm run db:migrate`: applies pending migrations (PostgreSQL or PGlite) and exits.
import { loadConfig } from "../config.js";
import { applyMigrations } from "./migrate.js";
import { openDatabase } from "./open.js";

try {
  process.loadEnvFile();
} catch {
  // no .env file
}
const db = await openDatabase(loadConfig());
try {
  const applied = await applyMigrations(db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
} finally {
  await db.close();
}
