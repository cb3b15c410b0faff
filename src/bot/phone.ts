// Phone numbers are kept in E.164 ("+5511987654321"), the form WhatsApp uses.

/** "+55 (11) 98765-4321", "5511987654321" or "11987654321" -> "+5511987654321"; undefined if not a phone. */
export function toE164(raw: string, defaultCountry = "55"): string | undefined {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, "");
  let full: string;
  if (trimmed.startsWith("+")) full = digits;
  else if (digits.length >= 12) full = digits;
  else if (digits.length === 10 || digits.length === 11) full = defaultCountry + digits; // DDD + number
  else return undefined;
  if (full.length < 8 || full.length > 15 || full.startsWith("0")) return undefined;
  return `+${full}`;
}
