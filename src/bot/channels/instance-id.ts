// The id an instance claims WhatsApp leases and outbox rows under. Kept apart
// from the Baileys manager so the service can name itself without loading Baileys.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";

export const defaultInstanceId = (): string => `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
