// A local PSC that speaks the ITI cloud-signature protocol (DOC-ICP-17.01 as
// the PSCs publish it) over HTTP on 127.0.0.1: user discovery, authorize with
// PKCE (VIDaaS-style push, approved or denied by the test while the client
// polls at the host root), the password grant with the app's one-time code,
// tokens with scope and lifetime, certificate discovery, and RAW signatures
// (RSA PKCS#1 v1.5 over the SHA-256 DigestInfo) of several Base64 hashes per
// request, up to a maximum. Errors take the OAuth shape {error,
// error_description}; a "silent" double never answers.
import { createHash, privateEncrypt, constants, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateTestPki, toPem, type TestPki } from "./test-pki.js";

export interface PscDoubleOptions {
  clientId?: string;
  clientSecret?: string;
  /** Holders the PSC knows: CPF -> holder name. */
  holders?: Record<string, string>;
  /** NeoID allows 5; BirdID says one under single_signature. */
  maxHashesPerRequest?: number;
  /** Send bare base64 DER in certificate discovery, as some PSCs do. */
  bareCertificate?: boolean;
}

interface PendingPush { code: string; cpf: string; challenge: string; scope: string; lifetime: number; state: "pending" | "approved" | "denied"; authorizationToken?: string }
interface Token { cpf: string; scope: string; expiresAt: number }

const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

export class PscDouble {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly pki = new Map<string, TestPki>();
  /** The one-time code the holder's app shows now. */
  otp = "123456";
  /** While true, no request gets an answer (the PSC is down but the socket opens). */
  silent = false;
  /** While true, every request gets a 503 at once (the PSC is up but failing). */
  down = false;
  /** While true, every RAW signature comes back with one bit flipped. */
  corruptSignatures = false;
  /** Every request, for assertions: method, path, and the body as text (never checked for secrets here). */
  readonly requests: { method: string; path: string; body: string }[] = [];
  readonly signatureRequests: { hashes: number }[] = [];
  /** Time spent inside the double's handlers, so a bench can leave it out. */
  handlerMs = 0;
  private readonly pushes = new Map<string, PendingPush>();
  private readonly byAuthorizationToken = new Map<string, PendingPush>();
  private readonly tokens = new Map<string, Token>();
  private readonly pushWaiters: ((push: PendingPush) => void)[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private origin = "";
  private now = () => Date.now();

  constructor(private readonly options: PscDoubleOptions = {}) {
    this.clientId = options.clientId ?? "zelo-client";
    this.clientSecret = options.clientSecret ?? "zelo-secret-0123456789";
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    for (const [cpf, name] of Object.entries(this.options.holders ?? {})) {
      this.pki.set(cpf, generateTestPki({ name, cpf, caIssuersUrl: `${this.origin}/ca/intermediate.cer` }));
    }
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The URI base a clinic stores: the origin plus /v0. */
  get baseUrl(): string {
    return `${this.origin}/v0`;
  }

  /** Resolves at the next push sent to a holder's phone. */
  nextPush(): Promise<{ code: string; cpf: string; scope: string; lifetime: number }> {
    return new Promise((resolve) => this.pushWaiters.push(resolve));
  }

  approve(code: string): void {
    const push = this.pushes.get(code);
    if (!push) throw new Error(`no push ${code}`);
    push.state = "approved";
    push.authorizationToken = randomUUID();
    this.byAuthorizationToken.set(push.authorizationToken, push);
  }

  deny(code: string): void {
    const push = this.pushes.get(code);
    if (!push) throw new Error(`no push ${code}`);
    push.state = "denied";
  }

  /** Every token issued so far expires now. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** Makes the double's clock another one (token lifetimes). */
  useClock(now: () => number): void {
    this.now = now;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.silent) return; // the socket stays open, nothing comes back
    const started = performance.now();
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.origin);
    this.requests.push({ method: req.method ?? "", path: url.pathname, body });
    if (this.down) {
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: "temporarily_unavailable" }));
      return;
    }
    try {
      const [status, answer, type] = this.route(req.method ?? "GET", url, body, req.headers.authorization);
      res.writeHead(status, { "content-type": type ?? "application/json" });
      res.end(typeof answer === "string" || Buffer.isBuffer(answer) ? answer : JSON.stringify(answer));
    } finally {
      this.handlerMs += performance.now() - started;
    }
  }

  private route(method: string, url: URL, body: string, authorization: string | undefined): [number, unknown, string?] {
    const key = `${method} ${url.pathname}`;
    switch (key) {
      case "POST /v0/oauth/user-discovery": return this.discover(JSON.parse(body) as Record<string, string>);
      case "GET /v0/oauth/authorize": return this.authorize(url.searchParams);
      case "GET /valid/api/v1/trusted-services/authentications": return this.poll(url.searchParams.get("code") ?? "");
      case "POST /v0/oauth/token": return this.token(new URLSearchParams(body));
      case "POST /v0/oauth/pwd_authorize": return this.passwordGrant(JSON.parse(body) as Record<string, string | number>);
      case "GET /v0/oauth/certificate-discovery": return this.withToken(authorization, (token) => this.certificates(token));
      case "POST /v0/oauth/signature": return this.withToken(authorization, (token) => this.sign(token, JSON.parse(body) as SignatureBody));
      case "GET /ca/intermediate.cer": return [200, this.anyPki()?.intermediate ?? Buffer.alloc(0), "application/pkix-cert"];
      default: return [404, { error: "not_found", error_description: key }];
    }
  }

  private clientOk(id: unknown, secret: unknown): boolean {
    return id === this.clientId && secret === this.clientSecret;
  }

  private discover(input: Record<string, string>): [number, unknown] {
    if (!this.clientOk(input.client_id, input.client_secret)) return [401, { error: "invalid_client", error_description: "client authentication failed" }];
    if (!this.pki.has(input.val_cpf_cnpj ?? "")) return [200, { status: "N" }];
    return [200, { status: "S", slots: [{ slot_alias: `slot-${input.val_cpf_cnpj}`, label: "e-CPF A3 em nuvem" }] }];
  }

  private authorize(query: URLSearchParams): [number, unknown, string?] {
    if (query.get("client_id") !== this.clientId) return [401, { error: "invalid_client", error_description: "unknown client" }];
    if (query.get("redirect_uri") !== "push://" || query.get("code_challenge_method") !== "S256" || !query.get("code_challenge")) {
      return [400, { error: "invalid_request", error_description: "push needs redirect_uri=push:// and an S256 code_challenge" }];
    }
    const cpf = query.get("login_hint") ?? "";
    if (!this.pki.has(cpf)) return [400, { error: "invalid_request", error_description: "unknown holder" }];
    const push: PendingPush = {
      code: randomUUID(), cpf, challenge: query.get("code_challenge")!, scope: query.get("scope") ?? "single_signature",
      lifetime: Number(query.get("lifetime") ?? 0), state: "pending",
    };
    this.pushes.set(push.code, push);
    for (const waiter of this.pushWaiters.splice(0)) waiter(push);
    return [200, `code=${push.code}`, "text/plain"];
  }

  private poll(code: string): [number, unknown] {
    const push = this.pushes.get(code);
    if (!push) return [404, { error: "not_found", error_description: "unknown code" }];
    if (push.state === "pending") return [304, ""];
    if (push.state === "denied") return [403, { error: "access_denied", error_description: "the holder denied the request" }];
    return [200, { authorizationToken: push.authorizationToken, redirectUrl: "push://" }];
  }

  private token(form: URLSearchParams): [number, unknown] {
    if (!this.clientOk(form.get("client_id"), form.get("client_secret"))) return [401, { error: "invalid_client", error_description: "client authentication failed" }];
    const push = this.byAuthorizationToken.get(form.get("code") ?? "");
    if (form.get("grant_type") !== "authorization_code" || !push) return [400, { error: "invalid_grant", error_description: "unknown code" }];
    const challenge = createHash("sha256").update(form.get("code_verifier") ?? "").digest("base64url");
    if (challenge !== push.challenge) return [400, { error: "invalid_grant", error_description: "code_verifier does not match" }];
    this.byAuthorizationToken.delete(form.get("code")!);
    return [200, this.issue(push.cpf, push.scope, push.lifetime)];
  }

  private passwordGrant(input: Record<string, string | number>): [number, unknown] {
    if (!this.clientOk(input.client_id, input.client_secret)) return [401, { error: "invalid_client", error_description: "client authentication failed" }];
    if (input.grant_type !== "password" || !this.pki.has(String(input.username))) return [400, { error: "invalid_request", error_description: "unknown holder" }];
    if (input.password !== this.otp) return [401, { error: "invalid_grant", error_description: "invalid credentials" }];
    return [200, this.issue(String(input.username), String(input.scope ?? "single_signature"), Number(input.lifetime ?? 0))];
  }

  private issue(cpf: string, scope: string, lifetime: number) {
    const accessToken = randomUUID();
    const seconds = lifetime > 0 ? Math.min(lifetime, 7 * 86_400) : 3600;
    this.tokens.set(accessToken, { cpf, scope, expiresAt: this.now() + seconds * 1000 });
    return { access_token: accessToken, token_type: "Bearer", expires_in: seconds, scope, authorized_identification: cpf, authorized_identification_type: "CPF" };
  }

  private withToken(authorization: string | undefined, then: (token: Token) => [number, unknown]): [number, unknown] {
    const token = this.tokens.get((authorization ?? "").replace(/^Bearer /, ""));
    if (!token || token.expiresAt <= this.now()) return [401, { error: "invalid_token", error_description: "token invalid or expired" }];
    return then(token);
  }

  private certificates(token: Token): [number, unknown] {
    const pki = this.pki.get(token.cpf)!;
    const certificate = this.options.bareCertificate ? pki.leaf.toString("base64") : toPem(pki.leaf);
    return [200, { status: "S", certificates: [{ alias: `cert-${token.cpf}`, certificate }] }];
  }

  private sign(token: Token, body: SignatureBody): [number, unknown] {
    const hashes = body.hashes ?? [];
    const max = this.options.maxHashesPerRequest ?? 5;
    if (hashes.length === 0 || hashes.length > max) return [400, { error: "invalid_request", error_description: `between 1 and ${max} hashes per request` }];
    if (token.scope === "single_signature" && hashes.length > 1) return [400, { error: "invalid_request", error_description: "single_signature signs one hash" }];
    const pki = this.pki.get(token.cpf)!;
    const signatures = [];
    for (const hash of hashes) {
      const digest = Buffer.from(hash.hash, "base64");
      if (hash.hash_algorithm !== "2.16.840.1.101.3.4.2.1" || hash.signature_format !== "RAW" || digest.length !== 32) {
        return [400, { error: "invalid_request", error_description: "RAW SHA-256 hashes only" }];
      }
      const raw = privateEncrypt({ key: pki.leafKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
      if (this.corruptSignatures) raw[raw.length - 1]! ^= 0x01;
      signatures.push({ id: hash.id, raw_signature: raw.toString("base64") });
    }
    this.signatureRequests.push({ hashes: hashes.length });
    if (token.scope === "single_signature") token.expiresAt = 0; // spent
    return [200, { certificate_alias: body.certificate_alias ?? `cert-${token.cpf}`, signatures }];
  }

  private anyPki(): TestPki | undefined {
    return this.pki.values().next().value;
  }
}

interface SignatureBody {
  certificate_alias?: string;
  hashes?: { id: string; alias?: string; hash: string; hash_algorithm: string; signature_format: string }[];
}
