import { objectIdentifier, octetString, sequence, ia5String } from "./der.js";
import { OID } from "./oids.js";

// ICP-Brasil PAdES AD-RB v1.3. The hash is the signPolicyHash recorded in
// ITI's list of approved policies (LPA_PAdES.der), which is what validators
// compare — not a hash of the policy file as downloaded.
export const PADES_AD_RB_V1_3 = {
  oid: "2.16.76.1.7.1.11.1.3",
  sha256Hex: "23da544aef71f7a75dc85fa6e17a83875741e4baef41ec178258a5c86ace54dd",
  uri: "http://politicas.icpbrasil.gov.br/PA_PAdES_AD_RB_v1_3.der",
} as const;

/**
 * SignaturePolicyIdentifier (RFC 5126 5.8.1) as DER. The hash's
 * AlgorithmIdentifier has ABSENT parameters (300b0609608648016503040201):
 * with an explicit NULL the ITI validator answers "o valor do resumo
 * criptográfico não é equivalente ao esperado", even though pdfsig accepts it.
 */
export function signaturePolicyIdentifierDer(policy = PADES_AD_RB_V1_3): Buffer {
  const hashAlgorithm = sequence(objectIdentifier(OID.sha256));
  const policyHash = sequence(hashAlgorithm, octetString(Buffer.from(policy.sha256Hex, "hex")));
  const uriQualifier = sequence(objectIdentifier(OID.spqEtsUri), ia5String(policy.uri));
  return sequence(objectIdentifier(policy.oid), policyHash, sequence(uriQualifier));
}
