import type { Prisma } from "./generated/client.js";

/** The client handed to an interactive transaction's callback. */
export type Tx = Prisma.TransactionClient;
