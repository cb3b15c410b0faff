// The HTTP surface under hostile use: security headers on every answer,
// bodies refused before they are read, the simulator never in production,
// and a production start refused while the simulator, the demo seed or
// LOG_PHI would be on.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { buildHttpApp } from "../src/http-app.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, TEST_ADMIN_KEY, type TestService } from "./support/service.js";

const MB = 1024 * 1024;
const STRONG_KEY = "9f1c4be27a5d83e6c0b4f7192ad86e35b1c7f04e92a8d36c5be1907f4a2dc68b";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("hardening_http");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

/** "<style>x</style>" -> the CSP source that allows exactly that block. */
const hashesOf = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map(([, body]) => `'sha256-${createHash("sha256").update(body!).digest("base64")}'`);

const directives = (policy: string | null) =>
  new Map((policy ?? "").split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("security headers", () => {
  it("on a JSON answer: nosniff, no referrer, nothing may run or frame it", async () => {
    for (const res of [await fetch(`${service.url}/healthz`), await fetch(`${service.url}/api/v1/clinics`)]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp.get("default-src")).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    }
  });

  it("on the simulator page: only the page's own inline script and style, by hash", async () => {
    const res = await fetch(`${service.url}/simulator`);
    const html = await res.text();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const policy = res.headers.get("content-security-policy");
    expect(policy).not.toContain("unsafe-inline");
    const csp = directives(policy);
    expect(csp.get("script-src")).toEqual(hashesOf(html, "script"));
    expect(csp.get("script-src")).toHaveLength(1);
    expect(csp.get("style-src")).toEqual(hashesOf(html, "style"));
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("on a verification page: its own style only, never framed", async () => {
    const res = await fetch(`${service.url}/v/NO-SUCH-CODE`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const csp = directives(res.headers.get("content-security-policy"));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("style-src")).toEqual(hashesOf(html, "style"));
    expect(csp.get("script-src")).toEqual(["'none'"]);
  });
});

/** Sends a request head and then its body slowly, as a slow client would; resolves with the first answer. */
function slowUpload(path: string, headers: Record<string, string>, options: { chunked?: boolean } = {}) {
  const { port } = new URL(service.url);
  const socket = net.connect(Number(port), "127.0.0.1");
  socket.on("error", () => undefined); // the server hangs up on purpose
  let sent = 0;
  let answer = "";
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${head}\r\n`);
  const chunk = Buffer.alloc(64 * 1024, "a");
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
    socket.write(options.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk);
    sent += chunk.length;
  }, 5);
  const answered = new Promise<{ status: number; body: string; sentBytes: number }>((resolve, reject) => {
    socket.on("data", (data) => {
      answer += data.toString("latin1");
      const match = /^HTTP\/1\.1 (\d+)[\s\S]*?\r\n\r\n([\s\S]*\})/.exec(answer);
      if (match) resolve({ status: Number(match[1]), body: match[2]!, sentBytes: sent });
    });
    socket.on("close", () => reject(new Error(`closed without an answer: ${answer}`)));
  });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { answered, closed, stop: () => { clearInterval(timer); socket.destroy(); } };
}

describe("request bodies", () => {
  it("refuses an unauthenticated 30 MB body to /api/v1 at once, and /healthz answers meanwhile", async () => {
    const upload = slowUpload("/api/v1/clinics", { "Content-Length": String(30 * MB) });
    try {
      const started = performance.now();
      const health = await fetch(`${service.url}/healthz`);
      expect(health.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      const refused = await upload.answered;
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "unauthorized" } });
      expect(refused.sentBytes).toBeLessThan(5 * MB);
      // The server hangs up rather than read the rest.
      await upload.closed;
    } finally {
      upload.stop();
    }
  });

  it("refuses an authenticated body declared over HTTP_BODY_MAX_BYTES before reading it", async () => {
    const upload = slowUpload("/api/v1/clinics", { Authorization: `Bearer ${TEST_ADMIN_KEY}`, "Content-Length": String(30 * MB) });
    try {
      const refused = await upload.answered;
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "payload_too_large" } });
      expect(refused.sentBytes).toBeLessThan(5 * MB);
      await upload.closed;
    } finally {
      upload.stop();
    }
  });

  it("refuses a chunked body as soon as it passes the limit", async () => {
    const upload = slowUpload("/api/v1/clinics", { Authorization: `Bearer ${TEST_ADMIN_KEY}`, "Transfer-Encoding": "chunked" }, { chunked: true });
    try {
      const refused = await upload.answered;
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "payload_too_large" } });
      expect(refused.sentBytes).toBeGreaterThanOrEqual(1 * MB);
      expect(refused.sentBytes).toBeLessThan(6 * MB);
    } finally {
      upload.stop();
    }
  });

  it("answers a 2 MB JSON body to the admin API with 413 payload_too_large (default limit 1 MiB)", async () => {
    const res = await service.api("POST", "/api/v1/clinics", { name: "Clínica Grande", slug: "grande", address: "x".repeat(2 * MB) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("lets the simulator take an upload larger than the API's limit", async () => {
    const res = await fetch(`${service.url}/simulator/messages`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "+5511977770001", document: { data: "A".repeat(2 * MB), mimetype: "application/pdf", filename: "exame.pdf" } }),
    });
    expect(res.status).toBe(200);
  });
});

describe("the simulator in production", () => {
  it("is never mounted when NODE_ENV is production, even if asked", async () => {
    const logger = createLogger({ level: "silent", logPhi: false });
    const answers: Record<string, number[]> = {};
    for (const production of [false, true]) {
      const app = buildHttpApp({ db: testDb.db, clock: new ManualClock(new Date()), logger, cipher: {} as never, chats: {} as never, engine: {} as never, outbox: {} as never, simulator: true, production });
      const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => { const s = app.listen(0, "127.0.0.1", () => resolve(s)); });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        answers[String(production)] = [
          (await fetch(`${url}/simulator`)).status,
          (await fetch(`${url}/simulator/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status,
        ];
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
    expect(answers).toEqual({ false: [200, 400], true: [404, 404] });
  });

  it("refuses to start: the real start command exits 2 naming each refused variable", async () => {
    const env = {
      PATH: process.env.PATH ?? "", NODE_ENV: "production", ENCRYPTION_KEY: STRONG_KEY,
      WHATSAPP_CHANNEL: "simulator", SEED_DEMO: "auto", LOG_PHI: "true", DATA_DIR: "/nonexistent/zelo",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, stderr).toBe(2);
    expect(stderr).toMatch(/WHATSAPP_CHANNEL: .*simulator/);
    expect(stderr).toMatch(/SEED_DEMO: /);
    expect(stderr).toMatch(/LOG_PHI: /);
  }, 30_000);

  it("the compose file's production environment passes those checks", () => {
    const compose = parse(readFileSync("docker-compose.yml", "utf8"));
    const given: Record<string, string> = { ENCRYPTION_KEY: STRONG_KEY, ADMIN_API_KEY: "compose-admin-key-0123456789" };
    // ${NAME:?message} takes the .env value; ${NAME:-default} its default.
    const env = Object.fromEntries(Object.entries(compose.services.zelo.environment as Record<string, string>).map(([name, value]) => [
      name, String(value).replace(/\$\{(\w+)(?::\?[^}]*|:-([^}]*))\}/g, (_all, variable: string, fallback?: string) => given[variable] ?? fallback ?? ""),
    ]));
    const config = loadConfig(env);
    expect(config).toMatchObject({ NODE_ENV: "production", SEED_DEMO: "never", LOG_PHI: false });
    expect(config.WHATSAPP_CHANNEL).not.toBe("simulator");
  });
});
