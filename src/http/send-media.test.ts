import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { contentDisposition, servableType } from "./send-media.js";

describe("content type of served media", () => {
  it.each([
    ["application/pdf", "application/pdf"],
    ["IMAGE/PNG", "image/png"],
    ["audio/ogg; codecs=opus", "audio/ogg"],
    ["text/html", "application/octet-stream"],
    ["image/svg+xml", "application/octet-stream"],
    ["text/html; charset=utf-8, image/png", "application/octet-stream"],
    ["application/xhtml+xml", "application/octet-stream"],
    ["", "application/octet-stream"],
  ])("serves %j as %s", (declared, served) => {
    expect(servableType(declared)).toBe(served);
  });
});

describe("Content-Disposition of served media", () => {
  it("keeps a plain ASCII name as it is", () => {
    expect(contentDisposition("attachment", "receita-ABC123.pdf")).toBe('attachment; filename="receita-ABC123.pdf"');
  });

  it("encodes any Unicode per RFC 6266 with an ASCII fallback, and drops control characters", () => {
    const header = contentDisposition("attachment", 'receita ☃ "x"\r\n.pdf');
    // Written out by hand: ☃ is U+2603, E2 98 83 in UTF-8; '"' is %22.
    expect(header).toBe(`attachment; filename="receita ? _x_.pdf"; filename*=UTF-8''receita%20%E2%98%83%20%22x%22.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
    // An independent parser (the one express ships) reads the exact name back.
    expect(parse(header)).toMatchObject({ type: "attachment", parameters: { filename: 'receita ☃ "x".pdf' } });
  });

  it("survives lone surrogates and NUL instead of throwing", () => {
    const header = contentDisposition("inline", "foto\ud800\u0000.jpg");
    expect(parse(header).parameters.filename).toBe("foto\ufffd.jpg");
  });

  it("leaves out a name that is empty once cleaned", () => {
    expect(contentDisposition("attachment", "\r\n")).toBe("attachment");
    expect(contentDisposition("inline", null)).toBe("inline");
  });
});
