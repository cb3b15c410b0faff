// The import graph's rules (scripts/check-layers.ts), as a test: the layer
// order holds for every import, nothing imports in a circle, and only
// src/bot/ writes a conversation.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkLayers, layerOf, MAX_UPWARD, problemsOf } from "../scripts/check-layers.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

describe("the layers of src/", () => {
  const report = checkLayers(root);

  it("has no import that runs up", () => {
    expect(report.upward).toEqual([]);
    expect(MAX_UPWARD).toBe(0);
    expect(problemsOf(report)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(report.cycles).toEqual([]);
  });

  it("lets no code below the flows import them, nor records import documents", () => {
    const wrong = report.upward.filter((a) => a.toLayer === "flows" || a.toLayer === "bot" || (a.fromLayer === "records" && a.toLayer === "documents"));
    expect(wrong).toEqual([]);
  });

  it("lets only src/bot/ write a conversation", () => {
    expect(report.conversationWriters).toEqual([]);
  });

  it("places each folder in its layer", () => {
    expect(["src/crypto/encryption.ts", "src/config.ts", "src/db/reencrypt.ts", "src/chat-events/raise.ts", "src/scheduling/waitlist.ts",
      "src/flows/patient/step.ts", "src/bot/engine.ts", "src/http/simulator-routes.ts", "src/service.ts"].map(layerOf))
      .toEqual(["crypto", "base", "db", "chat-events", "scheduling", "flows", "bot", "http", "root"]);
  });
});
