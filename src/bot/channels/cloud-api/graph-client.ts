// The few Graph API calls the Cloud API channel makes. The base URL is
// configurable (WHATSAPP_CLOUD_BASE_URL), which is also how tests point it at
// a local double.
import { downloadMediaUrl, META_MEDIA_HOSTS } from "./media-download.js";

export interface GraphClientOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /** Where media may be downloaded from, and how much (media-download.ts). */
  media?: { extraHosts?: string[]; maxBytes: number };
}

/** A refusal from the Graph API, with Meta's error code when it gave one (131047, 130429, ...). */
export class GraphApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: number) {
    super(message);
  }
}

interface GraphErrorBody {
  error?: { message?: string; code?: number; error_data?: { details?: string } };
}

export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  /** POST /<phone-number-id>/messages; answers the wamid. */
  async sendMessage(accessToken: string, phoneNumberId: string, body: Record<string, unknown>): Promise<string> {
    const answer = await this.call<{ messages?: { id: string }[] }>(accessToken, "POST", `/${phoneNumberId}/messages`, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...body }),
    });
    const id = answer.messages?.[0]?.id;
    if (!id) throw new GraphApiError(502, "the Graph API answered without a message id");
    return id;
  }

  /** POST /<phone-number-id>/media (multipart); answers the media id. */
  async uploadMedia(accessToken: string, phoneNumberId: string, data: Buffer, mimetype: string, filename: string): Promise<string> {
    const form = new FormData();
    form.append("messaging_product", "whatsapp");
    form.append("type", mimetype);
    form.append("file", new Blob([new Uint8Array(data)], { type: mimetype }), filename);
    const answer = await this.call<{ id?: string }>(accessToken, "POST", `/${phoneNumberId}/media`, { body: form });
    if (!answer.id) throw new GraphApiError(502, "the Graph API answered without a media id");
    return answer.id;
  }

  /** GET /<media-id> for its short-lived URL, then the bytes (the URL needs the same token). */
  async downloadMedia(accessToken: string, mediaId: string): Promise<{ data: Buffer; mimetype: string }> {
    const meta = await this.call<{ url?: string; mime_type?: string }>(accessToken, "GET", `/${encodeURIComponent(mediaId)}`, {});
    if (!meta.url) throw new GraphApiError(502, "the Graph API answered without a media URL");
    const { data, contentType } = await downloadMediaUrl(meta.url, {
      fetch: this.options.fetch, accessToken, hosts: META_MEDIA_HOSTS,
      extraHosts: this.options.media?.extraHosts, maxBytes: this.options.media?.maxBytes ?? 25 * 1024 * 1024,
    });
    return { data, mimetype: meta.mime_type ?? contentType ?? "application/octet-stream" };
  }

  private async call<T>(accessToken: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string | FormData }): Promise<T> {
    const res = await this.options.fetch(`${this.options.baseUrl.replace(/\/$/, "")}${path}`, {
      method, body: init.body, headers: { authorization: `Bearer ${accessToken}`, ...init.headers },
    });
    const text = await res.text();
    let json: T & GraphErrorBody;
    try {
      json = (text ? JSON.parse(text) : {}) as T & GraphErrorBody;
    } catch {
      throw new GraphApiError(res.status, `Graph API ${method} ${path} answered ${res.status} without JSON: ${text.slice(0, 200)}`);
    }
    if (!res.ok) {
      const { message, code, error_data: data } = json.error ?? {};
      const said = [code ? `(#${code})` : "", message ?? text.slice(0, 200), data?.details ? `- ${data.details}` : ""].filter(Boolean).join(" ");
      throw new GraphApiError(res.status, `Graph API ${method} ${path} answered ${res.status}: ${said}`, typeof code === "number" ? code : undefined);
    }
    return json;
  }
}
