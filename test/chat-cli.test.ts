// `npm run chat` as a user runs it: a child process talking to a running
// service over HTTP, reading stdin and writing stdout.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("chat_cli");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

interface Cli {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout contains `text`; rejects if the CLI exits first or after 15 s. */
  waitFor(text: string): Promise<void>;
  exited: Promise<number | null>;
}

function runCli(args: string[]): Cli {
  const child = spawn("npx", ["tsx", "src/bot/chat-cli.ts", ...args], { cwd: ROOT, env: { ...process.env, PORT: "" } });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes(text)) {
            listeners.delete(check);
            resolve();
          }
        };
        const fail = (why: string) => reject(new Error(`${why} before printing ${JSON.stringify(text)}\nstdout: ${out}\nstderr: ${err}`));
        listeners.add(check);
        check();
        void exited.then((code) => fail(`CLI exited (${code})`));
        setTimeout(() => fail("15 s went by"), 15_000).unref();
      }),
  };
}

describe("npm run chat", () => {
  it("sends a typed line and prints the consent question", async () => {
    const cli = runCli(["--url", service.url, "--from", "+5511955550001"]);
    cli.child.stdin.end("oi\n/quit\n");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout(), cli.stderr()).toContain("Zelo: Olá! Você está falando com o assistente virtual da *Clínica Demo*.");
    expect(cli.stdout(), cli.stderr()).toContain("Você concorda?");
    // Printed once: by the answer to the POST, not again by the history sync.
    expect(cli.stdout().split("Você concorda?").length - 1).toBe(1);
  });

  it("talks as the demo doctor with --doctor", async () => {
    const cli = runCli(["--url", service.url, "--doctor"]);
    cli.child.stdin.end("oi\n/quit\n");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout(), cli.stderr()).toContain("Zelo: Olá, Dra. Ana Souza!");
  });

  it("sends a file with /file as the kind its extension says", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "zelo-chat-"));
    const audio = path.join(dir, "nota.ogg");
    await writeFile(audio, Buffer.from("OggS fake audio"));
    const cli = runCli(["--url", service.url, "--doctor"]);
    cli.child.stdin.end(`/file ${audio}\n/quit\n`);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout(), cli.stderr()).toContain("Zelo: O ditado de notas clínicas não está configurado"); // no OPENAI_API_KEY here
    const stored = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { kind: "audio" }, orderBy: { seq: "desc" } });
    const media = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: stored.mediaId! } });
    expect(media).toMatchObject({ mimetype: "audio/ogg", filename: "nota.ogg" });
  });

  it("prints a message a job sends later, while the user is idle", async () => {
    const from = "+5511955550002";
    const cli = runCli(["--url", service.url, "--from", from, "--clinic", "demo"]);
    cli.child.stdin.write("oi\n");
    await cli.waitFor("Você concorda?");
    // What a reminder job does: an outbound message with no inbound message behind it.
    await testDb.db.prisma.outboxMessage.create({
      data: { id: randomUUID(), clinicId: service.clinicId, chatKey: from, kind: "text", text: "Lembrete: sua consulta é amanhã." },
    });
    await cli.waitFor("Zelo: Lembrete: sua consulta é amanhã.");
    cli.child.stdin.end("/quit\n");
    expect(await cli.exited).toBe(0);
  });

  it("tells which clinic does not exist instead of starting the chat", async () => {
    const cli = runCli(["--url", service.url, "--clinic", "nao-existe"]);
    cli.child.stdin.end("oi\n");
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain("clinic nao-existe not found");
  });

  it("says clearly that Zelo is not running when nothing answers at the URL", async () => {
    const cli = runCli(["--url", "http://127.0.0.1:9"]);
    cli.child.stdin.end("oi\n");
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain("Zelo não está rodando em http://127.0.0.1:9. Inicie com `npm start`.");
  });
});
