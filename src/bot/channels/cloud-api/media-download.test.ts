import { describe, expect, it } from "vitest";
import { isAllowedMediaUrl, META_MEDIA_HOSTS } from "./media-download.js";

const options = { hosts: META_MEDIA_HOSTS, extraHosts: ["127.0.0.1:4010"] };

describe("where Cloud API media may be downloaded from", () => {
  it.each([
    ["https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1", true],
    ["https://scontent.xx.fbcdn.net/v/t61/1.ogg", true],
    ["https://mmg.whatsapp.net/d/f/1.enc", true],
    ["https://graph.facebook.com/v21.0/1", true],
    ["http://lookaside.fbsbx.com/x", false], // Meta's hosts only over https
    ["https://fbsbx.com.evil.example/x", false],
    ["https://evilfbsbx.com/x", false],
    ["https://facebook.com@evil.example/x", false],
    ["https://evil.example/?u=https://lookaside.fbsbx.com", false],
    ["http://127.0.0.1:4010/files/a.ogg", true], // the configured extra host:port
    ["http://127.0.0.1:4011/files/a.ogg", false], // another port of the same machine
    ["http://localhost:4010/files/a.ogg", false],
    ["file:///etc/passwd", false],
  ])("%s -> %s", (url, allowed) => {
    expect(isAllowedMediaUrl(new URL(url), options)).toBe(allowed);
  });
});
