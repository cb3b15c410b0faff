// A patient's question no rule understood, matched by a model to the clinic's
// entries (src/ai/openai-question-matcher.ts). Without a model, or when it
// fails or is slow, the answer is "none": the chat says it did not understand
// rather than keep the patient waiting.
import type { EffectHandlers } from "./scope.js";
import { event, WaitsOutside } from "./scope.js";

export const questionEffects: EffectHandlers<"matchClinicQuestion"> = {
  matchClinicQuestion: async (_sql, effect, scope) => {
    const matcher = scope.services?.questionMatcher;
    if (!matcher) return event({ type: "clinicQuestionMatched", index: null });
    // Seconds on the model must not hold the other chats of a batch: this turn is taken again, alone.
    if (scope.batched) throw new WaitsOutside(scope.clinicId, scope.chatKey);
    try {
      return event({ type: "clinicQuestionMatched", index: await matcher.choose(effect.text, effect.questions) });
    } catch {
      return event({ type: "clinicQuestionMatched", index: null });
    }
  },
};
