// The few Graph API calls the Cloud API channel makes. The base URL is
// configurable (WHATSAPP_CLOUD_BASE_URL), which is also how tests point it at
// a local double.
import { downloadMediaUrl, META_MEDIA_HOSTS } from "./media-download.js";

export interface GraphClientOptions {
  baseUrl: string;
  accessToken: string;
  fetch: typeof globalThis.fetch;
  /** Where media may be downloaded from, and how much (media-download.ts). */
  media?: { extraHosts?: string[]; maxBytes: number };
}

export class GraphApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  /** POST /<phone-number-id>/messages; answers the wamid. */
  async sendMessage(phoneNumberId: string, body: Record<string, unknown>): Promise<string> {
    const answer = await this.call<{ messages?: { id: string }[] }>("POST", `/${phoneNumberId}/messages`, {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...body }),
    });
    const id = answer.messages?.[0]?.id;
    if (!id) throw new GraphApiError(502, "the Graph API answered without a message id");
    return id;
  }

  /** POST /<phone-number-id>/media (multipart); answers the media id. */
  async uploadMedia(phoneNumberId: string, data: Buffer, mimetype: string, filename: string): Promise<string> {
    const form = new FormData();
    form.append("messaging_product", "whatsapp");
    form.append("type", mimetype);
    form.append("file", new Blob([new Uint8Array(data)], { type: mimetype }), filename);
    const answer = await this.call<{ id?: string }>("POST", `/${phoneNumberId}/media`, { body: form });
    if (!answer.id) throw new GraphApiError(502, "the Graph API answered without a media id");
    return answer.id;
  }

  /** GET /<media-id> for its short-lived URL, then the bytes (the URL needs the same token). */
  async downloadMedia(mediaId: string): Promise<{ data: Buffer; mimetype: string }> {
    const meta = await this.call<{ url?: string; mime_type?: string }>("GET", `/${encodeURIComponent(mediaId)}`, {});
    if (!meta.url) throw new GraphApiError(502, "the Graph API answered without a media URL");
    const { data, contentType } = await downloadMediaUrl(meta.url, {
      fetch: this.options.fetch, accessToken: this.options.accessToken, hosts: META_MEDIA_HOSTS,
      extraHosts: this.options.media?.extraHosts, maxBytes: this.options.media?.maxBytes ?? 25 * 1024 * 1024,
    });
    return { data, mimetype: meta.mime_type ?? contentType ?? "application/octet-stream" };
  }

  private async call<T>(method: string, path: string, init: { headers?: Record<string, string>; body?: string | FormData }): Promise<T> {
    const res = await this.options.fetch(`${this.options.baseUrl.replace(/\/$/, "")}${path}`, {
      method, body: init.body, headers: { authorization: `Bearer ${this.options.accessToken}`, ...init.headers },
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as T & { error?: { message?: string } }) : ({} as T & { error?: { message?: string } });
    if (!res.ok) throw new GraphApiError(res.status, `Graph API ${method} ${path} answered ${res.status}: ${json.error?.message ?? text.slice(0, 200)}`);
    return json;
  }
}
