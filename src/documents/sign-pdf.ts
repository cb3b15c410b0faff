import { SignPdf } from "@signpdf/signpdf";
import type { Signer } from "@signpdf/utils";
import { addSignaturePlaceholder, type PlaceholderOptions } from "./pdf-placeholder.js";

/** Adds the certification placeholder and fills it with `signer`'s CMS. */
export async function signPdf(pdf: Buffer, signer: Signer, options: PlaceholderOptions): Promise<Buffer> {
  const prepared = addSignaturePlaceholder(pdf, options);
  return new SignPdf().sign(prepared, signer);
}
