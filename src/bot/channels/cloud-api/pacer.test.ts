import { describe, expect, it } from "vitest";
import { SendPacer } from "./pacer.js";

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms: number) => { slept.push(ms); now += ms; }, slept };
}

describe("send pacing", () => {
  it("spaces one number's sends to its messages per second", async () => {
    const time = fakeTime();
    const pacer = new SendPacer({ perSecond: 80, ...time });
    for (let i = 0; i < 80; i++) await pacer.wait("PN1", `55119${String(i).padStart(8, "0")}`);
    expect(time.now()).toBeCloseTo(79 * 12.5, 5);
  });

  it("lets a recipient have a burst, then one message every 6 seconds", async () => {
    const time = fakeTime();
    const pacer = new SendPacer({ perSecond: 1000, pairBurst: 3, ...time });
    for (let i = 0; i < 3; i++) await pacer.wait("PN1", "5511987654321");
    expect(time.now()).toBeLessThan(10);
    await pacer.wait("PN1", "5511987654321");
    expect(time.now()).toBeGreaterThanOrEqual(5990);
  });

  it("does not slow one number for another's traffic", async () => {
    const time = fakeTime();
    const pacer = new SendPacer({ perSecond: 1, ...time });
    await pacer.wait("PN1", "a");
    await pacer.wait("PN2", "b");
    expect(time.slept).toEqual([]);
  });
});
