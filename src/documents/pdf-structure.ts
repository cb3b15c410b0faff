// Just enough PDF reading to append an incremental update to a file with a
// classic cross-reference table, as pdfkit writes it. Object streams and
// cross-reference streams are not supported: the renderer never makes them.

export type PdfTrailer = {
  size: number;
  rootRef: string;
  infoRef?: string;
  id?: string;
  startXref: number;
};

export type PdfStructure = PdfTrailer & { offsets: Map<number, number> };

export function readPdfStructure(pdf: Buffer): PdfStructure {
  const startXrefAt = pdf.lastIndexOf("startxref");
  if (startXrefAt < 0) throw new Error("PDF without startxref");
  const startXref = Number(/startxref\s+(\d+)/.exec(pdf.toString("latin1", startXrefAt))?.[1]);
  const tail = pdf.toString("latin1", startXref);
  if (!tail.startsWith("xref")) throw new Error("only classic xref tables are supported");
  const trailerAt = tail.indexOf("trailer");
  const trailer = tail.slice(trailerAt, tail.indexOf("startxref"));
  if (/\/Prev\s/.test(trailer)) throw new Error("PDF already has incremental updates");
  const rootRef = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!rootRef) throw new Error("PDF trailer without /Root");
  const infoRef = /\/Info\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];
  return {
    size: Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]),
    rootRef, startXref,
    ...(infoRef ? { infoRef } : {}),
    ...(id ? { id } : {}),
    offsets: parseXrefTable(tail.slice(0, trailerAt)),
  };
}

function parseXrefTable(table: string): Map<number, number> {
  const offsets = new Map<number, number>();
  const lines = table.split(/\r?\n|\r/).slice(1);
  let next = 0;
  for (const line of lines) {
    const header = /^(\d+)\s+(\d+)\s*$/.exec(line);
    if (header) {
      next = Number(header[1]);
      continue;
    }
    const entry = /^(\d{10})\s+(\d{5})\s+([nf])/.exec(line);
    if (!entry) continue;
    if (entry[3] === "n") offsets.set(next, Number(entry[1]));
    next += 1;
  }
  return offsets;
}

export const objectNumber = (ref: string): number => Number(ref.split(/\s+/)[0]);

/** The dictionary text of an uncompressed, stream-less object, without << >>. */
export function readDictionaryBody(pdf: Buffer, structure: PdfStructure, num: number): string {
  const offset = structure.offsets.get(num);
  if (offset === undefined) throw new Error(`object ${num} not in xref`);
  const end = pdf.indexOf("endobj", offset);
  const text = pdf.toString("latin1", offset, end);
  const open = text.indexOf("<<");
  const close = text.lastIndexOf(">>");
  if (open < 0 || close < open) throw new Error(`object ${num} is not a dictionary`);
  return text.slice(open + 2, close);
}

export function firstPageRef(pdf: Buffer, structure: PdfStructure): string {
  const catalog = readDictionaryBody(pdf, structure, objectNumber(structure.rootRef));
  const pagesRef = /\/Pages\s+(\d+\s+\d+\s+R)/.exec(catalog)?.[1];
  if (!pagesRef) throw new Error("catalog without /Pages");
  const pages = readDictionaryBody(pdf, structure, objectNumber(pagesRef));
  const kid = /\/Kids\s*\[\s*(\d+\s+\d+\s+R)/.exec(pages)?.[1];
  if (!kid) throw new Error("page tree without kids");
  return kid;
}
