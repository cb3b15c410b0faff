// What a patient reads about their voice notes (voice.ts).
import type { VoiceNoteFailure } from "../../chat-events/types.js";

export const voiceTexts = {
  beforeConsent: "Recebi seu áudio. Antes de ouvi-lo, preciso do seu consentimento:",
  unheard: (reason: VoiceNoteFailure) => {
    switch (reason) {
      case "silent":
        return "Não consegui entender seu áudio: parece estar sem som. Pode escrever sua mensagem ou mandar o áudio de novo?";
      case "tooLong":
        return "Seu áudio ficou longo demais para mim (até 5 minutos). Pode escrever ou mandar um áudio mais curto?";
      default:
        return "Não consegui ouvir seu áudio agora. Pode escrever sua mensagem, por favor?";
    }
  },
} as const;
