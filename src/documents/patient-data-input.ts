// Reads the CPF and the address as a doctor or a patient types them in the
// chat. Pure, so both flows validate before anything is stored.
import { isValidCpf } from "./cpf.js";

/** "529.982.247-25", "52998224725", "cpf 529 982 247 25" -> the 11 digits; undefined when they do not check. */
export function readCpf(text: string): string | undefined {
  const digits = text.replace(/\D/g, "");
  return isValidCpf(digits) ? digits : undefined;
}

/** True when the text is meant as a CPF (mostly digits), valid or not. */
export function looksLikeCpf(text: string): boolean {
  const digits = text.replace(/\D/g, "");
  return digits.length >= 9 && digits.length <= 14 && text.replace(/[\d\s.\-/]|cpf|:/gi, "").length === 0;
}

/**
 * One line with a street and a number: "Rua das Flores, 10, ap 3 - Centro,
 * São Paulo/SP 01310100" -> "Rua das Flores, 10, ap 3 - Centro, São Paulo/SP,
 * CEP 01310-100". A CEP is recognised with or without its hyphen or label.
 */
export function readAddress(text: string): string | undefined {
  let line = text.replace(/\s+/g, " ").trim();
  if (line.length < 10 || line.length > 300 || !/\p{Letter}{3}/u.test(line) || !/\d/.test(line)) return undefined;
  const cep = /(?:\bCEP[:\s]*)?\b(\d{5})[-.\s]?(\d{3})\b/i.exec(line);
  if (cep) {
    const rest = (line.slice(0, cep.index) + line.slice(cep.index + cep[0].length)).replace(/[\s,;-]+$/, "").replace(/\s+,/g, ",").trim();
    line = `${rest}, CEP ${cep[1]}-${cep[2]}`;
  }
  return line;
}
