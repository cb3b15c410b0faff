// The one error type of the product. Each code maps to an HTTP status for the
// admin API and to the Portuguese sentence a patient or doctor sees in chat,
// so no stack trace or English message ever reaches a person.

export const errorCatalog = {
  validation_failed: { status: 400, chat: "Não entendi os dados enviados. Pode conferir e mandar de novo?" },
  unauthorized: { status: 401, chat: "Acesso não autorizado." },
  forbidden: { status: 403, chat: "Você não tem permissão para isso." },
  not_found: { status: 404, chat: "Não encontrei o que você pediu." },
  conflict: { status: 409, chat: "Isso acabou de mudar. Vamos tentar de novo?" },
  slot_taken: { status: 409, chat: "Esse horário acabou de ser ocupado." },
  conflicts_with_bookings: { status: 409, chat: "Há consultas marcadas nesse horário." },
  consent_required: { status: 409, chat: "Preciso do seu consentimento antes de guardar seus dados." },
  rqe_required: { status: 400, chat: "Uma especialidade só aparece no documento com o RQE do médico." },
  document_incomplete: { status: 422, chat: "Faltam dados obrigatórios para emitir o documento." },
  document_blocked: { status: 422, chat: "Esse tipo de documento não pode ser emitido por aqui." },
  certificate_invalid: { status: 422, chat: "O certificado digital não pôde ser usado." },
  payment_unavailable: { status: 422, chat: "O pagamento por Pix não está disponível agora." },
  rate_limited: { status: 429, chat: "Você enviou muitas mensagens seguidas. Aguarde um instante e tente de novo." },
  message_too_long: { status: 413, chat: "Sua mensagem ficou longa demais para eu ler por aqui. Pode mandar um resumo mais curto, ou dividir em partes?" },
  media_too_large: { status: 413, chat: "Esse arquivo é grande demais para eu receber por aqui. Pode enviar um arquivo menor?" },
  payload_too_large: { status: 413, chat: "Esse envio é grande demais. Pode mandar algo menor?" },
  unsupported_media_type: { status: 415, chat: "Não consegui ler esse formato." },
  invalid_json: { status: 400, chat: "Não entendi os dados enviados. Pode conferir e mandar de novo?" },
  last_operator_key: { status: 409, chat: "Essa é a última chave de operador ativa; crie outra antes de revogá-la." },
  upstream_unavailable: { status: 503, chat: "Um serviço externo está fora do ar. Vou tentar de novo em instantes." },
  not_configured: { status: 503, chat: "Esse recurso ainda não foi configurado pela clínica." },
  internal: { status: 500, chat: "Desculpe, tive um problema aqui. Já estou tentando de novo." },
} as const satisfies Record<string, { status: number; chat: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorCatalog[this.code].status;
  }

  /** The Portuguese text for a chat; `message` may carry a more specific one. */
  chatText(): string {
    return errorCatalog[this.code].chat;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
