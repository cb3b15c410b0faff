import { DEFAULT_BYTE_RANGE_PLACEHOLDER } from "@signpdf/utils";
import { firstPageRef, objectNumber, readDictionaryBody, readPdfStructure } from "./pdf-structure.js";

// Appends, as one incremental update, an invisible signature field whose
// signature is a certification (DocMDP, P=2: only form filling and further
// signatures allowed). Without DocMDP the ITI validator may answer
// "indeterminada". @signpdf's own placeholders cannot add DocMDP.

export type PlaceholderOptions = {
  signingTime: Date;
  /** Bytes reserved for the CMS; written as twice as many hex digits. */
  signatureLength: number;
  reason?: string;
  location?: string;
  name?: string;
};

export function addSignaturePlaceholder(pdf: Buffer, options: PlaceholderOptions): Buffer {
  const base = pdf.subarray(0, trimmedLength(pdf));
  const structure = readPdfStructure(base);
  const rootNum = objectNumber(structure.rootRef);
  const pageRef = firstPageRef(base, structure);
  const catalog = readDictionaryBody(base, structure, rootNum);
  const page = readDictionaryBody(base, structure, objectNumber(pageRef));
  if (/\/(AcroForm|Perms)\b/.test(catalog) || /\/Annots\b/.test(page)) {
    throw new Error("PDF already has forms or annotations; only freshly rendered documents are signed");
  }
  const [sigNum, widgetNum, formNum] = [structure.size, structure.size + 1, structure.size + 2];
  const objects = new Map<number, string>([
    [sigNum, signatureDictionary(options)],
    [widgetNum, `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (Assinatura1) /V ${sigNum} 0 R /P ${pageRef} >>`],
    [formNum, `<< /Fields [${widgetNum} 0 R] /SigFlags 3 >>`],
    [rootNum, `<<${catalog}/AcroForm ${formNum} 0 R /Perms << /DocMDP ${sigNum} 0 R >> >>`],
    [objectNumber(pageRef), `<<${page}/Annots [${widgetNum} 0 R] >>`],
  ]);
  return appendUpdate(base, objects, { ...structure, size: structure.size + 3 });
}

function signatureDictionary(options: PlaceholderOptions): string {
  const placeholder = DEFAULT_BYTE_RANGE_PLACEHOLDER;
  const optional = [
    options.name ? `/Name ${pdfText(options.name)}` : "",
    options.reason ? `/Reason ${pdfText(options.reason)}` : "",
    options.location ? `/Location ${pdfText(options.location)}` : "",
  ].join(" ");
  return [
    "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached",
    `/ByteRange [0 /${placeholder} /${placeholder} /${placeholder}]`,
    `/Contents <${"0".repeat(options.signatureLength * 2)}>`,
    `/M (${pdfDate(options.signingTime)}) ${optional}`,
    "/Reference [<< /Type /SigRef /TransformMethod /DocMDP",
    "/TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>] >>",
  ].join("\n");
}

function appendUpdate(
  base: Buffer,
  objects: Map<number, string>,
  trailer: { size: number; rootRef: string; infoRef?: string; id?: string; startXref: number },
): Buffer {
  const chunks: string[] = [];
  const offsets = new Map<number, number>();
  let position = base.length + 1;
  for (const [num, body] of [...objects].sort(([a], [b]) => a - b)) {
    const text = `${num} 0 obj\n${body}\nendobj\n`;
    offsets.set(num, position);
    chunks.push(text);
    position += Buffer.byteLength(text, "latin1");
  }
  const xref = ["xref"];
  for (const [num, offset] of offsets) xref.push(`${num} 1`, `${String(offset).padStart(10, "0")} 00000 n `);
  const trailerKeys = [
    `/Size ${trailer.size}`, `/Root ${trailer.rootRef}`,
    trailer.infoRef ? `/Info ${trailer.infoRef}` : "", trailer.id ? `/ID ${trailer.id}` : "",
    `/Prev ${trailer.startXref}`,
  ].filter(Boolean).join(" ");
  const tail = `${xref.join("\n")}\ntrailer\n<< ${trailerKeys} >>\nstartxref\n${position}\n%%EOF\n`;
  return Buffer.concat([base, Buffer.from(`\n${chunks.join("")}${tail}`, "latin1")]);
}

function trimmedLength(pdf: Buffer): number {
  let end = pdf.length;
  while (end > 0 && (pdf[end - 1] === 0x0a || pdf[end - 1] === 0x0d)) end -= 1;
  return end;
}

/** A PDF text string: UTF-16BE with BOM, hex-encoded, so accents survive. */
function pdfText(value: string): string {
  const utf16 = Buffer.from(value, "utf16le").swap16();
  return `<FEFF${utf16.toString("hex").toUpperCase()}>`;
}

function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}
