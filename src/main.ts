// Composition root: reads the configuration, opens the database, starts the
// service, and stops it cleanly on SIGTERM / SIGINT.
import { DevelopmentClock, systemClock } from "./clock.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/open.js";
import { createLogger } from "./logger.js";
import { startService } from "./service.js";

async function main(): Promise<void> {
  try {
    process.loadEnvFile();
  } catch {
    // no .env file: the environment alone configures the service
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, logPhi: config.LOG_PHI });
  const db = await openDatabase(config);
  // Outside production the clock can be moved forward from the simulator (POST /simulator/clock).
  const clock = config.NODE_ENV === "production" ? systemClock : new DevelopmentClock();
  const service = await startService({ config, db, clock, logger });
  logger.info({ url: service.url, database: db.kind, channel: config.WHATSAPP_CHANNEL }, "zelo started");
  printBanner(service.url, db.kind, config.WHATSAPP_CHANNEL, service.seeded);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await service.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

function printBanner(url: string, database: string, channel: string, seeded: boolean): void {
  const lines = [
    "",
    `  Zelo is running at ${url} (database: ${database}, channel: ${channel})`,
    seeded ? "  Created the demo clinic \"Clínica Demo\" with Dra. Ana Souza (+5511900000001)." : "",
    channel === "simulator" ? `  Try it: open ${url}/simulator, or run \`npm run chat\` in another terminal.` : "",
    `  Admin API: ${url}/api/v1 (OpenAPI at ${url}/openapi.json)`,
    "",
  ];
  process.stdout.write(lines.filter((line, i) => line !== "" || i === 0 || i === lines.length - 1).join("\n") + "\n");
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Zelo failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
