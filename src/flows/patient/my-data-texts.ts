// What the patient reads when the clinic asks for, or they give, their CPF and address.
import type { PatientDataField, SignedDocumentKind } from "../../chat-events/types.js";

const FIELD = { cpf: "do seu CPF", address: "do seu endereço" } as const;
const YOUR_DOCUMENT: Record<SignedDocumentKind, string> = { prescription: "sua receita", certificate: "seu atestado", exam_request: "seu pedido de exames" };

/** "Dra. Ana Souza" -> "A Dra. Ana Souza"; "Dr. João" -> "O Dr. João"; a name without title stays as it is. */
export function professionalSubject(name: string): string {
  if (/^dra\.?\s/i.test(name)) return `A ${name}`;
  if (/^dr\.?\s/i.test(name)) return `O ${name}`;
  return name;
}

export const myDataTexts = {
  requested: (professional: string, fields: readonly PatientDataField[], kind: SignedDocumentKind) =>
    `${professionalSubject(professional)} precisa ${fields.map((f) => FIELD[f]).join(" e ")} para emitir ${YOUR_DOCUMENT[kind]}, como a lei exige no documento.`,
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
