// Registers a dependant the patient named in the chat (src/scheduling/dependants.ts).
import type { Sql } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { requireDependant, saveDependant } from "../../scheduling/dependants.js";
import { findConsentingChatPatientId, saveMissingBirthDate } from "./effect-statements.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

export const dependantEffects: EffectHandlers<"saveDependant" | "saveBirthDate"> = {
  // A birth date already known (given by the reception, say) is not replaced by one typed in the chat.
  saveBirthDate: async (sql, effect, scope) => {
    const chatPatient = await chatPatientId(sql, scope);
    const patientId = effect.forPatientId ? await requireDependant(sql, chatPatient, effect.forPatientId) : chatPatient;
    await saveMissingBirthDate(sql, patientId, effect.birthDate, scope.now);
  },
  saveDependant: async (sql, effect, scope) => {
    const guardianId = await chatPatientId(sql, scope);
    const saved = await saveDependant(sql, guardianId, effect, scope.now, { type: "patient", id: guardianId });
    return event({ type: "dependantSaved", patientId: saved.id, name: effect.name, birthDate: effect.birthDate, relationship: effect.relationship });
  },
};

async function chatPatientId(sql: Sql, scope: TurnScope): Promise<string> {
  const patientId = await findConsentingChatPatientId(sql, scope.clinicId, scope.chatKey);
  if (!patientId) throw new AppError("consent_required", "a dependant needs a consenting guardian");
  return patientId;
}
