// Recognises a unique-constraint violation however it arrives: Prisma's
// P2002, or (through the PGlite adapter, which pins an older adapter-utils
// whose errors Prisma does not map) a driver error carrying SQLSTATE 23505.
export function isUniqueViolation(error: unknown): boolean {
  return hasSqlState(error, "23505", 0) || (error as { code?: unknown } | null)?.code === "P2002";
}

export function isExclusionViolation(error: unknown): boolean {
  return hasSqlState(error, "23P01", 0);
}

function hasSqlState(error: unknown, state: string, depth: number): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const record = error as Record<string, unknown>;
  if (record.code === state || record.originalCode === state) return true;
  if (typeof record.message === "string" && state === "23505" && record.message.includes("duplicate key value violates unique constraint")) return true;
  if (typeof record.message === "string" && state === "23P01" && record.message.includes("violates exclusion constraint")) return true;
  return hasSqlState(record.cause, state, depth + 1) || hasSqlState(record.meta, state, depth + 1);
}
