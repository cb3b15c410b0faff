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

// Brazil added a ninth digit (a leading 9) to every mobile number between 2012
// and 2016, but Meta's wa_id for many accounts created before still omits it:
// "551187654321" and "5511987654321" are one person. Mobiles start with 6-9
// after the area code (the old 8-digit form) or with 9 (the new 9-digit form);
// landlines start with 2-5 and keep 8 digits.
const BR_MOBILE_WITHOUT_NINE = /^55([1-9][1-9])([6-9]\d{7})$/;
const BR_MOBILE_WITH_NINE = /^55([1-9][1-9])9([6-9]\d{7})$/;

/** Meta's wa_id ("551187654321") as the chat key, with the ninth digit of a Brazilian mobile: "+5511987654321". */
export function chatKeyForWhatsAppId(waId: string): string {
  const digits = waId.replace(/\D/g, "");
  const missingNine = BR_MOBILE_WITHOUT_NINE.exec(digits);
  return missingNine ? `+55${missingNine[1]}9${missingNine[2]}` : `+${digits}`;
}

/**
 * The form a Brazilian mobile may have been stored in before the ninth digit
 * was added ("+5511987654321" -> "+551187654321"); undefined for any other number.
 */
export function withoutNinthDigit(e164: string): string | undefined {
  const withNine = BR_MOBILE_WITH_NINE.exec(e164.replace(/\D/g, ""));
  return withNine ? `+55${withNine[1]}${withNine[2]}` : undefined;
}
