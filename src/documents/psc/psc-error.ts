import { AppError } from "../../errors.js";

// What can go wrong with a PSC, by what Zelo must do next:
// - denied: the doctor refused on the phone; final for that document.
// - wrong_code: the app's one-time code was not accepted; ask again, never retry it.
// - session_expired: the token expired or the PSC answered 401; drop it and ask the doctor again.
// - unavailable: no answer in time, network error or 5xx; may be tried again later.
// - rejected: the PSC refused the request itself (4xx other than the above) or answered nonsense.
// - bad_signature: the signature returned does not verify with the certificate; nothing is stored.
// - timed_out: the doctor did not approve the push in time; final for this attempt (never re-sent unasked).
// - not_holder: the PSC has no certificate for the CPF, or its certificate is another person's.
export type PscFailure = "denied" | "wrong_code" | "timed_out" | "session_expired" | "unavailable" | "rejected" | "bad_signature" | "not_holder";

const MESSAGES: Record<PscFailure, string> = {
  denied: "A assinatura foi recusada no aplicativo do certificado.",
  wrong_code: "O código do aplicativo do certificado não foi aceito.",
  timed_out: "A assinatura não foi aprovada no aplicativo a tempo.",
  session_expired: "A autorização de assinatura expirou; é preciso aprovar de novo no aplicativo.",
  unavailable: "O serviço do certificado em nuvem não respondeu.",
  rejected: "O serviço do certificado em nuvem recusou o pedido.",
  bad_signature: "A assinatura devolvida pelo serviço do certificado não confere com o certificado.",
  not_holder: "O certificado em nuvem não é do CPF cadastrado para este profissional.",
};

export class PscError extends AppError {
  constructor(readonly failure: PscFailure, detail?: string) {
    // The detail is the PSC's own error code (e.g. "access_denied"), never a token or a secret.
    super(failure === "unavailable" ? "upstream_unavailable" : "certificate_invalid", MESSAGES[failure], detail ? { psc: detail } : undefined);
    this.name = "PscError";
  }

  /** A denial or a wrong code is the doctor's answer: trying again behind their back would be wrong. */
  get isFinal(): boolean {
    return this.failure === "denied" || this.failure === "wrong_code" || this.failure === "timed_out" || this.failure === "not_holder" || this.failure === "bad_signature";
  }
}

export const isPscError = (error: unknown): error is PscError => error instanceof PscError;
