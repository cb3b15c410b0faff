import { describe, expect, it } from "vitest";
import { WriteGroup } from "./write-group.js";

describe("a write group", () => {
  it("writes what arrives during a write together, in arrival order, in the next one", async () => {
    const calls: number[][] = [];
    const group = new WriteGroup<number, string>(async (items) => {
      calls.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((item) => `done ${item}`);
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((item) => group.add(item)));
    expect(results).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
    expect(calls).toEqual([[1], [2, 3, 4, 5]]);
  });

  it("answers a bad item with its error and writes the others of its group", async () => {
    const group = new WriteGroup<number, number>(async (items) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (items.includes(3)) throw new Error("3 is refused");
      return items.map((item) => item * 10);
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((item) => group.add(item)));
    expect(results).toEqual([
      { status: "fulfilled", value: 10 }, { status: "fulfilled", value: 20 },
      { status: "rejected", reason: new Error("3 is refused") }, { status: "fulfilled", value: 40 },
    ]);
  });
});
