// Stored media leaves over HTTP inert, whatever type its sender declared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("media_serving");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

async function upload(from: string, field: "image" | "document", media: { data: Buffer; mimetype: string; filename?: string }) {
  const answer = await service.post({ from, [field]: { data: media.data.toString("base64"), mimetype: media.mimetype, ...(media.filename ? { filename: media.filename } : {}) } });
  const row = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: answer.messageId } });
  return fetch(`${service.url}/simulator/media/${row.mediaId}`);
}

describe("serving stored media", () => {
  it("never serves an uploaded 'image' declared as text/html as a page", async () => {
    const page = Buffer.from("<!doctype html><script>fetch('/api/v1/clinics').then(r=>r.text()).then(alert)</script>");
    const res = await upload("+5511987652001", "image", { data: page, mimetype: "text/html", filename: "foto.html" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(page);
  });

  it("shows a listed image type inline", async () => {
    const res = await upload("+5511987652002", "image", { data: Buffer.from("fake-png"), mimetype: "image/png" });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe("inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves a file name with any Unicode, quotes and a line break in a correct header", async () => {
    const res = await upload("+5511987652003", "document", { data: Buffer.from("%PDF-1.7"), mimetype: "application/pdf", filename: 'receita ☃ "x"\r\n.pdf' });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const header = res.headers.get("content-disposition")!;
    expect(header.startsWith("attachment;")).toBe(true);
    const extended = /filename\*=UTF-8''([^;\s]+)/.exec(header)?.[1];
    expect(extended && decodeURIComponent(extended)).toBe('receita ☃ "x".pdf');
    expect(/filename="([\x20-\x7e]*)"/.exec(header)?.[1]).toBe("receita ? _x_.pdf");
  });
});
