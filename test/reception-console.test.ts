// The reception answers a patient who asked for a person: the handoff shows
// on the console (/console, in a real headless Chromium), the receptionist
// replies from the page, the patient gets it in the chat, the handoff is
// closed and the bot answers again. On a Sunday the patient is told when the
// reception opens. Also the handoff API on its own: roles, files, errors.
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { itNeeds, programInstalled, programsRequired } from "./support/programs.js";
import { startTestService, texts, type TestService } from "./support/service.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT = "docs/console.png";
const MARIA = "+5511987650001";
const JOAO = "+5511987650002";
const RITA = "+5511987650003";
// Monday 2026-11-23, 09:00 in São Paulo: the demo clinic is open (08:00-12:00, 13:00-18:00 on weekdays).
const MONDAY_MORNING = new Date("2026-11-23T12:00:00Z");
// Sunday 2026-11-29, 11:00 in São Paulo: closed until Monday 08:00.
const SUNDAY = new Date("2026-11-29T14:00:00Z");

const withChromium = itNeeds({ command: CHROMIUM, debianPackage: "chromium" });
const missingChromium = !programInstalled(CHROMIUM) && !programsRequired();

let testDb: TestDatabase;
let service: TestService;
let receptionKey: string;
let professionalKey: string;
let browser: Browser | undefined;
let page: Page;
const refusedByPolicy: string[] = [];

async function createKey(name: string, role: string): Promise<string> {
  const created = await service.api("POST", `/api/v1/clinics/${service.clinicId}/api-keys`, { name, role });
  expect(created.status).toBe(201);
  return created.body.key as string;
}

async function onboard(phone: string, name: string): Promise<void> {
  await service.say(phone, "oi");
  await service.say(phone, "1");
  await service.say(phone, name);
}

const handoffs = async () => {
  const answer = await service.api("GET", `/api/v1/clinics/${service.clinicId}/handoffs`, undefined, receptionKey);
  expect(answer.status).toBe(200);
  return answer.body.handoffs as { id: string; phone: string; patientName: string | null; reason: string; lastMessages: string[]; waitingMinutes: number; assignedTo: string | null }[];
};

const chat = async (phone: string) => {
  const res = await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`);
  return ((await res.json()) as { messages: unknown }).messages as { direction: string; text?: string; status?: string; type: string }[];
};

beforeAll(async () => {
  testDb = await createTestDatabase("reception_console");
  const { ManualClock } = await import("../src/clock.js");
  service = await startTestService(testDb.db, { clock: new ManualClock(MONDAY_MORNING) });
  receptionKey = await createKey("Joana", "reception");
  professionalKey = await createKey("Dra. Ana", "professional");
  if (missingChromium) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 480, height: 860 } });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusedByPolicy.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await testDb?.close();
});

describe("reception console", () => {
  it("tells a patient who asks for a person during opening hours that someone answers now", async () => {
    await onboard(MARIA, "Maria da Silva");
    await service.say(MARIA, "Quero saber se aceitam meu convênio");
    const answer = await service.say(MARIA, "4");
    expect(texts(answer).join("\n")).toContain("alguém vai responder por aqui em instantes");
    const [handoff] = await handoffs();
    expect(handoff).toMatchObject({ phone: MARIA, patientName: "Maria da Silva", assignedTo: null, waitingMinutes: 0 });
    expect(handoff!.reason).toContain("convênio");
    expect(handoff!.lastMessages).toContain("Quero saber se aceitam meu convênio");
  });

  it("keeps answering what the bot can while the reception has not written", async () => {
    const answer = await service.say(MARIA, "menu");
    expect(texts(answer).join("\n")).toContain("1 - Agendar consulta");
  });

  withChromium("shows the handoff on the page, where the receptionist replies, and the patient receives it", async () => {
    await page.goto(`${service.url}/console`);
    const policy = (await fetch(`${service.url}/console`)).headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'sha256-[^']+'/);
    expect(policy).toContain("connect-src 'self'");

    await page.getByLabel("Chave de acesso da recepção").fill(receptionKey);
    await page.getByRole("button", { name: "Entrar" }).click();
    const item = page.locator("#handoffs button", { hasText: "Maria da Silva" });
    await item.waitFor();
    expect(await item.textContent()).toContain("convênio");
    // The key stays in the tab's sessionStorage, never in the address.
    expect(page.url()).toBe(`${service.url}/console`);
    expect(await page.evaluate("sessionStorage.getItem('zelo.console.key')")).toBe(receptionKey);

    await item.click();
    await page.locator("#messages .msg.in", { hasText: "convênio" }).waitFor();
    await page.getByLabel("Resposta").fill("Olá, Maria! Aceitamos sim. Aqui é a Joana.");
    await page.getByRole("button", { name: "Enviar" }).click();
    const mine = page.locator("#messages .msg.out", { hasText: "Aqui é a Joana" });
    await mine.waitFor();
    expect(await mine.locator(".who").textContent()).toContain("Joana");
    await page.getByRole("button", { name: "Assumir" }).click();
    await page.locator("#chat-meta", { hasText: "com Joana" }).waitFor();
    expect(await page.locator("#chat-meta").textContent()).toContain("às 09:00");
    mkdirSync("docs", { recursive: true });
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: SCREENSHOT });

    await service.outbox.flush();
    const sent = (await chat(MARIA)).filter((message) => message.direction === "out" && message.text?.includes("Aqui é a Joana"));
    expect(sent).toEqual([expect.objectContaining({ status: expect.stringMatching(/^(sent|delivered|read)$/) })]);
    // The person is answering: the bot does not talk over them.
    expect(texts(await service.say(MARIA, "Que ótimo, obrigada!"))).toEqual([]);
    await page.locator("#messages .msg.in", { hasText: "obrigada" }).waitFor({ timeout: 10_000 });

    await page.getByRole("button", { name: "Encerrar atendimento" }).click();
    await page.locator("#empty").waitFor({ state: "visible" });
    expect(await handoffs()).toEqual([]);
    expect(texts(await service.say(MARIA, "oi")).join("\n")).toContain("1 - Agendar consulta");
    expect(refusedByPolicy).toEqual([]);
  });

  it("tells a patient on a Sunday when the reception opens, and keeps silent on AGUARDAR", async () => {
    service.clock.set(SUNDAY);
    await onboard(JOAO, "João Pereira");
    const answer = await service.say(JOAO, "quero falar com a recepção");
    const said = texts(answer).join("\n");
    expect(said).toContain("A recepção abre amanhã às 8h");
    expect(said).toContain("192");
    expect(texts(await service.say(JOAO, "aguardar")).join("\n")).toContain("fico em silêncio");
    expect(texts(await service.say(JOAO, "alguém aí?"))).toEqual([]);
    expect((await handoffs()).map((handoff) => handoff.phone)).toContain(JOAO);
  });

  it("says 'segunda às 8h' on a Saturday", async () => {
    service.clock.set(new Date("2026-11-28T15:00:00Z"));
    await onboard(RITA, "Rita Souza");
    expect(texts(await service.say(RITA, "atendente")).join("\n")).toContain("A recepção abre segunda às 8h");
  });
});

describe("handoff API", () => {
  const base = () => `/api/v1/clinics/${service.clinicId}/handoffs`;
  const open = async (phone: string) => (await handoffs()).find((handoff) => handoff.phone === phone)!;

  it("is closed to professional keys", async () => {
    expect((await service.api("GET", base(), undefined, professionalKey)).status).toBe(403);
  });

  it("sends a PDF from the reception and records who sent it", async () => {
    const handoff = await open(JOAO);
    const pdf = Buffer.from("%PDF-1.4\n% guia\n").toString("base64");
    const sent = await service.api("POST", `${base()}/${handoff.id}/messages`, { media: { data: pdf, mimetype: "application/pdf", filename: "guia.pdf", caption: "Sua guia" } }, receptionKey);
    expect(sent.status).toBe(201);
    const detail = await service.api("GET", `${base()}/${handoff.id}`, undefined, receptionKey);
    expect(detail.status).toBe(200);
    expect(detail.body.messages.at(-1)).toMatchObject({ direction: "out", type: "document", filename: "guia.pdf", caption: "Sua guia", staffName: "Joana" });
    expect(detail.body.handoff.assignedTo).toBe("Joana");
  });

  it("refuses a file type it does not send, an empty text and an unknown handoff, as JSON with codes", async () => {
    const handoff = await open(JOAO);
    const exe = await service.api("POST", `${base()}/${handoff.id}/messages`, { media: { data: "TVqQAAM=", mimetype: "application/x-msdownload", filename: "a.exe" } }, receptionKey);
    expect(exe.status).toBe(400);
    expect(exe.body.error.code).toBe("validation_failed");
    expect((await service.api("POST", `${base()}/${handoff.id}/messages`, { text: "  " }, receptionKey)).status).toBe(400);
    const unknown = await service.api("POST", `${base()}/00000000-0000-0000-0000-000000000000/close`, undefined, receptionKey);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });

  it("refuses a reply to a closed handoff with 409", async () => {
    const handoff = await open(RITA);
    expect((await service.api("POST", `${base()}/${handoff.id}/close`, undefined, receptionKey)).status).toBe(200);
    const late = await service.api("POST", `${base()}/${handoff.id}/messages`, { text: "oi" }, receptionKey);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("conflict");
  });

  it("audits the reading of a chat", async () => {
    const events = await service.api("GET", `/api/v1/clinics/${service.clinicId}/audit-events?limit=200`);
    expect(events.status).toBe(200);
    const routes = (events.body.events ?? events.body.auditEvents ?? []).map((event: { detail?: { route?: string } }) => event.detail?.route);
    expect(routes).toContain("/clinics/:clinicId/handoffs/:handoffId");
  });

  it("lists today's agenda and the waitlist for the reception, and describes the routes in OpenAPI", async () => {
    const agenda = await service.api("GET", `/api/v1/clinics/${service.clinicId}/agenda`, undefined, receptionKey);
    expect(agenda.status).toBe(200);
    expect(agenda.body.date).toBe("2026-11-28");
    expect((await service.api("GET", `/api/v1/clinics/${service.clinicId}/waitlist`, undefined, receptionKey)).status).toBe(200);
    const openApi = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const path of ["", "/{handoffId}", "/{handoffId}/messages", "/{handoffId}/close", "/{handoffId}/assign"]) {
      expect(Object.keys(openApi.paths)).toContain(`/api/v1/clinics/{clinicId}/handoffs${path}`);
    }
  });

  it("counts open handoffs and the time to the first reply in /metrics", async () => {
    const res = await fetch(`${service.url}/metrics`);
    const body = await res.text();
    expect(body).toMatch(/zelo_handoffs_open \d+/);
    expect(body).toMatch(/zelo_handoff_first_reply_seconds_count [1-9]/);
  });
});
