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

  describe("in production", () => {
    // A strong key (no pattern, no text): the production checks below are about the other variables.
    const production = {
      NODE_ENV: "production", WHATSAPP_CHANNEL: "baileys",
      ENCRYPTION_KEY: "9f1c4be27a5d83e6c0b4f7192ad86e35b1c7f04e92a8d36c5be1907f4a2dc68b",
    };

    it("starts with a real channel, a strong key and SEED_DEMO unset, which means never", () => {
      expect(loadConfig(production)).toMatchObject({ WHATSAPP_CHANNEL: "baileys", SEED_DEMO: "never", LOG_PHI: false });
      expect(loadConfig({ ...production, SEED_DEMO: "never" }).SEED_DEMO).toBe("never");
    });

    it.each([
      [{ WHATSAPP_CHANNEL: undefined }, "WHATSAPP_CHANNEL"],
      [{ WHATSAPP_CHANNEL: "" }, "WHATSAPP_CHANNEL"],
      [{ WHATSAPP_CHANNEL: "simulator" }, "WHATSAPP_CHANNEL"],
      [{ SEED_DEMO: "auto" }, "SEED_DEMO"],
      [{ SEED_DEMO: "always" }, "SEED_DEMO"],
      [{ LOG_PHI: "true" }, "LOG_PHI"],
      [{ LOG_PHI: "1" }, "LOG_PHI"],
      [{ PSC_TEST_ROOTS_PATH: "/etc/zelo/test-root.pem" }, "PSC_TEST_ROOTS_PATH"],
    ])("refuses %o naming %s", (change, variable) => {
      const env = { ...production, ...change };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(`\\n  ${variable}: `));
    });

    it("refuses Cloud API media hosts on this machine or a bare address, and takes a named host", () => {
      const cloud = { ...production, WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_ACCESS_TOKEN: "t", WHATSAPP_CLOUD_APP_SECRET: "s",
        WHATSAPP_CLOUD_VERIFY_TOKEN: "v", WHATSAPP_CLOUD_PHONE_NUMBERS: "1:demo" };
      for (const hosts of ["127.0.0.1:8080", "localhost", "media.example.com, [::1]:9000", "10.0.0.5"]) {
        expect(() => loadConfig({ ...cloud, WHATSAPP_CLOUD_MEDIA_HOSTS: hosts })).toThrow(/\n {2}WHATSAPP_CLOUD_MEDIA_HOSTS: /);
      }
      expect(loadConfig({ ...cloud, WHATSAPP_CLOUD_MEDIA_HOSTS: "media.example.com" }).WHATSAPP_CLOUD_MEDIA_HOSTS).toBe("media.example.com");
      expect(loadConfig({ ...cloud, NODE_ENV: "development", WHATSAPP_CLOUD_MEDIA_HOSTS: "127.0.0.1:8080" }).WHATSAPP_CLOUD_MEDIA_HOSTS).toBe("127.0.0.1:8080");
    });

    it("names every refused variable at once", () => {
      const env = { NODE_ENV: "production", SEED_DEMO: "auto", LOG_PHI: "true" };
      expect(() => loadConfig(env)).toThrow(/ENCRYPTION_KEY:[\s\S]*WHATSAPP_CHANNEL:[\s\S]*SEED_DEMO:[\s\S]*LOG_PHI:/);
    });
  });

  it("outside production keeps the simulator, the demo seed and LOG_PHI as asked", () => {
    expect(loadConfig({ NODE_ENV: "development" })).toMatchObject({ WHATSAPP_CHANNEL: "simulator", SEED_DEMO: "auto" });
    expect(loadConfig({ NODE_ENV: "test", SEED_DEMO: "always", LOG_PHI: "true" })).toMatchObject({ SEED_DEMO: "always", LOG_PHI: true });
  });

  it("limits JSON bodies to 1 MiB by default and the simulator's to 40 MiB", () => {
    expect(loadConfig({})).toMatchObject({ HTTP_BODY_MAX_BYTES: 1_048_576, SIMULATOR_BODY_MAX_BYTES: 41_943_040 });
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).databaseKind).toBe("pglite");
  });
});
