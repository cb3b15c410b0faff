// Prisma CLI configuration. The CLI runs its WASM schema engine through the
// pg driver adapter, so `generate` and every `migrate` command work without
// downloading Prisma's native engines. The adapter needs three mends, kept in
// prisma/migration-adapter.ts (see that file for why).
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migration-adapter.js";

// `generate` never connects, but the CLI must be able to read a URL or it
// falls back to the native engine (and tries to download it).
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/zelo";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => migrationAdapter(process.env.DATABASE_URL!),
});
