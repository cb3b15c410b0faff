// The simulator page in a real headless Chromium: a whole onboarding as a
// patient, then the doctor's side, through the page's own form.
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { DOCTOR, startTestService, type TestService } from "./support/service.js";
import { itNeeds, programInstalled, programsRequired } from "./support/programs.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT = "/tmp/zelo-simulator.png";

let testDb: TestDatabase;
let service: TestService;
let browser: Browser;
let page: Page;

// Skipped with the reason where Chromium is missing, mandatory in CI
// (ZELO_REQUIRE_PROGRAMS, test/support/programs.ts).
const withChromium = itNeeds({ command: CHROMIUM, debianPackage: "chromium" });
const missingChromium = !programInstalled(CHROMIUM) && !programsRequired();

beforeAll(async () => {
  if (missingChromium) return;
  testDb = await createTestDatabase("simulator_page");
  service = await startTestService(testDb.db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 480, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await testDb?.close();
});

async function send(text: string): Promise<void> {
  await page.locator("#text").fill(text);
  await page.locator("#composer button[type=submit]").click();
}

const botBubble = (text: string | RegExp) => page.locator(".msg.out").filter({ hasText: text }).last();
const myBubble = (text: string) => page.locator(".msg.in").filter({ hasText: text }).last();

describe("simulator page", () => {
  withChromium("onboards a patient through the page and shows the menu", async () => {
    await page.goto(`${service.url}/simulator`);
    expect(await page.locator("#who").inputValue()).toBe("+5511987654321");

    await send("oi");
    await myBubble("oi").waitFor();
    await botBubble("Você concorda?").waitFor();
    expect(await page.locator(".msg.out").first().textContent()).toContain("Clínica Demo");

    // The consent's options are buttons too: a tap sends the number, as if typed.
    await botBubble("Você concorda?").locator(".choices button", { hasText: "Sim, concordo" }).click();
    await myBubble("1").waitFor();
    await botBubble("Como você se chama?").waitFor();

    await send("maria da silva");
    await botBubble("Prazer, Maria!").waitFor();
    await botBubble("1 - Agendar consulta").waitFor();
    expect(await botBubble("1 - Agendar consulta").locator(".choices button").allTextContents())
      .toEqual(["Agendar consulta", "Minhas consultas", "Meus documentos", "Falar com a recepção", "Privacidade e meus dados"]);
    expect(await page.locator("#text").inputValue()).toBe("");
    expect(await page.locator("#error").textContent()).toBe("");
    // WhatsApp's *bold* marks are rendered, not shown as asterisks.
    expect(await page.locator(".msg.out strong", { hasText: "Clínica Demo" }).count()).toBe(1);
    await page.screenshot({ path: SCREENSHOT });
  });

  withChromium("switches to the doctor's phone and greets the doctor", async () => {
    await page.locator("#who").selectOption(DOCTOR);
    // The patient's chat gives way to the doctor's (empty) one.
    await page.locator(".msg").first().waitFor({ state: "detached" });
    await send("oi");
    await botBubble("Olá, Dra. Ana Souza!").waitFor();
    expect(await page.locator(".msg.out", { hasText: "Você concorda?" }).count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT.replace(".png", "-doctor.png") });
  });

  withChromium("shows the service's error message when a message is refused", async () => {
    await page.locator("#who").selectOption("custom");
    await page.locator("#phone").fill("abc");
    await send("oi");
    await expect.poll(() => page.locator("#error").textContent()).not.toBe("");
  });
});
