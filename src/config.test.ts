import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("runs with nothing set: embedded database, simulator, port 3000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseKind: "pglite", DATA_DIR: "./data", WHATSAPP_CHANNEL: "simulator", PORT: 3000 });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://u@h:5432/db" }).databaseKind).toBe("postgres");
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ WHATSAPP_CHANNEL: "telegram" }, "WHATSAPP_CHANNEL"],
    [{ ADMIN_API_KEY: "short" }, "ADMIN_API_KEY"],
    [{ ENCRYPTION_KEY: "abc" }, "ENCRYPTION_KEY"],
    [{ NODE_ENV: "production" }, "ENCRYPTION_KEY"],
    [{ LOG_PHI: "maybe" }, "LOG_PHI"],
  ])("refuses %o naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).databaseKind).toBe("pglite");
  });
});
