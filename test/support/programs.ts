// Tests that need a program from outside npm (poppler's pdfsig, OpenSSL,
// Chromium) run when it is installed and are reported as skipped, with the
// reason and the Debian package to install, when it is not. CI sets
// ZELO_REQUIRE_PROGRAMS=1: there a missing program fails the tests instead,
// so CI never skips them.
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { it } from "vitest";

export interface Program {
  /** A command on PATH ("pdfsig") or an absolute path (Chromium's). */
  command: string;
  debianPackage: string;
}

export const POPPLER: Program[] = ["pdfsig", "pdftotext", "pdfinfo"].map((command) => ({ command, debianPackage: "poppler-utils" }));
export const OPENSSL: Program = { command: "openssl", debianPackage: "openssl" };

export const programsRequired = (): boolean => ["1", "true", "yes"].includes(process.env.ZELO_REQUIRE_PROGRAMS ?? "");

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function programInstalled(command: string): boolean {
  if (command.includes("/")) return isExecutable(command);
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && isExecutable(path.join(dir, command)));
}

/** "needs pdfsig (apt-get install poppler-utils)", or undefined when every program is there. */
export function missingPrograms(programs: readonly Program[]): string | undefined {
  const missing = programs.filter((program) => !programInstalled(program.command));
  if (missing.length === 0) return undefined;
  const packages = [...new Set(missing.map((program) => program.debianPackage))].join(" ");
  return `needs ${missing.map((program) => program.command).join(", ")} (apt-get install ${packages})`;
}

/**
 * `it` for tests that need these programs: the plain `it` when they are
 * installed or when CI requires them (a missing one then fails the test with
 * its install hint), else a skip whose name carries the reason.
 */
export function itNeeds(...programs: Program[]): typeof it {
  const reason = missingPrograms(programs);
  if (!reason || programsRequired()) return it;
  // eslint-disable-next-line no-console -- a skipped test says why on the terminal, where the person running it looks
  console.warn(`Skipping tests: ${reason}; set ZELO_REQUIRE_PROGRAMS=1 to make them fail instead.`);
  const skipped = ((name: string, fn?: () => unknown, timeout?: number) =>
    it.skip(`${name} [skipped: ${reason}]`, fn, timeout)) as unknown as typeof it;
  return skipped;
}
