// `npm run seed:demo`: creates "Clínica Demo" in the configured database.
import { loadConfig } from "./config.js";
import { applyMigrations } from "./db/migrate.js";
import { openDatabase } from "./db/open.js";
import { seedDemo } from "./seed-demo.js";

try {
  process.loadEnvFile();
} catch {
  // no .env file
}
const db = await openDatabase(loadConfig());
try {
  await applyMigrations(db);
  const result = await seedDemo(db);
  console.log(result.created ? `Created "Clínica Demo" (${result.clinicId}).` : `"Clínica Demo" already exists (${result.clinicId}).`);
} finally {
  await db.close();
}
