// What the doctor reads while a document waits for the patient's CPF or address.
import type { PatientDataField } from "../../chat-events/types.js";

const FIELD = { cpf: "o CPF", address: "o endereço" } as const;

/** ["cpf", "address"] -> "o CPF e o endereço" */
export const fieldList = (fields: readonly PatientDataField[]) => fields.map((f) => FIELD[f]).join(" e ");

export const patientDataTexts = {
  missing: (patient: string, fields: readonly PatientDataField[]) => [
    `Para emitir, falta ${fieldList(fields)} de *${patient}* (exigido por lei no documento).`,
    "*1* Digitar agora",
    "*2* Pedir ao paciente pelo WhatsApp",
    "*3* Cancelar",
  ].join("\n"),
  askCpf: (patient: string) => `Digite o CPF de *${patient}* (só os números).`,
  askAddress: (patient: string) => `Digite o endereço de *${patient}* em uma linha: rua, número, bairro, cidade e CEP.`,
  cpfInvalid: "Esse CPF não confere (dígitos verificadores). Confira os 11 números e digite de novo.",
  addressInvalid: "Não entendi o endereço. Escreva em uma linha, com rua, número, cidade e CEP.",
  choose: "Responda *1* para digitar agora, *2* para pedir ao paciente ou *3* para cancelar.",
  asked: (patient: string, fields: readonly PatientDataField[]) =>
    `Pedi ${fieldList(fields)} a *${patient}* pelo WhatsApp. Emito o documento assim que chegar; aviso você.`,
  noConsent: (patient: string) =>
    `*${patient}* revogou o consentimento para este WhatsApp: não posso pedir por aqui. Responda *1* para digitar os dados agora, ou *3* para cancelar.`,
  notOpen: "Esse documento não está mais esperando dados (já foi emitido ou cancelado).",
  stillMissing: (fields: readonly PatientDataField[]) => `Ainda falta ${fieldList(fields)}.`,
  answered: (patient: string) => `*${patient}* enviou os dados pedidos.`,
} as const;
