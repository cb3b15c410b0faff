// The length of a voice note, read from its bytes (OGG/Opus from WhatsApp,
// also MP3, M4A, WAV). Undefined when the bytes are not a readable audio file.

export async function audioDurationSeconds(data: Buffer, mimetype: string): Promise<number | undefined> {
  // music-metadata (and the file-type readers under it) loads on the first voice note, not at start.
  const { parseBuffer } = await import("music-metadata");
  try {
    const metadata = await parseBuffer(new Uint8Array(data), { mimeType: mimetype.split(";")[0]?.trim(), size: data.length }, { duration: true });
    const seconds = metadata.format.duration;
    return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  } catch {
    return undefined;
  }
}
