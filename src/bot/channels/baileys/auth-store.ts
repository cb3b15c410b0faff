// Baileys auth state in the database instead of files: the creds and every
// Signal key type (pre-key, session, sender-key, app-state-sync-*, lid-mapping,
// device-list, tctoken, identity-key, ...) as one encrypted row each. A
// `keys.set` batch is one transaction, so a crash never leaves half a
// ratchet update behind. Modelled on Baileys' useMultiFileAuthState.
import {
  BufferJSON, initAuthCreds, proto,
  type AuthenticationCreds, type SignalDataSet, type SignalDataTypeMap, type SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";

const CREDS = { type: "creds", keyId: "creds" } as const;

export interface DatabaseAuthState {
  creds: AuthenticationCreds;
  /** The raw store; put makeCacheableSignalKeyStore in front of it for a socket. */
  keys: SignalKeyStore;
  saveCreds(): Promise<void>;
  /** Forgets the whole session (after a logout): the next connection pairs anew. */
  clear(): Promise<void>;
}

export async function loadAuthState(db: Database, clinicId: string, cipher: Cipher): Promise<DatabaseAuthState> {
  const seal = (value: unknown) => cipher.encrypt(JSON.stringify(value, BufferJSON.replacer));
  const open = (sealed: string): unknown => JSON.parse(cipher.decrypt(sealed), BufferJSON.reviver);

  const [stored] = await db.sql.query<{ value: string }>(
    `SELECT value FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type = $2 AND "keyId" = $3`,
    [clinicId, CREDS.type, CREDS.keyId],
  );
  const creds = stored ? (open(stored.value) as AuthenticationCreds) : initAuthCreds();

  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      if (ids.length === 0) return found;
      const rows = await db.sql.query<{ keyId: string; value: string }>(
        `SELECT "keyId", value FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type = $2 AND "keyId" = ANY($3::text[])`,
        [clinicId, type, ids],
      );
      for (const row of rows) {
        let value = open(row.value);
        // The file store does the same: this one type must be a protobuf object again.
        if (type === "app-state-sync-key" && value) value = proto.Message.AppStateSyncKeyData.fromObject(value as object);
        found[row.keyId] = value as SignalDataTypeMap[T];
      }
      return found;
    },
    async set(data: SignalDataSet) {
      const upserts: { type: string; keyId: string; value: string }[] = [];
      const deletes: { type: string; keyId: string }[] = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [keyId, value] of Object.entries(entries ?? {})) {
          if (value === null || value === undefined) deletes.push({ type, keyId });
          else upserts.push({ type, keyId, value: seal(value) });
        }
      }
      if (upserts.length === 0 && deletes.length === 0) return;
      await db.transaction(async (sql) => {
        if (upserts.length > 0) {
          await sql.query(
            `INSERT INTO "WhatsAppAuthKey" ("clinicId", type, "keyId", value, "updatedAt")
             SELECT $1, t, k, v, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS u(t, k, v)
             ON CONFLICT ("clinicId", type, "keyId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`,
            [clinicId, upserts.map((u) => u.type), upserts.map((u) => u.keyId), upserts.map((u) => u.value), new Date()],
          );
        }
        if (deletes.length > 0) {
          await sql.query(
            `DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1
               AND (type, "keyId") IN (SELECT t, k FROM unnest($2::text[], $3::text[]) AS d(t, k))`,
            [clinicId, deletes.map((d) => d.type), deletes.map((d) => d.keyId)],
          );
        }
      });
    },
    async clear() {
      await db.sql.query(`DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type <> $2`, [clinicId, CREDS.type]);
    },
  };

  return {
    creds,
    keys,
    saveCreds: async () => {
      await db.sql.query(
        `INSERT INTO "WhatsAppAuthKey" ("clinicId", type, "keyId", value, "updatedAt") VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ("clinicId", type, "keyId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`,
        [clinicId, CREDS.type, CREDS.keyId, seal(creds), new Date()],
      );
    },
    clear: async () => {
      await db.sql.query(`DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1`, [clinicId]);
    },
  };
}

/** The phone ("5511987654321") Baileys' lid-mapping store knows for a LID user ("123456789"), if any. */
export async function phoneForLid(keys: SignalKeyStore, lidUser: string): Promise<string | undefined> {
  const id = `${lidUser}_reverse`;
  const found = await keys.get("lid-mapping", [id]);
  const pnUser = found[id];
  return typeof pnUser === "string" && pnUser ? pnUser : undefined;
}
