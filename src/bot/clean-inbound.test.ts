import { describe, expect, it } from "vitest";
import { cleanInbound, cleanText, cleanValue } from "./clean-inbound.js";

describe("cleaning what PostgreSQL's text refuses", () => {
  it.each([
    ["drops NUL", "oi\u0000 tudo bem\u0000", "oi tudo bem"],
    ["replaces a lone high surrogate", "a\ud83d!", "a\ufffd!"],
    ["replaces a lone low surrogate", "\ude00a", "\ufffda"],
    ["keeps a whole emoji (a surrogate pair)", "ok 😀", "ok 😀"],
    ["keeps accents and other control characters", "São\tPaulo\n", "São\tPaulo\n"],
  ])("%s", (_name, given, expected) => {
    expect(cleanText(given)).toBe(expected);
    // What PostgreSQL's UTF-8 needs: encodes to UTF-8 and back unchanged, without a zero byte.
    const bytes = Buffer.from(cleanText(given), "utf8");
    expect(bytes.includes(0)).toBe(false);
    expect(bytes.toString("utf8")).toBe(cleanText(given));
  });

  it("cleans strings at any depth of a payload, keys included", () => {
    expect(cleanValue({ pushName: "Ma\u0000ria", list: ["\ud800"], n: 1, nested: { "k\u0000": "v" } }))
      .toEqual({ pushName: "Maria", list: ["\ufffd"], n: 1, nested: { k: "v" } });
  });

  it("cleans every stored string of an inbound message and leaves the bytes of its media alone", () => {
    const data = Buffer.from([0, 1, 2]);
    const cleaned = cleanInbound({
      clinicId: "c", chatKey: "+5511\u0000", senderPhone: "+5511\u0000", providerMessageId: "id\u0000", kind: "document", text: "t\u0000",
      media: { data, mimetype: "application/pdf\u0000", filename: "a\u0000.pdf" }, payload: { pushName: "\udc00" },
    });
    expect(cleaned).toMatchObject({ chatKey: "+5511", senderPhone: "+5511", providerMessageId: "id", text: "t",
      media: { mimetype: "application/pdf", filename: "a.pdf" }, payload: { pushName: "\ufffd" } });
    expect(cleaned.media!.data).toBe(data);
  });
});
