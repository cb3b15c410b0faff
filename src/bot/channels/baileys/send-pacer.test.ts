import { describe, expect, it } from "vitest";
import { SendPacer } from "./send-pacer.js";

describe("send pacer", () => {
  it("spaces one number's sends by the rate, with jitter, and leaves other numbers alone", async () => {
    const slept: number[] = [];
    const pacer = new SendPacer(20, () => 1_000_000, async (ms) => void slept.push(ms), () => 0.5);
    const delays = await Promise.all([pacer.wait("a"), pacer.wait("a"), pacer.wait("a"), pacer.wait("b")]);
    expect(delays).toEqual([0, 3000, 6000, 0]);
    expect(slept).toEqual([3000, 6000]);
  });

  it("keeps the gap between 70 % and 130 % of the nominal interval", async () => {
    const low = new SendPacer(60, () => 0, async () => undefined, () => 0);
    const high = new SendPacer(60, () => 0, async () => undefined, () => 0.9999);
    await low.wait("x");
    await high.wait("x");
    expect(await low.wait("x")).toBe(700);
    expect(Math.round(await high.wait("x"))).toBe(1300);
  });
});
