import path from "node:path";
import type { Config } from "../config.js";
import { openPglite, openPostgres, type Database } from "./database.js";

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite in DATA_DIR. */
export function openDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  return openPglite(path.resolve(config.DATA_DIR, "pglite"));
}
