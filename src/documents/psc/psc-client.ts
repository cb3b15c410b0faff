// One PSC's cloud-signature API (ITI DOC-ICP-17.01: OAuth 2.0 with PKCE
// under a URI base ending in /v0). Every call has a timeout; errors become
// PscError by what to do next. Neither the client secret, the tokens nor the
// one-time code are ever logged or put into an error.
import { z } from "zod";
import { PscError } from "./psc-error.js";

export type PscScope = "single_signature" | "multi_signature" | "signature_session";

export interface PscClientConfig {
  /** The URI base, e.g. https://certificado.vidaas.com.br/v0 */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PscToken {
  accessToken: string;
  /** As the PSC said; the caller turns it into a time with its own clock. */
  expiresInSeconds: number;
  scope: string;
}

export type PushPoll = { state: "pending" } | { state: "approved"; authorizationToken: string };

const SHA256_OID = "2.16.840.1.101.3.4.2.1";

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive(), scope: z.string().optional() });
const discoveryAnswer = z.object({ status: z.string(), slots: z.array(z.object({ slot_alias: z.string().optional(), label: z.string().optional() })).optional() });
const certificateAnswer = z.object({ certificates: z.array(z.object({ alias: z.string().optional(), certificate: z.string() })).default([]) });
const signatureAnswer = z.object({ signatures: z.array(z.object({ id: z.string(), raw_signature: z.string() })) });
const oauthError = z.object({ error: z.string() }).passthrough();

export class PscClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly config: PscClientConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.fetch = config.fetch ?? globalThis.fetch;
  }

  /** Whether the PSC holds a certificate for this CPF. */
  async hasCertificate(cpf: string): Promise<boolean> {
    const answer = discoveryAnswer.parse(await this.json("POST", "/oauth/user-discovery", {
      client_id: this.config.clientId, client_secret: this.config.clientSecret, user_cpf_cnpj: "CPF", val_cpf_cnpj: cpf,
    }));
    return answer.status === "S";
  }

  /** Sends the push to the holder's app (VIDaaS). Returns the code to poll with. */
  async startPush(input: { cpf: string; challenge: string; scope: PscScope; lifetimeSeconds: number }): Promise<string> {
    const query = new URLSearchParams({
      response_type: "code", client_id: this.config.clientId, redirect_uri: "push://", code_challenge: input.challenge,
      code_challenge_method: "S256", scope: input.scope, lifetime: String(input.lifetimeSeconds), login_hint: input.cpf.padStart(11, "0"),
    });
    const response = await this.send(`${this.baseUrl}/oauth/authorize?${query}`, { method: "GET" });
    const text = await response.text();
    // Clients see "code=<uuid>"; one document says {"code": ...}: accept both.
    const code = /^code=([\w-]+)/.exec(text.trim())?.[1] ?? safeJson(text)?.code;
    if (typeof code !== "string" || code === "") throw new PscError("rejected", "no push code");
    return code;
  }

  /** One poll of a push, at the host root. 304 or an answer without a token: still pending; any other 4xx: final. */
  async pollPush(code: string): Promise<PushPoll> {
    const url = `${new URL(this.baseUrl).origin}/valid/api/v1/trusted-services/authentications?code=${encodeURIComponent(code)}`;
    const response = await this.send(url, { method: "GET" }, { allow: [304] });
    if (response.status === 304) return { state: "pending" };
    const body = safeJson(await response.text());
    const token = body?.authorizationToken;
    return typeof token === "string" && token !== "" ? { state: "approved", authorizationToken: token } : { state: "pending" };
  }

  async exchangeCode(input: { code: string; verifier: string; redirectUri?: string }): Promise<PscToken> {
    const form = new URLSearchParams({
      grant_type: "authorization_code", client_id: this.config.clientId, client_secret: this.config.clientSecret,
      code: input.code, code_verifier: input.verifier, redirect_uri: input.redirectUri ?? "push://",
    });
    const response = await this.send(`${this.baseUrl}/oauth/token`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString(),
    });
    return toToken(await response.json());
  }

  /** The password grant with the one-time code the holder's app shows (BirdID-style). The code is used once and kept nowhere. */
  async authorizeWithCode(input: { cpf: string; code: string; scope: PscScope; lifetimeSeconds: number }): Promise<PscToken> {
    const answer = await this.json("POST", "/oauth/pwd_authorize", {
      client_id: this.config.clientId, client_secret: this.config.clientSecret, username: input.cpf, password: input.code,
      grant_type: "password", scope: input.scope, lifetime: input.lifetimeSeconds,
    }, { wrongCode: true });
    return toToken(answer);
  }

  /** The holder's end-entity certificate (DER), from PEM or bare base64. */
  async certificate(accessToken: string): Promise<Buffer> {
    const answer = certificateAnswer.parse(await this.json("GET", "/oauth/certificate-discovery", undefined, { accessToken }));
    const [first] = answer.certificates;
    if (!first) throw new PscError("rejected", "no certificate");
    return Buffer.from(first.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ""), "base64");
  }

  /** RAW signatures (PKCS#1 v1.5 over the DigestInfo) of SHA-256 digests, in one request. */
  async signDigests(accessToken: string, digests: readonly Buffer[]): Promise<Buffer[]> {
    const hashes = digests.map((digest, index) => ({
      id: String(index + 1), alias: `documento-${index + 1}`, hash: digest.toString("base64"),
      hash_algorithm: SHA256_OID, signature_format: "RAW", padding_method: "PKCS1V1_5",
    }));
    const answer = signatureAnswer.parse(await this.json("POST", "/oauth/signature", { hashes }, { accessToken }));
    const byId = new Map(answer.signatures.map((s) => [s.id, Buffer.from(s.raw_signature, "base64")]));
    return hashes.map((hash) => {
      const signature = byId.get(hash.id);
      if (!signature) throw new PscError("rejected", "a signature is missing from the answer");
      return signature;
    });
  }

  private async json(method: "GET" | "POST", path: string, body?: unknown, options: { accessToken?: string; wrongCode?: boolean } = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
    const response = await this.send(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }, options);
    try {
      return await response.json();
    } catch {
      throw new PscError("rejected", "not JSON");
    }
  }

  private async send(url: string, init: RequestInit, options: { accessToken?: string; wrongCode?: boolean; allow?: number[] } = {}): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(this.timeoutMs) });
    } catch {
      throw new PscError("unavailable");
    }
    if (response.ok || options.allow?.includes(response.status)) return response;
    const error = oauthError.safeParse(safeJson(await response.text().catch(() => ""))).data?.error;
    throw failureFor(response.status, error, options);
  }
}

function failureFor(status: number, error: string | undefined, options: { accessToken?: string; wrongCode?: boolean }): PscError {
  if (status >= 500 || status === 429) return new PscError("unavailable", String(status));
  if (error === "access_denied") return new PscError("denied", error);
  // The password grant answers a wrong code with invalid_grant (400 or 401).
  if (options.wrongCode && (error === "invalid_grant" || status === 401)) return new PscError("wrong_code", error ?? String(status));
  if (status === 401 && options.accessToken) return new PscError("session_expired", error ?? "401");
  // A push poll answers a denial with a 4xx whose body is undocumented: final either way.
  if (status === 403) return new PscError("denied", error ?? "403");
  return new PscError("rejected", error ?? String(status));
}

function toToken(body: unknown): PscToken {
  const parsed = tokenAnswer.safeParse(body);
  if (!parsed.success) throw new PscError("rejected", "token answer");
  return {
    accessToken: parsed.data.access_token,
    expiresInSeconds: parsed.data.expires_in,
    scope: parsed.data.scope ?? "",
  };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
