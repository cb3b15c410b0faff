import { describe, expect, it } from "vitest";
import { mapCloudMessage } from "./inbound.js";

describe("Cloud API taps", () => {
  it("reads a tapped list row or reply button as its id, the number the patient would have typed", () => {
    expect(mapCloudMessage({ from: "5511987654321", id: "wamid.A", type: "interactive", interactive: { list_reply: { id: "2", title: "Minhas consultas" } } }))
      .toEqual({ kind: "text", text: "2", payload: { replyId: "2", replyTitle: "Minhas consultas" } });
    expect(mapCloudMessage({ from: "5511987654321", id: "wamid.B", type: "interactive", interactive: { button_reply: { id: "1", title: "Sim, concordo" } } })?.text).toBe("1");
  });

  it("reads a template's quick reply as its payload, the words the flow understands", () => {
    expect(mapCloudMessage({ from: "5511987654321", id: "wamid.C", type: "button", button: { text: "Confirmo", payload: "confirmo" } })?.text).toBe("confirmo");
  });
});
