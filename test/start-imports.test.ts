// What the service loads at start: the modules src/main.ts reaches through
// static imports (type imports and `await import()` left out). The heavy SDKs
// are loaded where a configured feature first uses them; one static import on
// the way from main.ts would hold their memory in every idle instance (about
// 65 MB for the set below).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const LOADED_WHEN_USED = [
  "@whiskeysockets/baileys", "qrcode", "openai", "mercadopago", "music-metadata", "pdfkit", "pkijs", "asn1js", "node-forge",
  "@signpdf/signpdf", "@signpdf/utils", "@signpdf/placeholder-plain", "@signpdf/signer-p12", "@electric-sql/pglite", "pglite-prisma-adapter",
];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s*"([^"]+)"|^\s*import\s+"([^"]+)"/gm;

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Each package reached at start, with the chain of files that reaches it. */
function packagesLoadedAtStart(entry: string): Map<string, string[]> {
  const reachedFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const packages = new Map<string, string[]>();
  const chainTo = (file: string) => {
    const chain: string[] = [];
    for (let at: string | undefined = file; at; at = reachedFrom.get(at)) chain.unshift(at);
    return chain;
  };
  const queue = [entry];
  for (let file = queue.shift(); file; file = queue.shift()) {
    for (const match of readFileSync(join(root, file), "utf8").matchAll(STATIC_IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith(".")) {
        const target = join(dirname(file), specifier).replace(/\.js$/, ".ts");
        if (!reachedFrom.has(target) && existsSync(join(root, target))) {
          reachedFrom.set(target, file);
          queue.push(target);
        }
      } else if (!packages.has(packageOf(specifier))) {
        packages.set(packageOf(specifier), chainTo(file));
      }
    }
  }
  return packages;
}

describe("the service's start", () => {
  const atStart = packagesLoadedAtStart("src/main.ts");

  it("reaches the packages every instance needs", () => {
    for (const needed of ["express", "pg", "pg-boss", "@prisma/client", "zod", "pino"]) expect(atStart.has(needed), needed).toBe(true);
  });

  it("loads no heavy SDK before a configured feature uses it", () => {
    const loaded = LOADED_WHEN_USED.filter((name) => atStart.has(name)).map((name) => `${name}: ${atStart.get(name)!.join(" -> ")}`);
    expect(loaded).toEqual([]);
  });
});
