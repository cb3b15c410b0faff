// No Docker engine runs here, so the image is checked by what can be checked:
// the Dockerfile lints clean, it is multi-stage on an even (LTS) Node, runs as
// a non-root user with a healthcheck, and starts with the same command the
// graceful-shutdown test runs; the compose file has the service and PostgreSQL 16.
import { existsSync, readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync("Dockerfile", "utf8");
const instructions = dockerfile.split("\n").filter((line) => /^[A-Z]+\s/.test(line));

describe("Dockerfile", () => {
  it("has no lint problems", () => {
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("builds in stages on a Node LTS image", () => {
    const froms = instructions.filter((line) => line.startsWith("FROM "));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:(\d*[02468])-bookworm-slim AS \w+$/);
  });

  it("runs as a non-root user, with a healthcheck, with the tested start command", () => {
    const user = instructions.findLast((line) => line.startsWith("USER "));
    expect(user).toBe("USER zelo");
    expect(instructions.indexOf(user!)).toBeLessThan(instructions.findIndex((line) => line.startsWith("CMD ")));
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(instructions.findLast((line) => line.startsWith("CMD "))).toBe('CMD ["node", "dist/main.js"]');
    // The graceful-shutdown test runs the same main module from its TypeScript source.
    expect(readFileSync("test/shutdown.test.ts", "utf8")).toContain('["--import", "tsx", "src/main.ts"]');
  });

  it("runs compiled JavaScript built in its build stage from src/ into dist/", () => {
    expect(instructions).toContain("RUN npm run build");
    expect(instructions).toContain("COPY --from=build --chown=zelo:zelo /app/dist ./dist");
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { compilerOptions: Record<string, unknown> };
    expect(build.compilerOptions).toMatchObject({ noEmit: false, rootDir: "src", outDir: "dist" });
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.build).toContain("tsc -p tsconfig.build.json");
  });

  it("copies only files that exist", () => {
    const sources = instructions
      .filter((line) => line.startsWith("COPY ") && !line.includes("--from="))
      .flatMap((line) => line.replace(/--chown=\S+/, "").split(/\s+/).slice(1, -1));
    for (const source of sources) expect(existsSync(source), source).toBe(true);
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync("docker-compose.yml", "utf8"));

  it("runs the service against PostgreSQL 16 with a volume", () => {
    expect(compose.services.postgres.image).toBe("postgres:16");
    expect(compose.services.postgres.volumes[0]).toMatch(/^postgres-data:/);
    expect(compose.volumes).toHaveProperty("postgres-data");
    expect(compose.services.zelo.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(compose.services.zelo.depends_on.postgres.condition).toBe("service_healthy");
  });
});
