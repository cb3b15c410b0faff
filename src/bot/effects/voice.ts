// A patient's voice note handed to transcription inside the turn's
// transaction (src/records/voice-notes.ts); the transcript comes back later
// as a chat event.
import { startVoiceNote } from "../../records/voice-notes.js";
import { event, type EffectHandlers } from "./scope.js";

export const voiceEffects: EffectHandlers<"transcribeVoiceNote"> = {
  transcribeVoiceNote: async (sql, effect, scope) => {
    const deps = scope.services?.records;
    if (!deps?.settings.transcriptionConfigured) return event({ type: "voiceNoteRefused" });
    const place = { clinicId: scope.clinicId, chatKey: scope.chatKey, inboxMessageId: scope.inboxMessageId, now: scope.now };
    const started = await startVoiceNote(sql, { ...deps, events: scope.events }, place, effect.mediaId, effect.previousInboundAt);
    return started.kind === "refused" ? event({ type: "voiceNoteRefused" }) : undefined;
  },
};
