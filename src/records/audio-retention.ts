// Voice notes are deleted once their note is final: at once by default
// (AUDIO_RETENTION_DAYS=0), else by the timed task below after N days.
import type { Sql } from "../db/database.js";

export async function deleteDictationAudio(sql: Sql, dictationId: string): Promise<void> {
  const segments = await sql.query<{ audioMediaId: string }>(
    `SELECT "audioMediaId" FROM "DictationSegment" WHERE "dictationId" = $1 AND "audioMediaId" IS NOT NULL`, [dictationId],
  );
  await sql.query(`UPDATE "DictationSegment" SET "audioMediaId" = NULL WHERE "dictationId" = $1`, [dictationId]);
  const ids = segments.map((segment) => segment.audioMediaId);
  if (ids.length > 0) await sql.query(`DELETE FROM "Media" WHERE id = ANY($1::text[])`, [ids]);
  await sql.query(`UPDATE "Dictation" SET "audioDeleteAfter" = NULL WHERE id = $1`, [dictationId]);
}

export async function finalizeAudio(sql: Sql, dictationId: string, now: Date, retentionDays: number): Promise<void> {
  if (retentionDays <= 0) return deleteDictationAudio(sql, dictationId);
  await sql.query(`UPDATE "Dictation" SET "audioDeleteAfter" = $2 WHERE id = $1`, [dictationId, new Date(now.getTime() + retentionDays * 86_400_000)]);
}

/** Timed task: deletes the audio of final dictations whose retention has passed. */
export async function purgeExpiredAudio(sql: Sql, now: Date): Promise<number> {
  const due = await sql.query<{ id: string }>(
    `SELECT id FROM "Dictation" WHERE "audioDeleteAfter" <= $1 ORDER BY "audioDeleteAfter" LIMIT 100`, [now],
  );
  for (const row of due) await deleteDictationAudio(sql, row.id);
  return due.length;
}
