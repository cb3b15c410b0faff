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
import {
  deleteAuthKeysExcept, deleteAuthState, deleteAuthValues, findAuthValue, listAuthValues, upsertAuthValue, upsertAuthValues,
} from "./baileys-statements.js";

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

  const stored = await findAuthValue(db.sql, clinicId, CREDS.type, CREDS.keyId);
  const creds = stored ? (open(stored) as AuthenticationCreds) : initAuthCreds();

  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      if (ids.length === 0) return found;
      const rows = await listAuthValues(db.sql, clinicId, type, ids);
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
          await upsertAuthValues(sql, clinicId, upserts, new Date());
        }
        if (deletes.length > 0) {
          await deleteAuthValues(sql, clinicId, deletes);
        }
      });
    },
    async clear() {
      await deleteAuthKeysExcept(db.sql, clinicId, CREDS.type);
    },
  };

  return {
    creds,
    keys,
    saveCreds: async () => {
      await upsertAuthValue(db.sql, { clinicId, type: CREDS.type, keyId: CREDS.keyId, value: seal(creds), now: new Date() });
    },
    clear: async () => {
      await deleteAuthState(db.sql, clinicId);
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
