import { describe, expect, it } from "vitest";
import { chatKeyForWhatsAppId, toE164, withoutNinthDigit } from "./phone.js";

// Every Brazilian area code (DDD) in use, from Anatel's numbering plan.
const AREA_CODES = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49,
  51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89,
  91, 92, 93, 94, 95, 96, 97, 98, 99,
];

describe("chat key of a WhatsApp id", () => {
  it.each(AREA_CODES)("gives a mobile of area code %i its ninth digit, whichever form Meta sends", (ddd) => {
    expect(chatKeyForWhatsAppId(`55${ddd}87654321`)).toBe(`+55${ddd}987654321`);
    expect(chatKeyForWhatsAppId(`55${ddd}987654321`)).toBe(`+55${ddd}987654321`);
    expect(chatKeyForWhatsAppId(`55${ddd}61234567`)).toBe(`+55${ddd}961234567`);
    expect(withoutNinthDigit(`+55${ddd}987654321`)).toBe(`+55${ddd}87654321`);
  });

  it.each([
    ["a São Paulo landline", "551132345678", "+551132345678"],
    ["a Porto Alegre landline", "555121234567", "+555121234567"],
    ["a landline starting with 4", "554140041234", "+554140041234"],
    ["a landline starting with 5", "556135551234", "+556135551234"],
    ["a number of another country", "14155550100", "+14155550100"],
    ["a Portuguese mobile", "351912345678", "+351912345678"],
    ["a wa_id with a plus", "+5521987654321", "+5521987654321"],
  ])("keeps %s as it is", (_name, waId, key) => {
    expect(chatKeyForWhatsAppId(waId)).toBe(key);
  });

  it.each([
    ["a landline", "+551132345678"],
    ["a mobile already without the nine", "+551187654321"],
    ["another country", "+14155550100"],
    ["a 9-digit number whose second digit is not a mobile's", "+5511912345678"],
  ])("has no other stored form for %s", (_name, key) => {
    expect(withoutNinthDigit(key)).toBeUndefined();
  });

  it("agrees with toE164 for a number typed with the nine", () => {
    expect(chatKeyForWhatsAppId(toE164("(11) 98765-4321")!.slice(1))).toBe("+5511987654321");
  });
});
