import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Runs poppler and OpenSSL on a PDF in a temporary file. Tests that call these
// are declared with itNeeds (test/support/programs.ts): skipped with the reason
// where the program is missing, mandatory in CI.

const workDir = mkdtempSync(join(tmpdir(), "zelo-documents-"));
let counter = 0;

export function writeTemp(data: Buffer, extension: string): string {
  counter += 1;
  const path = join(workDir, `file-${process.pid}-${counter}.${extension}`);
  writeFileSync(path, data);
  return path;
}

export function runTool(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`${command} is required for these tests (apt-get install poppler-utils openssl): ${result.error.message}`);
  return `${result.stdout}${result.stderr}`;
}

export const pdfsig = (pdf: Buffer): string => runTool("pdfsig", [writeTemp(pdf, "pdf")]);

export const pdftotext = (pdf: Buffer, page?: number): string =>
  runTool("pdftotext", [...(page ? ["-f", String(page), "-l", String(page)] : []), "-layout", writeTemp(pdf, "pdf"), "-"]);

/** The CMS bytes inside the last signature's /Contents. */
export function extractCms(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1");
  const ranges = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/g)];
  const last = ranges[ranges.length - 1];
  if (!last) throw new Error("no ByteRange");
  const [firstLength, secondStart] = [Number(last[2]), Number(last[3])];
  return Buffer.from(text.slice(firstLength + 1, secondStart - 1), "hex");
}
