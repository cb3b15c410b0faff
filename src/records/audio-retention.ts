// Voice notes are deleted once their note is final: at once by default
// (AUDIO_RETENTION_DAYS=0), else by the timed task below after N days.
import type { Sql } from "../db/database.js";
import {
  clearAudioDeleteAfter, deleteAudioMedia, listDictationsWithExpiredAudio, listSegmentAudio, setAudioDeleteAfter, unlinkSegmentAudio,
} from "./records-statements.js";

export async function deleteDictationAudio(sql: Sql, dictationId: string): Promise<void> {
  const segments = await listSegmentAudio(sql, dictationId);
  await unlinkSegmentAudio(sql, dictationId);
  const ids = segments.map((segment) => segment.audioMediaId);
  if (ids.length > 0) await deleteAudioMedia(sql, ids);
  await clearAudioDeleteAfter(sql, dictationId);
}

export async function finalizeAudio(sql: Sql, dictationId: string, now: Date, retentionDays: number): Promise<void> {
  if (retentionDays <= 0) return deleteDictationAudio(sql, dictationId);
  await setAudioDeleteAfter(sql, dictationId, new Date(now.getTime() + retentionDays * 86_400_000));
}

/** Timed task: deletes the audio of final dictations whose retention has passed. */
export async function purgeExpiredAudio(sql: Sql, now: Date): Promise<number> {
  const due = await listDictationsWithExpiredAudio(sql, now);
  for (const row of due) await deleteDictationAudio(sql, row.id);
  return due.length;
}
