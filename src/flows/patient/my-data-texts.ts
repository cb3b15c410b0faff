// What the patient reads when the clinic asks for, or they give, their CPF and address.
import type { PatientDataField, SignedDocumentKind } from "../../chat-events/types.js";

const FIELD = { cpf: "do seu CPF", address: "do seu endereço" } as const;
const THEIR_FIELD = { cpf: "do CPF", address: "do endereço" } as const;
const YOUR_DOCUMENT: Record<SignedDocumentKind, string> = { prescription: "sua receita", certificate: "seu atestado", exam_request: "seu pedido de exames" };
const THE_DOCUMENT: Record<SignedDocumentKind, string> = { prescription: "a receita", certificate: "o atestado", exam_request: "o pedido de exames" };

/** "Dra. Ana Souza" -> "A Dra. Ana Souza"; "Dr. João" -> "O Dr. João"; a name without title stays as it is. */
export function professionalSubject(name: string): string {
  if (/^dra\.?\s/i.test(name)) return `A ${name}`;
  if (/^dr\.?\s/i.test(name)) return `O ${name}`;
  return name;
}

export const myDataTexts = {
  /** `forName`: a dependant's document, asked of the guardian ("do CPF e do endereço de *Pedro*"). */
  requested: (professional: string, fields: readonly PatientDataField[], kind: SignedDocumentKind, forName?: string) => forName
    ? `${professionalSubject(professional)} precisa ${fields.map((f) => THEIR_FIELD[f]).join(" e ")} de *${forName}* para emitir ${THE_DOCUMENT[kind]}, como a lei exige no documento.`
    : `${professionalSubject(professional)} precisa ${fields.map((f) => FIELD[f]).join(" e ")} para emitir ${YOUR_DOCUMENT[kind]}, como a lei exige no documento.`,
  askCpfOf: (name: string) => `Digite o CPF de ${name} (só os números).`,
  askAddressOf: (name: string) => `Digite o endereço de ${name} em uma linha: rua, número, complemento, bairro, cidade e CEP.`,
  askCpf: "Digite seu CPF (só os números).",
  askAddress: "Digite seu endereço em uma linha: rua, número, complemento, bairro, cidade e CEP.",
  askCpfOptional: "Digite seu CPF (só os números), ou *pular* para manter o atual.",
  askAddressOptional: "Digite seu endereço em uma linha (rua, número, bairro, cidade e CEP), ou *pular* para manter o atual.",
  cpfInvalid: "Esse CPF não confere. Confira os 11 números e digite de novo.",
  addressInvalid: "Não entendi o endereço. Escreva em uma linha, com rua, número, cidade e CEP.",
  savedDocumentComing: "Obrigado! Guardei seus dados. Seu documento chega aqui em instantes.",
  saved: "Pronto, seus dados foram atualizados.",
  nothingChanged: "Tudo bem, nada foi alterado.",
} as const;
