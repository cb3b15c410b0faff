// How long the service takes from a cold start on an empty data folder to
// answering /healthz, and what it holds in memory once idle, on embedded
// PGlite and on PostgreSQL. Runs the compiled image command (`node
// dist/main.js`, built by `npm run build`) and, beside it, the development
// command (`tsx src/main.ts`, what `npm start` runs).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emptyPostgres, round } from "./support.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);

interface StartFigures {
  ready_s: number;
  rss_mb: number;
}

export async function benchServiceStart(): Promise<Record<string, unknown>> {
  const compiled = existsSync(path.join(ROOT, "dist/main.js"));
  const command = compiled ? ["node", "dist/main.js"] : ["node", "--import", "tsx", "src/main.ts"];
  const pglite = await startOnce(command, {});
  const postgres = await startOnce(command, { DATABASE_URL: await emptyPostgres("zelo_bench_start") });
  const tsx = compiled ? await startOnce(["node", "--import", "tsx", "src/main.ts"], {}) : pglite;
  return {
    bench: "service.start",
    command: command.join(" "),
    ready_s: pglite.ready_s,
    ready_s_postgres: postgres.ready_s,
    ready_s_tsx: tsx.ready_s,
    rss_mb_pglite: pglite.rss_mb,
    rss_mb_postgres: postgres.rss_mb,
  };
}

async function startOnce(command: string[], env: Record<string, string>): Promise<StartFigures> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "zelo-start-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitHealthy(child, `http://127.0.0.1:${port}/healthz`);
    const readyS = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ready_s: round(readyS, 2), rss_mb: await rssOf(child.pid!) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function waitHealthy(child: ChildProcess, url: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before answering`);
    const ok = await fetch(url).then((res) => res.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchServiceStart()));
}
