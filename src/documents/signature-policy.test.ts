import { describe, expect, it } from "vitest";
import { PADES_AD_RB_V1_3, signaturePolicyIdentifierDer } from "./signature-policy.js";

describe("the AD-RB v1.3 signature policy identifier", () => {
  it("encodes OID, hash and URI exactly as ICP-Brasil validators expect", () => {
    const uri = Buffer.from("http://politicas.icpbrasil.gov.br/PA_PAdES_AD_RB_v1_3.der").toString("hex");
    const expected = [
      "308187",
      "0608604c0107010b0103", // 2.16.76.1.7.1.11.1.3
      "302f", "300b0609608648016503040201", // SHA-256, parameters absent
      "0420", "23da544aef71f7a75dc85fa6e17a83875741e4baef41ec178258a5c86ace54dd",
      "304a3048", "060b2a864886f70d010910050116", "39", uri, // id-spq-ets-uri, IA5String
    ].join("");
    expect(signaturePolicyIdentifierDer().toString("hex")).toBe(expected);
  });

  it("encodes the hash AlgorithmIdentifier with absent parameters, never NULL", () => {
    const der = signaturePolicyIdentifierDer().toString("hex");
    expect(der).toContain("300b0609608648016503040201");
    expect(der).not.toContain("300d06096086480165030402010500");
  });

  it("keeps the policy's OID, hash and URI in one constant", () => {
    expect(PADES_AD_RB_V1_3).toEqual({
      oid: "2.16.76.1.7.1.11.1.3",
      sha256Hex: "23da544aef71f7a75dc85fa6e17a83875741e4baef41ec178258a5c86ace54dd",
      uri: "http://politicas.icpbrasil.gov.br/PA_PAdES_AD_RB_v1_3.der",
    });
  });
});
