// Downloading a Cloud API media file. The Graph API answers a media id with a
// short-lived URL that needs the access token; that URL (and any redirect)
// must be on Meta's hosts, or the token would go wherever a forged or
// tampered answer points. The size cap is enforced while the bytes stream
// in: a lying or missing Content-Length cannot make us hold more.

/** Meta's media hosts (lookaside.fbsbx.com today); a host matches itself or any subdomain. */
export const META_MEDIA_HOSTS = ["fbsbx.com", "fbcdn.net", "whatsapp.net", "facebook.com"];

export class MediaDownloadError extends Error {
  constructor(readonly reason: "host_not_allowed" | "too_large" | "failed", message: string) {
    super(message);
  }
}

export interface MediaDownloadOptions {
  fetch: typeof globalThis.fetch;
  accessToken: string;
  /** Host suffixes allowed over https, META_MEDIA_HOSTS by default. */
  hosts: string[];
  /** Extra hosts (WHATSAPP_CLOUD_MEDIA_HOSTS, e.g. a local test double), allowed over http too. */
  extraHosts?: string[];
  maxBytes: number;
}

const MAX_REDIRECTS = 3;

const matches = (host: string, suffix: string): boolean => {
  const wanted = suffix.toLowerCase().replace(/^\.+/, "");
  return host === wanted || host.endsWith(`.${wanted}`);
};

export function isAllowedMediaUrl(url: URL, options: Pick<MediaDownloadOptions, "hosts" | "extraHosts">): boolean {
  const host = url.hostname.toLowerCase();
  const hostPort = url.host.toLowerCase();
  if ((options.extraHosts ?? []).some((extra) => extra.toLowerCase() === hostPort || matches(host, extra))) return url.protocol === "https:" || url.protocol === "http:";
  return url.protocol === "https:" && options.hosts.some((suffix) => matches(host, suffix));
}

/** GET the media URL with the token, following at most three redirects, each to an allowed host. */
export async function downloadMediaUrl(rawUrl: string, options: MediaDownloadOptions): Promise<{ data: Buffer; contentType: string | null }> {
  let url = parseUrl(rawUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (!isAllowedMediaUrl(url, options)) throw new MediaDownloadError("host_not_allowed", `media URL host ${url.host} is not one of Meta's media hosts`);
    const res = await options.fetch(url, { headers: { authorization: `Bearer ${options.accessToken}` }, redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = parseUrl(location, url);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new MediaDownloadError("failed", `media download answered ${res.status}`);
    }
    return { data: await readCapped(res, options.maxBytes), contentType: res.headers.get("content-type") };
  }
  throw new MediaDownloadError("failed", "media download redirected too many times");
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch {
    throw new MediaDownloadError("host_not_allowed", "media URL is not a URL");
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new MediaDownloadError("too_large", `media of ${declared} bytes is over the limit of ${maxBytes}`);
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new MediaDownloadError("too_large", `media stream passed the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
