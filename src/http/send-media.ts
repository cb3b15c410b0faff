// The one way stored media bytes leave over HTTP. The bytes and their
// declared type came from outside (a patient's upload, a WhatsApp message),
// so they are served inert: an "image" sent with `text/html` and a page in
// its bytes goes out as application/octet-stream, as an attachment, with
// nosniff and a sandbox policy, never as a page of this origin.
import type { Response } from "express";

const SERVABLE_TYPES = new Set([
  "application/pdf",
  "application/json",
  "image/jpeg", "image/png", "image/webp", "image/gif",
  "audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/webm",
]);

export interface ServedMedia {
  data: Buffer;
  mimetype: string;
  filename?: string | null;
}

/** "Image/PNG; charset=x" -> "image/png"; anything off the list -> application/octet-stream. */
export function servableType(mimetype: string): string {
  const base = mimetype.split(";")[0]!.trim().toLowerCase();
  return SERVABLE_TYPES.has(base) ? base : "application/octet-stream";
}

/** Pictures and sound play in place (the simulator page shows them); everything else downloads. */
const showsInline = (type: string): boolean => type.startsWith("image/") || type.startsWith("audio/");

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// RFC 5987 attr-char: what may stay unescaped in filename*.
const encodeExtValue = (text: string): string =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * RFC 6266 header: an ASCII fallback in `filename` and, when the name is not
 * plain ASCII, the exact name in `filename*`. `receita ☃ "x"\r\n.pdf` ->
 * `attachment; filename="receita ? _x_.pdf"; filename*=UTF-8''receita%20%E2%98%83%20%22x%22.pdf`.
 */
export function contentDisposition(kind: "inline" | "attachment", filename?: string | null): string {
  // Control characters would split or corrupt the header; lone surrogates cannot be encoded.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const name = (filename ?? "").replace(LONE_SURROGATE, "\ufffd").replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
  if (!name) return kind;
  const fallback = name.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "_").replace(/%(?=[0-9a-f]{2})/gi, "_");
  const plain = fallback === name;
  return plain ? `${kind}; filename="${fallback}"` : `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

export function sendMedia(res: Response, media: ServedMedia, options: { disposition?: "attachment" } = {}): void {
  const type = servableType(media.mimetype);
  const kind = options.disposition ?? (showsInline(type) ? "inline" : "attachment");
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Disposition", contentDisposition(kind, media.filename));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.setHeader("Cache-Control", "private, no-store");
  res.send(media.data);
}
