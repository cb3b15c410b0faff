// `npm run secrets:reencrypt`: after a key rotation (new ENCRYPTION_KEY, the
// old one moved to ENCRYPTION_KEY_PREVIOUS), re-seals every encrypted column
// under the new key. Safe to run again; prints what it did as JSON. When it
// reports no unreadable value, the old key can leave ENCRYPTION_KEY_PREVIOUS.
import { loadConfig } from "../config.js";
import { openDatabase } from "./open.js";
import { loadCipher } from "../crypto/encryption.js";
import { reencryptAll } from "./reencrypt.js";

try {
  process.loadEnvFile();
} catch {
  // no .env file
}
const config = loadConfig();
const cipher = await loadCipher(config, (message) => process.stderr.write(`${message}\n`));
const db = await openDatabase(config);
try {
  const reports = await reencryptAll(db, cipher);
  const unreadable = reports.reduce((sum, report) => sum + report.unreadable, 0);
  process.stdout.write(`${JSON.stringify({ keyId: cipher.keyId, reports }, null, 2)}\n`);
  process.exitCode = unreadable > 0 ? 1 : 0;
} finally {
  await db.close();
}
