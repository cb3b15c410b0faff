import { describe, expect, it } from "vitest";
import { formatReply, mediaForFile, notRunningMessage, unseenOutbound, type ChatMessage } from "./chat-format.js";

const URL = "http://127.0.0.1:3000";

describe("formatReply", () => {
  it.each<[string, ChatMessage, string]>([
    ["prints a text reply after the bot's name", { type: "text", text: "Olá!" }, "Zelo: Olá!"],
    ["lines up the next lines of a long reply", { type: "text", text: "Como posso ajudar?\n1 - Agendar" }, "Zelo: Como posso ajudar?\n      1 - Agendar"],
    ["leaves a blank line of a reply blank", { type: "text", text: "Dados.\n\nVocê concorda?" }, "Zelo: Dados.\n\n      Você concorda?"],
    ["prints a document as a link to the service", { type: "document", url: "/simulator/media/abc", filename: "receita.pdf" }, `Zelo: [document receita.pdf] ${URL}/simulator/media/abc`],
    ["prints an image's caption under its link", { type: "image", url: "/simulator/media/qr", caption: "Pix" }, `Zelo: [image] ${URL}/simulator/media/qr\n      Pix`],
    ["names a reply it has no text for", { type: "sticker" }, "Zelo: [sticker]"],
  ])("%s", (_name, reply, expected) => {
    expect(formatReply(reply, URL)).toBe(expected);
  });
});

describe("unseenOutbound", () => {
  const history: ChatMessage[] = [
    { id: "i1", direction: "in", type: "text", text: "oi" },
    { id: "o1", direction: "out", type: "text", text: "Olá!" },
    { id: "o2", direction: "out", type: "text", text: "Você concorda?" },
    { id: "o3", direction: "out", type: "text", text: "Lembrete: consulta amanhã" },
  ];

  it("shows every outbound message not seen yet, never the patient's own", () => {
    expect(unseenOutbound(history, new Set()).map((m) => m.id)).toEqual(["o1", "o2", "o3"]);
  });

  it("skips the messages already seen", () => {
    expect(unseenOutbound(history, new Set(["o1", "o2"])).map((m) => m.id)).toEqual(["o3"]);
  });

  it("skips the replies just printed and keeps a job's message that arrived with them", () => {
    const printed: ChatMessage[] = [{ type: "text", text: "Olá!" }, { type: "text", text: "Você concorda?" }];
    expect(unseenOutbound(history, new Set(), printed).map((m) => m.id)).toEqual(["o3"]);
  });

  it("matches a printed reply once, so the same text sent again later is still shown", () => {
    const twice: ChatMessage[] = [...history, { id: "o4", direction: "out", type: "text", text: "Olá!" }];
    expect(unseenOutbound(twice, new Set(["o2", "o3"]), [{ type: "text", text: "Olá!" }]).map((m) => m.id)).toEqual(["o4"]);
  });
});

describe("mediaForFile", () => {
  it.each([
    ["/tmp/nota.ogg", "audio", "audio/ogg"],
    ["ditado.OPUS", "audio", "audio/ogg"],
    ["exame.pdf", "document", "application/pdf"],
    ["foto.JPG", "image", "image/jpeg"],
    ["planilha.xlsx", "document", "application/octet-stream"],
  ])("sends %s as %s (%s)", (path, kind, mimetype) => {
    expect(mediaForFile(path)).toEqual({ kind, mimetype });
  });
});

describe("notRunningMessage", () => {
  it("says in Portuguese and English where Zelo was expected and how to start it", () => {
    expect(notRunningMessage("http://127.0.0.1:3000")).toContain("Zelo não está rodando em http://127.0.0.1:3000. Inicie com `npm start`.");
    expect(notRunningMessage("http://127.0.0.1:3000")).toContain("Zelo is not running at http://127.0.0.1:3000");
  });
});
